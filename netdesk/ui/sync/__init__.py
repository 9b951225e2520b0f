"""Accounts, Sync now, conflicts and the sync history in the window."""
