"""QR business cards and printable name badges: plain Python plus QtGui painting, no widgets."""
