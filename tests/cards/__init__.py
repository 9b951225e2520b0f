"""Tests of QR cards and name badges."""
