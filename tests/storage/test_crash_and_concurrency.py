"""SIGKILL in the middle of ingestion leaves only whole documents; concurrent jobs store each document once."""

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from app.parsing import parse_report
from app.storage.tables import AgendaItem, Decision, Document, MeetingDocument, Mention
from tests.conftest import CORPUS

REPORTS = sorted(p for p in CORPUS.glob("*.txt") if "commissiedebat" not in p.name)


def _many_reports(folder: Path, count: int) -> list[Path]:
    """`count` distinct files (their bytes differ) made from the corpus reports."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"report-{i:04d}.txt"
        path.write_text(REPORTS[i % len(REPORTS)].read_text(encoding="utf-8") + f"\n\nKenmerk BS-{i:06d}\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


def _ingest(url: str, *paths: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "app", "ingest", *map(str, paths), "--database-url", url],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _assert_only_whole_documents(engine: Engine) -> int:
    """Every stored document has exactly the records its parse gives; returns how many are stored."""
    with Session(engine) as session:
        documents = session.exec(select(Document)).all()
        for document in documents:
            parsed = parse_report(document.source_text)
            counts = {
                table: session.exec(select(func.count()).select_from(table)
                                    .where(table.document_id == document.id)).one()  # type: ignore[attr-defined]
                for table in (AgendaItem, Decision, Mention, MeetingDocument)
            }
            dated = parsed.dated_meeting is not None  # an undated meeting is a hint on the document alone
            assert counts[AgendaItem] == (len(parsed.agenda_items) if dated else 0), document.source
            assert counts[Decision] == (len(parsed.decisions) if dated else 0), document.source
            assert counts[Mention] == len(parsed.mentions), document.source
            assert counts[MeetingDocument] == dated, document.source
        shas = session.exec(select(Document.sha256)).all()
        assert len(shas) == len(set(shas))
        return len(documents)


def _wait_for_a_commit(engine: Engine, job: subprocess.Popen[bytes], since: int) -> None:
    """Until the job has committed a batch (more documents than `since`), or it has ended."""
    deadline = time.monotonic() + 120
    while job.poll() is None and time.monotonic() < deadline:
        with Session(engine) as session:
            if session.exec(select(func.count()).select_from(Document)).one() > since:
                return
        time.sleep(0.02)


def test_sigkill_at_random_points_loses_nothing(database_url: str, engine: Engine, tmp_path: Path) -> None:
    paths = _many_reports(tmp_path / "reports", 240)
    rng = random.Random(7)
    stored_after_kills = []
    for _ in range(4):
        job = _ingest(database_url, tmp_path / "reports")
        _wait_for_a_commit(engine, job, since=stored_after_kills[-1] if stored_after_kills else 0)
        time.sleep(rng.uniform(0.0, 0.3))
        job.send_signal(signal.SIGKILL)
        job.wait()
        stored_after_kills.append(_assert_only_whole_documents(engine))
    assert any(0 < n < len(paths) for n in stored_after_kills), stored_after_kills  # killed mid-batch
    finish = _ingest(database_url, tmp_path / "reports")
    assert finish.wait(timeout=600) == 0, finish.stderr.read() if finish.stderr else ""
    assert _assert_only_whole_documents(engine) == len(paths)


def test_two_jobs_over_overlapping_folders_store_each_document_once(
    database_url: str, engine: Engine, tmp_path: Path
) -> None:
    paths = _many_reports(tmp_path / "all", 120)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for i, path in enumerate(paths):
        if i < 80:
            (first / path.name).write_bytes(path.read_bytes())
        if i >= 40:
            (second / path.name).write_bytes(path.read_bytes())
    jobs = [_ingest(database_url, first), _ingest(database_url, second)]
    for job in jobs:
        assert job.wait(timeout=600) == 0, job.stderr.read() if job.stderr else ""
    assert _assert_only_whole_documents(engine) == len(paths)


def _children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it ended while we looked
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent's wait is missing


def _wait_for_children(process: subprocess.Popen[bytes], count: int) -> set[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if len(children := _children(process.pid)) >= count:
            return children
        time.sleep(0.05)
    raise AssertionError(f"the process did not start {count} workers")


def _assert_they_end(workers: set[int]) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_running(pid) for pid in workers):
        time.sleep(0.1)
    assert not [pid for pid in workers if _running(pid)], "workers outlived the killed process"


_UPLOAD_PARSE = """
import threading, time
from app.ingest.preparing import parse_within
# an upload is parsed from a request thread, which hands the text to a parse process
thread = threading.Thread(target=parse_within, args=("De ministers van Defensie kwamen bijeen.", 30.0))
thread.start()
thread.join()
print("parsed", flush=True)
time.sleep(120)
"""


def test_a_killed_servers_parse_processes_end_with_it() -> None:
    server = subprocess.Popen([sys.executable, "-c", _UPLOAD_PARSE], stdout=subprocess.PIPE)
    try:
        assert server.stdout is not None
        assert server.stdout.readline() == b"parsed\n"
        workers = _children(server.pid)
        assert workers
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait()
    _assert_they_end(workers)


def test_a_killed_jobs_workers_end_with_it(tmp_path: Path) -> None:
    _many_reports(tmp_path / "reports", 400)
    job = subprocess.Popen([sys.executable, "-m", "app", "ingest", str(tmp_path / "reports"), "--jobs", "2",
                            "--database-url", f"sqlite:///{tmp_path / 'job.db'}"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        workers = _wait_for_children(job, 2)
    finally:
        job.send_signal(signal.SIGKILL)
        job.wait()
    _assert_they_end(workers)
