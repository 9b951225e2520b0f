"""Readers and writers for vCard, CSV and iCalendar: plain Python, no database, no Qt.

Readers yield plain records (`records.py`) and `Problem`s for what they could not read, so that
one bad card never stops a file; services decide what goes into the database.
"""
