"""Outages under load: what clients get, what the log says, how soon it recovers.

    python benchmarks/outage.py [--what postgres sqlite-read-only sqlite-full] [--seconds 10]

Run as root on Linux: it starts a PostgreSQL server of its own (initdb as the postgres user, on
port 5499, never the machine's server) and mounts small tmpfs file systems for SQLite. For each
outage it ingests the bundled samples, serves them (response cache off), and runs 4 readers
(distinct URLs, as a script paging by cursor makes) and 1 uploader (a new document each time)
for 5 s, then SECONDS of outage, then 10 s after it:
- postgres: the server is stopped (pg_ctl stop -m fast) and started again;
- sqlite-read-only: the database's files are made immutable (chattr +i) and the server restarted,
  so that it opens them read-only; then they are made writable again;
- sqlite-full: a filler file takes the file system's last free byte, then is deleted.
Prints, per phase, the status codes readers and the uploader got, the server's log lines in the
outage, and the seconds from the end of the outage to the first stored upload.
"""

import argparse
import collections
import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
from serving import serve

ROOT = Path(__file__).parents[1]
PORT, PG_PORT = 8795, 5499
BASE = f"http://127.0.0.1:{PORT}"
REPORT = (ROOT / "tests" / "data" / "corpus" / "nl-fixture-2017-06-dmm-verslag.txt").read_text()


def nato_records(*args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, check=True, capture_output=True,
                          text=True, env=env).stdout


class Load:
    """Readers and an uploader, each recording (time, status) until stopped."""

    def __init__(self, key: str) -> None:
        self.key, self.stop = key, threading.Event()
        self.reads: list[tuple[float, int]] = []
        self.uploads: list[tuple[float, int]] = []
        self.threads = [threading.Thread(target=self._read, args=(i,)) for i in range(4)]
        self.threads.append(threading.Thread(target=self._upload))

    def __enter__(self) -> "Load":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def _read(self, reader: int) -> None:
        n = 0
        with httpx.Client(timeout=30) as client:
            while not self.stop.is_set():
                n += 1
                params = {"limit": 1 + (n + reader * 7) % 50, "member": "NLD"}
                self.reads.append((time.monotonic(), _status(client, "GET", "/v1/decisions", params=params)))

    def _upload(self) -> None:
        n = 0
        with httpx.Client(timeout=30) as client:
            while not self.stop.is_set():
                n += 1
                body = f"{REPORT}\n\nBijlage {n}-{time.time_ns()}\n".encode()
                headers = {"Authorization": f"Bearer {self.key}", "Content-Type": "text/plain"}
                self.uploads.append((time.monotonic(), _status(client, "POST", "/v1/documents", content=body,
                                                               params={"filename": f"r{n}.txt"}, headers=headers)))
                time.sleep(0.1)


def _status(client: httpx.Client, method: str, path: str, **options: Any) -> int:
    try:
        return client.request(method, BASE + path, **options).status_code
    except httpx.HTTPError:
        return 0  # no answer at all


@contextlib.contextmanager
def served(url: str, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    process = serve(url, PORT, log, response_cache_mb="0", write_rate_per_minute="100000", pool_timeout_seconds="2")
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def measure(label: str, url: str, break_it: Callable[[], None], mend_it: Callable[[], None],
            seconds: float, scratch: Path, restart_in_outage: bool = False) -> None:
    nato_records("ingest", str(ROOT / "app" / "samples"), "--database-url", url)
    key = nato_records("keys", "create", "outage", "--database-url", url).strip().split()[-1]
    log = scratch / f"{label}.log"
    with contextlib.ExitStack() as stack:
        server = stack.enter_context(served(url, log))
        load = stack.enter_context(Load(key))
        time.sleep(5)
        lines_before = len(log.read_bytes().splitlines())
        began = time.monotonic()
        break_it()
        if restart_in_outage:  # a file opened now is opened read-only; open ones keep writing
            server.terminate()
            server.wait(timeout=30)
            stack.enter_context(served(url, scratch / f"{label}-restarted.log"))
            log = scratch / f"{label}-restarted.log"
            lines_before = 0
        time.sleep(seconds - (time.monotonic() - began))
        lines_outage = len(log.read_bytes().splitlines()) - lines_before
        ended = time.monotonic()
        mend_it()
        time.sleep(10)
        load.stop.set()
    recovered = next((t - ended for t, s in load.uploads if t > ended and s in (200, 201)), float("inf"))
    for phase, start, end in (("before", 0, began), ("outage", began, ended), ("after", ended, float("inf"))):
        reads = collections.Counter(s for t, s in load.reads if start <= t < end)
        uploads = collections.Counter(s for t, s in load.uploads if start <= t < end)
        print(f"{label:17} {phase:7} reads {dict(sorted(reads.items()))}  uploads {dict(sorted(uploads.items()))}")
    problems = [line for line in log.read_text(errors="replace").splitlines() if "WARNING" in line or "ERROR" in line]
    print(f"{label:17} log lines in the outage: {lines_outage} (warnings and errors: {len(problems)}; "
          f"first: {problems[0][:160] if problems else '-'})")
    print(f"{label:17} first stored upload {recovered:.2f} s after the outage ended", flush=True)


def postgres(seconds: float, scratch: Path) -> None:
    binaries = next(Path("/usr/lib/postgresql").glob("*/bin"))
    data = scratch / "pgdata"
    data.mkdir()
    os.chown(scratch, 0, 0)
    subprocess.run(["chown", "postgres", str(data)], check=True)
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*as_postgres, str(binaries / "initdb"), "-D", str(data), "-A", "trust"], check=True,
                   capture_output=True)
    ctl = [*as_postgres, str(binaries / "pg_ctl"), "-D", str(data), "-w", "-l", str(data / "server.log")]
    options = f"-p {PG_PORT} -k /tmp -c listen_addresses=127.0.0.1"
    subprocess.run([*ctl, "-o", options, "start"], check=True, capture_output=True)
    try:
        subprocess.run([*as_postgres, str(binaries / "createdb"), "-h", "127.0.0.1", "-p", str(PG_PORT), "outage"],
                       check=True)
        measure("postgres", f"postgresql+psycopg://postgres@127.0.0.1:{PG_PORT}/outage",
                lambda: subprocess.run([*ctl, "-m", "fast", "stop"], check=True, capture_output=True),
                lambda: subprocess.run([*ctl, "-o", options, "start"], check=True, capture_output=True),
                seconds, scratch)
    finally:
        subprocess.run([*ctl, "-m", "immediate", "stop"], capture_output=True)


@contextlib.contextmanager
def tmpfs(scratch: Path, size: str) -> Iterator[Path]:
    mount = scratch / f"tmpfs-{size}"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def sqlite_read_only(seconds: float, scratch: Path) -> None:
    """chattr +i: even root cannot open the files for writing (tmpfs will not remount read-only
    while they are open for writing). The server is restarted in the outage, so that it opens them."""
    with tmpfs(scratch, "64m") as mount:
        def files() -> list[str]:
            return [str(p) for p in mount.glob("records.db*") if not p.name.endswith("-lock")]
        measure("sqlite-read-only", f"sqlite:///{mount / 'records.db'}",
                lambda: subprocess.run(["chattr", "+i", *files()], check=True),
                lambda: subprocess.run(["chattr", "-i", *files()], check=True), seconds, scratch,
                restart_in_outage=True)


def sqlite_full(seconds: float, scratch: Path) -> None:
    with tmpfs(scratch, "64m") as mount:
        filler = mount / "filler"
        fill = lambda: subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=1M"], capture_output=True)  # noqa: E731
        measure("sqlite-full", f"sqlite:///{mount / 'records.db'}", fill, lambda: filler.unlink(), seconds, scratch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--what", nargs="+", default=["postgres", "sqlite-read-only", "sqlite-full"],
                        choices=["postgres", "sqlite-read-only", "sqlite-full"])
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each outage lasts")
    args = parser.parse_args()
    outages = {"postgres": postgres, "sqlite-read-only": sqlite_read_only, "sqlite-full": sqlite_full}
    for what in args.what:
        with tempfile.TemporaryDirectory() as scratch:
            os.chmod(scratch, 0o755)
            outages[what](args.seconds, Path(scratch))


if __name__ == "__main__":
    main()
