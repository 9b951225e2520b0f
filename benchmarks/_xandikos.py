"""A real Xandikos for the sync benchmark: a subprocess on a free loopback port with a temporary
storage folder, and an address book filled with one git commit.

Xandikos keeps each collection as a git repository with a working tree and commits every PUT
(about 70 ms each: 10,000 cards would take 12 minutes). So `fill` stops the server, writes the
cards into the address book's working tree, adds them to the git index as blobs in one pack and
commits once with dulwich (Xandikos's own git library), then starts the server again: Xandikos
serves the index's entries, etags being the blobs' ids. Its aiohttp access log has one line per
request; `requests()` counts them, so that a client's round trips are counted by the server.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
from _radicale import USER, free_port

# The same server as the sync tests start (tests/sync/servers.py), from the checkout.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.sync.servers import xandikos_command

# 127.0.0.1 [05/Dec/2026:03:43:34 +0000] "REPORT /ada/contacts/addressbook/ HTTP/1.1" 207 …
REQUEST_LINE = re.compile(r'"([A-Z]+) (\S+) HTTP/[\d.]+"')
UID = re.compile(rb"^UID:(.+?)\r?$", re.MULTILINE)


class Xandikos:
    """`python -m xandikos.web --defaults`: principal /ada/ with an address book
    /ada/contacts/addressbook/; no authentication of its own (the password sent is ignored)."""

    kind = "xandikos"
    name = "Xandikos"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.storage = folder / "storage"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.principal_url = f"{self.url}{USER}/"
        self.addressbook_url = f"{self.principal_url}contacts/addressbook/"
        self.log_path = folder / "xandikos.log"
        self._log = self.log_path.open("ab")
        self._proc: subprocess.Popen[bytes] | None = None
        self.start()

    def start(self) -> None:
        self._proc = subprocess.Popen(
            xandikos_command(self.storage, self.port, USER),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise SystemExit(f"Xandikos stopped at start:\n{self.log_path.read_text()}")
            try:
                httpx.get(self.url, timeout=1)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise SystemExit("Xandikos did not answer within 30 seconds")

    def fill(self, vcards: bytes) -> int:
        """Put every card of `vcards` into the address book in one git commit; the number of
        cards written. The server is stopped meanwhile, so that it reads the new index fresh."""
        self._halt()
        written = write_cards(self.storage / USER / "contacts" / "addressbook", vcards)
        self.start()
        return written

    def requests(self) -> list[tuple[str, str]]:
        """(method, path) of every request Xandikos has logged so far. aiohttp logs a request
        after its answer is sent, so the log is read until it stays the same for 100 ms."""
        seen = self._logged()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            time.sleep(0.1)
            again = self._logged()
            if again == seen:
                break
            seen = again
        return seen

    def _logged(self) -> list[tuple[str, str]]:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return REQUEST_LINE.findall(text)

    def stop(self) -> None:
        self._halt()
        self._log.close()

    def _halt(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def write_cards(collection: Path, vcards: bytes) -> int:
    """Write each card as UID.vcf into the working tree of the git repository `collection`, add
    them all to its index (blobs in one pack) and commit once."""
    from dulwich.index import index_entry_from_stat
    from dulwich.objects import Blob
    from dulwich.repo import Repo

    repo = Repo(str(collection))
    index = repo.open_index()
    blobs: list[tuple[Blob, None]] = []
    names: dict[bytes, Blob] = {}
    for number, card in enumerate(split_cards(vcards)):
        found = UID.search(card)
        uid = found.group(1).decode("utf-8").strip() if found else f"card-{number}"
        name = f"{safe(uid)}.vcf"
        if name.encode() in names:  # a UID given twice: keep both cards, as Radicale does not
            name = f"{safe(uid)}-{number}.vcf"
        (collection / name).write_bytes(card)
        blob = Blob.from_string(card)
        blobs.append((blob, None))
        names[name.encode()] = blob
    repo.object_store.add_objects(blobs)
    for path, blob in names.items():
        index[path] = index_entry_from_stat(os.lstat(collection / path.decode()), blob.id)
    index.write()
    tree = index.commit(repo.object_store)
    repo.get_worktree().commit(message=f"Add {len(names)} cards.".encode(), tree=tree)
    repo.close()
    return len(names)


def split_cards(vcards: bytes) -> list[bytes]:
    ends = b"END:VCARD\r\n"
    return [part + ends for part in vcards.split(ends) if part.strip()]


def safe(uid: str) -> str:
    """A file name from a UID (UIDs here are UUIDs or urn:uuid: forms)."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", uid)
