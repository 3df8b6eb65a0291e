"""Hostile and broken inputs: each gets a clear reason naming the file, the batch goes on, nothing half-stored."""

import json
import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select
from typer.testing import CliRunner

from app.cli import cli
from app.ingest import Limits, ingest_paths, iter_report_files
from app.storage.tables import AgendaItem, Decision, Document, MeetingDocument, Mention

BAD = Path(__file__).parent / "data" / "bad"
EXPECTED = json.loads((BAD / "expected.json").read_text(encoding="utf-8"))
LIMITS = Limits(max_bytes=50 * 1024 * 1024, max_pages=200, max_parse_seconds=30)


def _hostile_folder(tmp_path: Path) -> tuple[Path, dict[str, dict[str, str]]]:
    """The committed inputs plus those that cannot live in git."""
    folder = tmp_path / "bad"
    shutil.copytree(BAD, folder, ignore=shutil.ignore_patterns("*.py", "*.json", "__pycache__"))
    expected = dict(EXPECTED)
    with (folder / "huge-200mb.txt").open("wb") as huge:
        huge.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    expected["huge-200mb.txt"] = {"outcome": "failed", "reason": "more than the limit"}
    (folder / "self-loop.txt").symlink_to("self-loop.txt")
    expected["self-loop.txt"] = {"outcome": "failed", "reason": "not a regular file"}
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    expected["dangling.txt"] = {"outcome": "failed", "reason": "not a regular file"}
    os.mkfifo(folder / "fifo.txt")  # reading it would block forever
    expected["fifo.txt"] = {"outcome": "failed", "reason": "not a regular file"}
    (folder / "sub").mkdir()
    (folder / "sub" / "loop").symlink_to("..", target_is_directory=True)  # a folder loop is not followed
    return folder, expected


def test_every_bad_input_fails_alone_with_its_reason(engine: Engine, tmp_path: Path) -> None:
    folder, expected = _hostile_folder(tmp_path)
    assert len(expected) >= 30
    summary = ingest_paths(engine, [folder], LIMITS)
    results = {Path(r.path).name: r for r in summary.results}
    assert set(results) == set(expected)
    for name, want in expected.items():
        result = results[name]
        assert result.outcome == want["outcome"], (name, result.reason)
        if want["outcome"] == "failed":
            assert want["reason"] in (result.reason or ""), (name, result.reason)
            assert "\n" not in (result.reason or "")
    inserted = {n for n, w in expected.items() if w["outcome"] == "inserted"}
    with Session(engine) as session:
        stored = {Path(d.source).name: d for d in session.exec(select(Document)).all()}
        assert set(stored) == inserted  # nothing readable is refused
        for name in inserted:  # what the parser doubts is kept with the document
            doubts = json.loads(stored[name].doubts)
            want = expected[name].get("doubt")
            assert (any(want in d for d in doubts) if want else doubts == []), (name, doubts)
        dated = {n for n in inserted if not any(w in expected[n].get("doubt", "") for w in ("no NATO", "no date"))}
        linked = session.exec(select(func.count(func.distinct(MeetingDocument.document_id)))).one()
        assert linked == len(dated)  # a doubtful meeting is stored and linked; an undated one is not
        for table in (AgendaItem, Decision, Mention):
            orphans = session.exec(
                select(func.count()).select_from(table).where(~table.document_id.in_(select(Document.id)))  # type: ignore[attr-defined]
            ).one()
            assert orphans == 0


def test_a_file_that_vanishes_mid_run_is_reported(engine: Engine, tmp_path: Path) -> None:
    good = tmp_path / "b-good.txt"
    good.write_bytes((BAD / "cp1252.txt").read_bytes())
    vanishing = tmp_path / "a-vanishing.txt"
    vanishing.write_bytes((BAD / "utf16.txt").read_bytes())
    listed = list(iter_report_files([tmp_path]))  # the folder is listed, then the file disappears
    vanishing.unlink()
    summary = ingest_paths(engine, listed, LIMITS)
    outcomes = {Path(r.path).name: (r.outcome, r.reason) for r in summary.results}
    assert outcomes["a-vanishing.txt"][0] == "failed"
    assert "not a regular file" in outcomes["a-vanishing.txt"][1]
    assert outcomes["b-good.txt"] == ("inserted", None)


def test_the_command_names_each_failed_file_and_exits_1(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bad.db'}"
    result = CliRunner().invoke(cli, ["ingest", str(BAD), "--database-url", url])
    assert result.exit_code == 1
    failed_lines = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    failures = {n for n, w in EXPECTED.items() if w["outcome"] == "failed"}
    assert len(failed_lines) == len(failures)
    for name in failures:
        assert any(f"{name}: " in line for line in failed_lines), name


@pytest.mark.parametrize("seconds", [0.001])
def test_a_parse_over_the_time_limit_fails_cleanly(engine: Engine, tmp_path: Path, seconds: float) -> None:
    report = tmp_path / "slow.txt"
    report.write_bytes((BAD / "long-line.txt").read_bytes())
    summary = ingest_paths(engine, [report], Limits(max_parse_seconds=seconds))
    assert summary.results[0].outcome == "failed"
    assert "took longer than" in (summary.results[0].reason or "")
