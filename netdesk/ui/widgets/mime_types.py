"""Drag-and-drop formats netdesk offers and recognises (no imports: the main window reads
these before the database layer is loaded)."""

VCARD_MIME = "text/vcard"
LEGACY_VCARD_MIME = "text/x-vcard"
# Which people are being dragged, for drop targets inside netdesk (an event's attendees,
# say), which must not import the vCard as new people.
CONTACT_IDS_MIME = "application/x-netdesk-contact-ids"
