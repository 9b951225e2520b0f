"""Scanning paper business cards in the window: menu, drops and pastes, queue and review."""
