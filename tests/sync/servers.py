"""Real CardDAV/CalDAV servers for the sync tests: Radicale and Xandikos, each started as a
subprocess on a free loopback port with a temporary storage folder.

One process per server kind lives for the whole test session (starting one costs about a
second); each test gets fresh collections from `reset()`: every collection of the user is deleted
and an address book "Contacts", a task list "Tasks" and a calendar "Calendar" are made anew under
new paths, so nothing a test left (and no cached state in the server) reaches the next one.
"""

from __future__ import annotations

import itertools
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

USER = "ada"
PASSWORD = "secret-app-pw"
START_SECONDS = 20.0

_MKCOL_ADDRESSBOOK = """<?xml version="1.0" encoding="utf-8"?>
<D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:set><D:prop>
<D:resourcetype><D:collection/><C:addressbook/></D:resourcetype>
<D:displayname>{name}</D:displayname>
</D:prop></D:set></D:mkcol>"""

_MKCALENDAR = """<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
<D:displayname>{name}</D:displayname>
<C:supported-calendar-component-set><C:comp name="{component}"/>
</C:supported-calendar-component-set>
</D:prop></D:set></C:mkcalendar>"""

_PROPFIND_CHILDREN = """<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/></D:prop></D:propfind>"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ExitedAtStart(RuntimeError):
    pass


class DavTestServer:
    """A server process and the collections of the current test.

    Attributes: `kind` ("radicale" / "xandikos"), `url` ("http://127.0.0.1:PORT/"), `port`,
    `user`, `password`, `storage` (its folder), `principal_url`, `addressbook_home_url`,
    `calendar_home_url`, and after `reset()`: `addressbook_url`, `tasks_url`, `calendar_url`
    (absolute URLs ending in "/")."""

    kind = ""
    scheme = "http"

    def __init__(self, root: Path) -> None:
        self.root = root
        self.storage = root / "storage"
        self.storage.mkdir(parents=True, exist_ok=True)
        self.user = USER
        self.password = PASSWORD
        self._use_port(free_port())
        self.addressbook_url = ""
        self.tasks_url = ""
        self.calendar_url = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._serial = itertools.count(1)
        self._started = False
        self.log = root / "server.log"

    def _use_port(self, port: int) -> None:
        self.port = port
        self.url = f"{self.scheme}://127.0.0.1:{port}/"
        self.principal_url = f"{self.url}{USER}/"
        self.addressbook_home_url = self.principal_url
        self.calendar_home_url = self.principal_url

    # --- process -------------------------------------------------------------------------
    def command(self) -> list[str]:
        raise NotImplementedError

    def start(self) -> None:
        """Start the server (again: same port, same storage) and wait until it answers. At
        the first start, a port another program took meanwhile is replaced by a new one."""
        if self._process is not None and self._process.poll() is None:
            return
        for attempt in range(3):
            try:
                self._spawn()
                break
            except ExitedAtStart:
                if self._started or attempt == 2:
                    raise
                self._use_port(free_port())
        self._started = True

    def _spawn(self) -> None:
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(
                self.command(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                cwd=self.root,
            )
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while True:
            assert self._process is not None
            if self._process.poll() is not None:
                raise ExitedAtStart(f"{self.kind} exited at start:\n{self.log.read_text()}")
            try:
                httpx.get(self.url, timeout=1.0, verify=False)
                return
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(
                        f"{self.kind} did not answer in {START_SECONDS} s:\n{self.log.read_text()}"
                    ) from None
                time.sleep(0.05)

    def stop(self) -> None:
        """Stop the server process (its whole process group); storage stays."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    # --- collections ---------------------------------------------------------------------
    def client(self) -> httpx.Client:
        """A plain httpx client logged in as the test user (for fixtures and the phone)."""
        return httpx.Client(auth=(self.user, self.password), timeout=30.0, verify=False)

    def reset(self) -> None:
        """Delete every collection of the user and make a fresh Contacts, Tasks and Calendar."""
        serial = next(self._serial)
        with self.client() as http:
            for home in {self.addressbook_home_url, self.calendar_home_url}:
                for child in self._child_collections(http, home):
                    response = http.request("DELETE", child)
                    assert response.status_code in (200, 204, 404), response.text
            self.addressbook_url = self._make(
                http,
                "MKCOL",
                self.addressbook_home_url + f"contacts-{serial}/",
                _MKCOL_ADDRESSBOOK.format(name="Contacts"),
            )
            self.tasks_url = self._make(
                http,
                "MKCALENDAR",
                self.calendar_home_url + f"tasks-{serial}/",
                _MKCALENDAR.format(name="Tasks", component="VTODO"),
            )
            self.calendar_url = self._make(
                http,
                "MKCALENDAR",
                self.calendar_home_url + f"calendar-{serial}/",
                _MKCALENDAR.format(name="Calendar", component="VEVENT"),
            )

    def _make(self, http: httpx.Client, method: str, url: str, body: str) -> str:
        response = http.request(
            method, url, content=body.encode(), headers={"Content-Type": "application/xml"}
        )
        assert response.status_code in (200, 201), f"{method} {url}: {response.status_code}"
        return url

    def _child_collections(self, http: httpx.Client, home: str) -> list[str]:
        from lxml import etree

        response = http.request(
            "PROPFIND",
            home,
            content=_PROPFIND_CHILDREN.encode(),
            headers={"Depth": "1", "Content-Type": "application/xml"},
        )
        if response.status_code == 404:
            return []
        assert response.status_code == 207, f"PROPFIND {home}: {response.status_code}"
        tree = etree.fromstring(response.content, etree.XMLParser(resolve_entities=False))
        children = []
        home_path = httpx.URL(home).path
        for resp in tree.iter("{DAV:}response"):
            href = (resp.findtext("{DAV:}href") or "").strip()
            path = httpx.URL(self.url).join(href).path
            if path.rstrip("/") == home_path.rstrip("/"):
                continue
            if resp.find(".//{DAV:}resourcetype/{DAV:}collection") is None:
                continue
            if self._keep(path):
                continue
            children.append(str(httpx.URL(self.url).join(path)))
        return children

    def _keep(self, path: str) -> bool:
        """True for a child of a home set that is not a user collection (a home set itself)."""
        return False


class RadicaleServer(DavTestServer):
    """Radicale with htpasswd (plain) authentication and owner-only rights. Its home sets are
    the principal collection /ada/ itself."""

    kind = "radicale"

    def __init__(
        self, root: Path, *, certificate: Path | None = None, key: Path | None = None
    ) -> None:
        self.certificate = certificate
        self.key = key
        self.fingerprint = ""  # of the certificate, when served over https
        if certificate is not None:
            self.scheme = "https"
        super().__init__(root)
        (root / "users").write_text(f"{USER}:{PASSWORD}\n")

    def _write_config(self) -> None:
        tls = ""
        if self.certificate is not None and self.key is not None:
            tls = f"ssl = True\ncertificate = {self.certificate}\nkey = {self.key}\n"
        (self.root / "config").write_text(
            "[server]\n"
            f"hosts = 127.0.0.1:{self.port}\n"
            f"{tls}"
            "[auth]\n"
            "type = htpasswd\n"
            f"htpasswd_filename = {self.root / 'users'}\n"
            "htpasswd_encryption = plain\n"
            "delay = 0\n"
            "[rights]\n"
            "type = owner_only\n"
            "[storage]\n"
            f"filesystem_folder = {self.storage}\n"
            "[logging]\n"
            "level = warning\n"
        )

    def command(self) -> list[str]:
        self._write_config()
        launcher = Path(__file__).with_name("run_radicale.py")
        return [sys.executable, str(launcher), "--config", str(self.root / "config")]

    def seed_cards(self, cards: dict[str, str]) -> list[str]:
        """Write cards (file name -> vCard text) straight into the address book's folder, as
        Radicale allows other programs to: 1,000 cards in well under a second, where as many
        PUTs take half a minute on a busy machine. Returns their hrefs (server paths)."""
        base = httpx.URL(self.addressbook_url).path
        folder = self.storage / "collection-root" / base.strip("/")
        hrefs = []
        for name, text in cards.items():
            name = name if name.endswith(".vcf") else name + ".vcf"
            (folder / name).write_bytes(text.encode("utf-8"))
            hrefs.append(base + name)
        return hrefs

    def reset(self) -> None:
        # Radicale makes the principal collection at the user's first authenticated request.
        with self.client() as http:
            http.request("PROPFIND", self.principal_url, headers={"Depth": "0"})
        super().reset()


def xandikos_command(storage: Path, port: int, user: str) -> list[str]:
    """Xandikos on loopback with `user`'s principal and its default address book and calendars
    (also the sync benchmark's server)."""
    return [
        sys.executable,
        "-m",
        "xandikos.web",
        "-d",
        str(storage),
        "-l",
        "127.0.0.1",
        "-p",
        str(port),
        "--current-user-principal",
        f"/{user}/",
        "--defaults",
        "--no-detect-systemd",
    ]


class XandikosServer(DavTestServer):
    """Xandikos (no authentication of its own: the user and password are sent and ignored),
    principal /ada/ with home sets /ada/contacts/ and /ada/calendars/."""

    kind = "xandikos"

    def _use_port(self, port: int) -> None:
        super()._use_port(port)
        self.addressbook_home_url = f"{self.principal_url}contacts/"
        self.calendar_home_url = f"{self.principal_url}calendars/"

    def command(self) -> list[str]:
        return xandikos_command(self.storage, self.port, USER)
