"""Email drafts as files and links: `{placeholder}` templates, `mailto:` links (RFC 6068) and
`.eml` messages (RFC 5322). Plain text in, plain text out: no database, no widgets."""
