"""The two clients the sync benchmark runs against a local server: vdirsyncer syncing the
address book into a folder (against Radicale), and netdesk syncing it into a fresh SQLite database
(against Radicale or Xandikos), each a whole process whose wall time and peak resident memory
(ru_maxrss from wait4) are measured.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from _radicale import PASSWORD, USER, Radicale

ACCOUNT = "bench"


class DavServer(Protocol):
    """What the benchmark needs of a local server (benchmarks/_radicale.py, _xandikos.py)."""

    kind: str  # as netdesk's discovery names it
    name: str
    url: str
    addressbook_url: str

    def requests(self) -> list[tuple[str, str]]: ...

    def stop(self) -> None: ...


# What `netdesk sync` does when this checkout has no sync command yet (or --service is given):
# the sync service called in a child process, which is netdesk's work without its CLI start-up.
SERVICE_CHILD = """
import sys
from netdesk.services.service_set import Services
from netdesk.store import open_database
db = open_database(sys.argv[1])
report = Services(db).sync.sync(sys.argv[2], sys.argv[3])
print(report.summary())
db.close()
"""


@dataclass
class Run:
    seconds: float
    cpu: float  # user + system seconds of the process: what a loaded machine does not change
    peak_mb: float
    requests: list[tuple[str, str]]
    output: str
    ok: bool


def run_measured(
    cmd: list[str], env: dict[str, str], stdin: str = ""
) -> tuple[float, float, float, int, str]:
    """Seconds, CPU seconds, peak RSS in MB, exit status and output of one whole process."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    peak = [0.0]
    watcher = threading.Thread(target=_watch_peak, args=(proc.pid, peak), daemon=True)
    watcher.start()
    proc.stdin.write(stdin)  # a few answers: fits the pipe's buffer
    proc.stdin.close()
    output = proc.stdout.read()
    proc.stdout.close()
    # Not proc.wait(): wait4 reaps the child and gives its CPU time. Its ru_maxrss is no use
    # here: Linux keeps the high-water mark of the memory the child was forked with, this
    # process's, across exec.
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    watcher.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, peak[0], proc.returncode, output


def _watch_peak(pid: int, peak: list[float]) -> None:
    """The process's own peak resident memory (VmHWM, in MB), read every 10 ms until it ends."""
    status = Path(f"/proc/{pid}/status")
    while True:
        try:
            text = status.read_text()
        except OSError:
            return
        for line in text.splitlines():
            if line.startswith("VmHWM:"):
                peak[0] = max(peak[0], int(line.split()[1]) / 1024)
        if "State:\tZ" in text:  # exited, not reaped yet: its memory is gone
            return
        time.sleep(0.01)


def vdirsyncer_command() -> str | None:
    beside = Path(sys.executable).with_name("vdirsyncer")
    return str(beside) if beside.exists() else shutil.which("vdirsyncer")


def vdirsyncer_config(folder: Path, server: Radicale) -> Path:
    """A carddav -> filesystem pair over the address book, status kept in `folder`."""
    config = folder / "config"
    config.write_text(
        f"""[general]
status_path = "{folder / "status"}/"

[pair bench]
a = "bench_remote"
b = "bench_local"
collections = ["from a"]
conflict_resolution = "a wins"

[storage bench_remote]
type = "carddav"
url = "{server.url}"
username = "{USER}"
password = "{PASSWORD}"

[storage bench_local]
type = "filesystem"
path = "{folder / "contacts"}/"
fileext = ".vcf"
""",
        encoding="utf-8",
    )
    return config


def vdirsyncer_first_sync(folder: Path, server: Radicale) -> Run:
    """`vdirsyncer discover` (answered yes, not timed), then the timed `vdirsyncer sync` into the
    empty folder."""
    command = vdirsyncer_command()
    if command is None:
        raise SystemExit(
            "vdirsyncer is not installed: pip install -e '.[bench]' (or --skip-vdirsyncer)"
        )
    folder.mkdir(parents=True)
    config = vdirsyncer_config(folder, server)
    env = {**os.environ, "VDIRSYNCER_CONFIG": str(config)}
    *_measures, code, output = run_measured([command, "discover"], env, stdin="y\n" * 20)
    if code != 0:
        raise SystemExit(f"vdirsyncer discover failed:\n{output}")
    before = len(server.requests())
    seconds, cpu, peak, code, output = run_measured([command, "sync"], env)
    requests = server.requests()[before:]
    cards = sum(1 for _ in (folder / "contacts").rglob("*.vcf"))
    return Run(seconds, cpu, peak, requests, f"{cards} cards in the folder", code == 0)


def netdesk_database(path: Path, server: DavServer) -> str:
    """A fresh database holding the account and its address book, as `netdesk accounts add`
    stores them after discovery (which is not part of the sync measured)."""
    from netdesk.models.sync import SyncAccount, SyncCollection
    from netdesk.store import open_database

    url = f"sqlite:///{path}"
    db = open_database(url)
    with db.transaction() as session:
        account = SyncAccount(
            name=ACCOUNT,
            server_url=server.url,
            principal_url=server.url.rstrip("/") + f"/{USER}/",
            username=USER,
            server_kind=server.kind,
        )
        session.add(account)
        session.add(
            SyncCollection(
                account=account,
                kind="contacts",
                url=server.addressbook_url,
                display_name="Contacts",
                vcard_version="3.0",
            )
        )
    db.close()
    return url


def has_sync_command() -> bool:
    """Whether this checkout's `netdesk` has the `sync` command."""
    result = subprocess.run(
        [sys.executable, "-m", "netdesk", "sync", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode == 0


def has_sync_service() -> bool:
    from netdesk.services.service_set import Services

    return "sync" in Services.__init__.__code__.co_names


def netdesk_first_sync(path: Path, server: DavServer, use_cli: bool) -> Run:
    """The timed first sync into the empty database `path`: `netdesk sync` as a whole process,
    or the sync service in a child process."""
    url = netdesk_database(path, server)
    env = {**os.environ, "NETDESK_PASSWORD": PASSWORD}
    if use_cli:
        cmd = [sys.executable, "-m", "netdesk", "--db", str(path), "sync", "--account", ACCOUNT]
    else:
        cmd = [sys.executable, "-c", SERVICE_CHILD, url, ACCOUNT, PASSWORD]
    before = len(server.requests())
    seconds, cpu, peak, code, output = run_measured(cmd, env)
    requests = server.requests()[before:]
    # Exit 1 means conflicts wait or some items failed: still a finished sync, worth its figure.
    last_line = output.strip().splitlines()[-1] if output.strip() else f"exit {code}"
    return Run(seconds, cpu, peak, requests, last_line, code in (0, 1))
