"""WebDAV, CardDAV and CalDAV spoken to servers over HTTP (httpx); no database, no Qt."""
