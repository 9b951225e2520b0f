"""A second client playing the phone (iPhone / DAVx5) with plain httpx: it writes cards and
tasks the way those write them and reads back what netdesk sent. Hrefs are server paths
("/ada/contacts-1/x.vcf"), as a server's multistatus names them; absolute URLs are accepted too."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, date, datetime

import httpx
from lxml import etree

from tests.sync.servers import DavTestServer

# A 1x1 PNG: small, but a real picture, as a phone attaches one.
PHOTO_PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2212bc90000000049454e44ae426082"
    )
).decode()

_PROPFIND_ETAGS = b"""<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:"><D:prop><D:getetag/><D:resourcetype/></D:prop></D:propfind>"""

_MULTIGET = """<?xml version="1.0" encoding="utf-8"?>
<C:{report} xmlns:D="DAV:" xmlns:C="{ns}"><D:prop><D:getetag/><C:{data}/></D:prop>{hrefs}
</C:{report}>"""

CARDDAV = "urn:ietf:params:xml:ns:carddav"
CALDAV = "urn:ietf:params:xml:ns:caldav"


def ios_card(
    full_name: str,
    *,
    uid: str = "",
    given: str = "",
    family: str = "",
    org: str = "",
    title: str = "",
    emails: tuple[str, ...] = (),
    phones: tuple[str, ...] = (),
    note: str = "",
    photo: bool = True,
    social: bool = True,
    impp: bool = True,
) -> str:
    """A vCard 3.0 the way iOS Contacts writes one: PRODID of the iPhone, the first email in an
    item group with an X-ABLabel, a base64 PHOTO, X-SOCIALPROFILE and IMPP, CRLF lines."""
    if not given and not family:
        given, _, family = full_name.rpartition(" ")
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//iPhone OS 17.5//EN",
        f"N:{family};{given};;;",
        f"FN:{full_name}",
    ]
    if org:
        lines.append(f"ORG:{org};")
    if title:
        lines.append(f"TITLE:{title}")
    for number, email in enumerate(emails):
        if number == 0:
            lines.append(f"item1.EMAIL;type=INTERNET;type=pref:{email}")
            lines.append("item1.X-ABLabel:_$!<Other>!$_")
        else:
            lines.append(f"EMAIL;type=INTERNET;type=WORK:{email}")
    for number, phone in enumerate(phones):
        kind = "CELL;type=VOICE;type=pref" if number == 0 else "WORK;type=VOICE"
        lines.append(f"TEL;type={kind}:{phone}")
    if social:
        handle = (given or full_name).lower().replace(" ", "")
        lines.append(
            f"X-SOCIALPROFILE;type=linkedin;x-user={handle}:http://www.linkedin.com/in/{handle}"
        )
    if impp:
        lines.append(f"IMPP;X-SERVICE-TYPE=Skype;type=pref:skype:{full_name.replace(' ', '.')}")
    if note:
        lines.append("NOTE:" + note.replace("\\", "\\\\").replace("\n", "\\n"))
    if photo:
        lines.append(f"PHOTO;ENCODING=b;TYPE=PNG:{PHOTO_PNG}")
    lines.append(f"UID:{uid or str(uuid.uuid4()).upper()}")
    lines.append("REV:2026-12-01T09:30:00Z")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def phone_task(
    uid: str,
    summary: str,
    *,
    due: date | None = None,
    done: bool = False,
    description: str = "",
) -> str:
    """A VCALENDAR with one VTODO as iOS Reminders / DAVx5 (tasks.org) write it."""
    stamp = "20261201T093000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Apple Inc.//iOS 17.5//EN",
        "CALSCALE:GREGORIAN",
        "BEGIN:VTODO",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"CREATED:{stamp}",
        f"LAST-MODIFIED:{stamp}",
        f"SUMMARY:{summary}",
    ]
    if due is not None:
        lines.append(f"DUE;VALUE=DATE:{due:%Y%m%d}")
    if description:
        lines.append("DESCRIPTION:" + description.replace("\n", "\\n"))
    if done:
        lines += ["STATUS:COMPLETED", f"COMPLETED:{stamp}", "PERCENT-COMPLETE:100"]
    else:
        lines.append("STATUS:NEEDS-ACTION")
    lines.append("X-APPLE-SORT-ORDER:774000000")
    lines += ["END:VTODO", "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"


class Phone:
    """Another client of the same account, with its own plain HTTP connection."""

    def __init__(self, server: DavTestServer) -> None:
        self.server = server
        self.http = server.client()

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Phone:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing ----------------------------------------------------------------------
    def _url(self, href: str) -> str:
        return str(httpx.URL(self.server.url).join(href))

    def _put(self, url: str, text: str, content_type: str, *, create: bool) -> str:
        headers = {"Content-Type": f"{content_type}; charset=utf-8"}
        if create:
            headers["If-None-Match"] = "*"
        response = self.http.put(url, content=text.encode(), headers=headers)
        assert response.status_code in (200, 201, 204), f"PUT {url}: {response.status_code}"
        return httpx.URL(url).path

    def _read_all(self, collection: str, kind: str) -> dict[str, str]:
        response = self.http.request(
            "PROPFIND",
            collection,
            content=_PROPFIND_ETAGS,
            headers={"Depth": "1", "Content-Type": "application/xml"},
        )
        assert response.status_code == 207, f"PROPFIND {collection}: {response.status_code}"
        base = httpx.URL(collection).path
        hrefs = []
        for resp in etree.fromstring(response.content).iter("{DAV:}response"):
            href = (resp.findtext("{DAV:}href") or "").strip()
            path = httpx.URL(self.server.url).join(href).path
            if path.rstrip("/") != base.rstrip("/"):
                hrefs.append(path)
        if not hrefs:
            return {}
        if kind == "contacts":
            report, ns, data = "addressbook-multiget", CARDDAV, "address-data"
        else:
            report, ns, data = "calendar-multiget", CALDAV, "calendar-data"
        body = _MULTIGET.format(
            report=report,
            ns=ns,
            data=data,
            hrefs="".join(f"<D:href>{h}</D:href>" for h in hrefs),
        )
        response = self.http.request(
            "REPORT",
            collection,
            content=body.encode(),
            headers={"Depth": "1", "Content-Type": "application/xml"},
        )
        assert response.status_code == 207, f"REPORT {collection}: {response.status_code}"
        found = {}
        for resp in etree.fromstring(response.content).iter("{DAV:}response"):
            href = httpx.URL(self.server.url).join((resp.findtext("{DAV:}href") or "").strip())
            text = resp.findtext(f".//{{{ns}}}{data}")
            if text is not None:
                found[href.path] = text
        return found

    # --- contacts ----------------------------------------------------------------------
    def put_card(self, name: str, text: str) -> str:
        """Create a card named NAME (".vcf" added when missing); returns its href."""
        if not name.endswith(".vcf"):
            name += ".vcf"
        return self._put(self.server.addressbook_url + name, text, "text/vcard", create=True)

    def cards(self) -> dict[str, str]:
        """Every card in the address book: href -> vCard text."""
        return self._read_all(self.server.addressbook_url, "contacts")

    def edit_card(self, href: str, text: str) -> None:
        self._put(self._url(href), text, "text/vcard", create=False)

    def delete_card(self, href: str) -> None:
        response = self.http.delete(self._url(href))
        assert response.status_code in (200, 204), f"DELETE {href}: {response.status_code}"

    # --- tasks -------------------------------------------------------------------------
    def put_task(
        self,
        summary: str,
        *,
        uid: str = "",
        due: date | None = None,
        done: bool = False,
        description: str = "",
        text: str = "",
    ) -> str:
        """Create a VTODO in the task list (or TEXT as given); returns its href."""
        uid = uid or str(uuid.uuid4()).upper()
        text = text or phone_task(uid, summary, due=due, done=done, description=description)
        return self._put(self.server.tasks_url + f"{uid}.ics", text, "text/calendar", create=True)

    def tasks(self) -> dict[str, str]:
        """Every task in the task list: href -> VCALENDAR text."""
        return self._read_all(self.server.tasks_url, "tasks")

    def edit_task(self, href: str, text: str) -> None:
        self._put(self._url(href), text, "text/calendar", create=False)

    def complete_task(self, href: str) -> None:
        """Tick the task done, as the phone does: STATUS, COMPLETED, PERCENT-COMPLETE."""
        text = self.http.get(self._url(href)).text
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        lines = [
            line
            for line in text.splitlines()
            if not line.startswith(("STATUS:", "COMPLETED:", "PERCENT-COMPLETE:", "LAST-MODIFIED:"))
        ]
        end = lines.index("END:VTODO")
        lines[end:end] = [
            "STATUS:COMPLETED",
            f"COMPLETED:{stamp}",
            "PERCENT-COMPLETE:100",
            f"LAST-MODIFIED:{stamp}",
        ]
        self.edit_task(href, "\r\n".join(lines) + "\r\n")

    def delete_task(self, href: str) -> None:
        response = self.http.delete(self._url(href))
        assert response.status_code in (200, 204), f"DELETE {href}: {response.status_code}"
