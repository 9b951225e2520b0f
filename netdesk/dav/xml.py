"""WebDAV XML read safely and written plainly. A server's reply is parsed with lxml with no
entity expansion, no DTD loading and no network; a reply that declares a DTD at all (entity
bombs, external entities) is refused, as is one that is not XML or not a multistatus."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from lxml import etree

from netdesk.dav.errors import BadServerReply

DAV = "DAV:"
CARDDAV = "urn:ietf:params:xml:ns:carddav"
CALDAV = "urn:ietf:params:xml:ns:caldav"
CALENDARSERVER = "http://calendarserver.org/ns/"

NAMESPACES = {"D": DAV, "C": CARDDAV, "CAL": CALDAV, "CS": CALENDARSERVER}


def tag(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


_DTD_REFUSED = "it declares a DTD with entities, which netdesk refuses"


def _declares_doctype(content: bytes) -> bool:
    """True when a DOCTYPE follows the XML declaration, comments and processing instructions:
    refused before parsing, so that not even an entity bomb's declarations are read. (A linear
    scan: a regular expression could be made to backtrack for minutes.)"""
    at = 3 if content.startswith(b"\xef\xbb\xbf") else 0
    while True:
        while at < len(content) and content[at] in b" \t\r\n":
            at += 1
        if content.startswith(b"<?", at):
            end = content.find(b"?>", at + 2)
            at = end + 2
        elif content.startswith(b"<!--", at):
            end = content.find(b"-->", at + 4)
            at = end + 3
        else:
            return content.startswith(b"<!DOCTYPE", at)
        if end < 0:
            return False


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )


def parse(content: bytes, url: str) -> etree._Element:
    """The root element of a server's XML reply; BadServerReply for anything else."""
    if not content.strip():
        raise BadServerReply(url, "the reply is empty")
    if _declares_doctype(content):
        raise BadServerReply(url, _DTD_REFUSED)
    try:
        root = etree.fromstring(content, _parser())
    except etree.XMLSyntaxError as error:
        raise BadServerReply(url, f"it is not well-formed XML ({error.msg})") from None
    except ValueError as error:
        raise BadServerReply(url, f"it is not XML ({error})") from None
    if root is None:
        raise BadServerReply(url, "the reply is empty")
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None or docinfo.doctype:
        raise BadServerReply(url, _DTD_REFUSED)
    return root


def status_code(text: str | None) -> int | None:
    """200 from "HTTP/1.1 200 OK"."""
    parts = (text or "").split()
    if len(parts) >= 2 and parts[1].isdigit():
        return int(parts[1])
    return None


@dataclass
class PropResponse:
    """One <response> of a multistatus: its href, the response's own status (sync-collection
    names removed members so) and the properties found (status 200), by Clark name."""

    href: str
    status: int | None = None
    props: dict[str, etree._Element] = field(default_factory=dict)

    def text(self, name: str) -> str:
        element = self.props.get(name)
        if element is None:
            return ""
        return (element.text or "").strip()

    def hrefs(self, name: str) -> list[str]:
        """The <href> values inside a property (current-user-principal, home sets)."""
        element = self.props.get(name)
        if element is None:
            return []
        return [(h.text or "").strip() for h in element.iter(tag(DAV, "href")) if h.text]

    def has(self, name: str) -> bool:
        return name in self.props


def multistatus(content: bytes, url: str) -> tuple[list[PropResponse], etree._Element]:
    """The responses of a 207 Multi-Status reply and its root (for a top-level sync-token)."""
    root = parse(content, url)
    if root.tag != tag(DAV, "multistatus"):
        raise BadServerReply(
            url, f"a multistatus was expected, not <{etree.QName(root).localname}>"
        )
    found = []
    for response in root.iterchildren(tag(DAV, "response")):
        href = (response.findtext(tag(DAV, "href")) or "").strip()
        if not href:
            raise BadServerReply(url, "a response names no href")
        item = PropResponse(href=href, status=status_code(response.findtext(tag(DAV, "status"))))
        for propstat in response.iterchildren(tag(DAV, "propstat")):
            if status_code(propstat.findtext(tag(DAV, "status"))) != 200:
                continue
            prop = propstat.find(tag(DAV, "prop"))
            if prop is None:
                continue
            for element in prop:
                if isinstance(element.tag, str):
                    item.props[element.tag] = element
        found.append(item)
    return found, root


def error_details(content: bytes) -> tuple[str, str]:
    """The first CardDAV/CalDAV precondition in a <DAV:error> body (e.g. "no-uid-conflict")
    and its responsedescription on one line (at most 200 characters); ("", "") for none."""
    try:
        root = parse(content, "")
    except BadServerReply:
        return "", ""
    if root.tag != tag(DAV, "error"):
        return "", ""
    # Only CardDAV/CalDAV preconditions: sabre/dav sends its own elements (exception,
    # message) with every error, a failed If-Match included.
    names = [
        etree.QName(child).localname
        for child in root
        if isinstance(child.tag, str) and etree.QName(child).namespace in (CARDDAV, CALDAV)
    ]
    description = " ".join((root.findtext(tag(DAV, "responsedescription")) or "").split())
    return (names[0] if names else ""), description[:200]


def error_names(content: bytes) -> set[str]:
    """The Clark names of the preconditions in a <DAV:error> body (valid-sync-token ...); an
    unreadable body gives none (it only refines an error already known)."""
    try:
        root = parse(content, "")
    except BadServerReply:
        return set()
    if root.tag != tag(DAV, "error"):
        return set()
    return {child.tag for child in root if isinstance(child.tag, str)}


# --- request bodies ----------------------------------------------------------------------

_XML = '<?xml version="1.0" encoding="utf-8"?>\n'
_NS = f'xmlns:D="{DAV}" xmlns:C="{CARDDAV}" xmlns:CAL="{CALDAV}" xmlns:CS="{CALENDARSERVER}"'


def propfind(*props: str) -> bytes:
    """A PROPFIND body asking for PROPS given as "D:getetag", "C:addressbook-home-set" ..."""
    inner = "".join(f"<{p}/>" for p in props)
    return f"{_XML}<D:propfind {_NS}><D:prop>{inner}</D:prop></D:propfind>".encode()


def sync_collection(token: str) -> bytes:
    token_xml = f"<D:sync-token>{escape(token)}</D:sync-token>" if token else "<D:sync-token/>"
    return (
        f"{_XML}<D:sync-collection {_NS}>{token_xml}<D:sync-level>1</D:sync-level>"
        "<D:prop><D:getetag/></D:prop></D:sync-collection>"
    ).encode()


def multiget(kind: str, hrefs: list[str]) -> bytes:
    if kind == "contacts":
        report, data = "C:addressbook-multiget", "C:address-data"
    else:
        report, data = "CAL:calendar-multiget", "CAL:calendar-data"
    listed = "".join(f"<D:href>{escape(h)}</D:href>" for h in hrefs)
    return (
        f"{_XML}<{report} {_NS}><D:prop><D:getetag/><{data}/></D:prop>{listed}</{report}>"
    ).encode()
