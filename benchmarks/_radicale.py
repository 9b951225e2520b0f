"""A real Radicale for the sync benchmark: a subprocess on a free loopback port with a temporary
storage folder, and an address book filled in one request.

The address book is filled with ONE whole-collection PUT (Radicale's own way of importing a .vcf
file: it stores each card under its UID and writes its item cache, as 10,000 single PUTs would,
in seconds instead of minutes). Radicale logs one line per request it receives; `requests()`
counts them, so that a client's round trips are counted by the server, not by the client.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

USER = "ada"
PASSWORD = "secret-app-pw"
ADDRESSBOOK = f"/{USER}/contacts/"
# "[140…] [INFO] REPORT request for '/ada/contacts/' with depth '1' received from 127.0.0.1 …"
REQUEST_LINE = re.compile(r"\] (\w+) request for '([^']*)'")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Radicale:
    """`python -m radicale` with no authentication (any user name and password are accepted;
    each user owns /USER/), its log in a file the benchmark reads."""

    kind = "radicale"
    name = "Radicale"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.addressbook_url = self.url.rstrip("/") + ADDRESSBOOK
        self.log_path = folder / "radicale.log"
        self._log = self.log_path.open("wb")
        config = folder / "radicale.conf"
        config.write_text(
            "[server]\n"
            f"hosts = 127.0.0.1:{self.port}\n"
            "[auth]\n"
            "type = none\n"
            "[storage]\n"
            f"filesystem_folder = {folder / 'collections'}\n"
            "use_mtime_and_size_for_item_cache = True\n"
            "[logging]\n"
            "level = info\n",
            encoding="utf-8",
        )
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", str(config)],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_up()

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise SystemExit(f"Radicale stopped at start:\n{self.log_path.read_text()}")
            try:
                httpx.get(self.url, timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise SystemExit("Radicale did not answer within 30 seconds")

    def fill(self, vcards: bytes) -> None:
        """Make /ada/contacts/ an address book "Contacts" holding every card of `vcards`."""
        auth = (USER, PASSWORD)
        with httpx.Client(auth=auth, timeout=600) as client:
            # Radicale makes the user's principal collection /ada/ on their first request.
            reply = client.put(
                self.addressbook_url, content=vcards, headers={"Content-Type": "text/vcard"}
            )
            reply.raise_for_status()
            body = (
                '<?xml version="1.0"?><propertyupdate xmlns="DAV:"><set><prop>'
                "<displayname>Contacts</displayname></prop></set></propertyupdate>"
            )
            client.request("PROPPATCH", self.addressbook_url, content=body).raise_for_status()

    def requests(self) -> list[tuple[str, str]]:
        """(method, path) of every request Radicale has logged so far."""
        self._log.flush()
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return REQUEST_LINE.findall(text)

    def stop(self) -> None:
        self._proc.terminate()
        try:
            self._proc.wait(10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._log.close()
