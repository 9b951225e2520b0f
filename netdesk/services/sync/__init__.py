"""Two-way sync of contacts, follow-ups and events with CardDAV/CalDAV servers."""
