"""The nato-records command: parse prints the contract, ingest reports and exits by outcome."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from tests.conftest import CORPUS, SAMPLES

runner = CliRunner()
REPORT = CORPUS / "nl-2020-04-02-foreign-ministers-report.txt"


def test_parse_prints_the_contract() -> None:
    result = runner.invoke(cli, ["parse", str(REPORT), "--format", "json"])
    assert result.exit_code == 0, result.output
    output = json.loads(result.stdout)
    assert set(output) >= {"document", "meeting", "agenda_items", "decisions", "members"}
    assert set(output["document"]) >= {"title", "language", "kind", "sha256"}
    assert output["meeting"] == {
        "body": "foreign_ministers", "start_date": "2020-04-02", "end_date": "2020-04-02",
        "location": None, "virtual": True, "informal": False,
    }
    assert {"title": "Irak", "parent": "Het Zuiden"}.items() <= output["agenda_items"][2].items()
    agreed = [d for d in output["decisions"] if d["kind"] == "agreed"]
    assert agreed[0]["text"].startswith("De ministers stemden in met een aantal maatregelen")
    assert agreed[0]["agenda_item"] is None
    assert {"code": "MKD"} in output["members"]


def test_parse_of_an_unreadable_file_exits_non_zero_with_a_reason(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(cli, ["parse", str(empty)])
    assert result.exit_code == 2
    assert str(empty) in result.stderr
    assert "no usable text" in result.stderr


def test_parse_of_a_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(cli, ["parse", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr


def test_ingest_reports_each_file_and_exits_1_on_failure(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.pdf").write_bytes(b"not a pdf")
    result = runner.invoke(cli, ["ingest", str(SAMPLES), str(bad), "--database-url", url])
    assert result.exit_code == 1
    assert "failed: " in result.stderr
    assert "broken.pdf: named .pdf but is not a PDF file" in result.stderr
    assert "7 inserted, 0 updated, 0 unchanged, 1 failed" in result.stdout
    again = runner.invoke(cli, ["ingest", str(SAMPLES), "--database-url", url])
    assert again.exit_code == 0
    assert "0 inserted, 0 updated, 7 unchanged, 0 failed" in again.stdout


def test_installed_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "version"], capture_output=True, text=True, check=False, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("nato-records ")


def test_config_lists_every_setting_with_its_variable() -> None:
    result = runner.invoke(cli, ["config", "--json"], env={"NATO_RECORDS_CACHE_MAX_AGE": "300"})
    assert result.exit_code == 0, result.output
    rows = {row["variable"]: row for row in json.loads(result.stdout)}
    assert rows["NATO_RECORDS_CACHE_MAX_AGE"]["default"] == 60
    assert rows["NATO_RECORDS_CACHE_MAX_AGE"]["value"] == 300
    assert rows["NATO_RECORDS_DATABASE_URL"]["default"] == "sqlite:///nato-records.db"
    assert all(row["description"] for row in rows.values())


def test_stats_and_json_outputs(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'stats.db'}"
    result = runner.invoke(cli, ["ingest", str(SAMPLES), "--database-url", url, "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["inserted"] == 7
    stats = json.loads(runner.invoke(cli, ["stats", "--database-url", url, "--json"]).stdout)
    assert {"year": "2020", "body": "foreign_ministers", "meetings": 1, "decisions": 9} in stats
    assert sum(row["meetings"] for row in stats) == 7


def test_ingest_logs_json_lines(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'log.db'}"
    result = subprocess.run(
        [sys.executable, "-m", "app", "ingest", str(REPORT), "--database-url", url, "--log-format", "json"],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    entry = next(line for line in lines if line["logger"] == "nato_records.ingest")
    assert entry["outcome"] == "inserted"
    assert entry["path"].endswith(REPORT.name)
    assert entry["duration_ms"] >= 0


COMMANDS = ("parse", "ingest", "reparse", "serve", "demo", "migrate", "stats", "config", "export", "import")
KEY_COMMANDS = ("create", "list", "revoke", "delete")


def test_every_command_has_help_with_an_example_readable_at_80_columns() -> None:
    for arguments in [[c] for c in COMMANDS] + [["keys", c] for c in KEY_COMMANDS] + [[]]:
        result = runner.invoke(cli, [*arguments, "--help"], env={"COLUMNS": "80"})
        assert result.exit_code == 0, arguments
        if arguments:
            assert "Example" in result.stdout, arguments
        assert max(len(line) for line in result.stdout.splitlines()) <= 80, arguments


def test_version_as_an_option() -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("nato-records ")
    assert "parser 20" in result.stdout


def _one_line_error(result: object, *words: str) -> str:
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    lines = [line for line in result.stderr.splitlines() if line.strip()]  # type: ignore[attr-defined]
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    for word in words:
        assert word in lines[0]
    return lines[0]


def test_commands_that_read_never_create_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "mistyped.db"
    url = f"sqlite:///{missing}"
    for arguments in (["stats"], ["export", str(tmp_path / "backup.ndjson")], ["keys", "list"], ["reparse"],
                      ["keys", "create", "someone"]):
        result = runner.invoke(cli, [*arguments, "--database-url", url])
        _one_line_error(result, str(missing), "no such database file")
        assert not missing.exists(), arguments
    assert not (tmp_path / "backup.ndjson").exists()
    empty = tmp_path / "empty.db"
    empty.touch()  # a file, but no schema in it
    _one_line_error(runner.invoke(cli, ["stats", "--database-url", f"sqlite:///{empty}"]), "no nato-records schema")
    migrated = runner.invoke(cli, ["migrate", "--database-url", f"sqlite:///{empty}"])
    assert migrated.exit_code == 0, migrated.output
    assert "schema at revision" in migrated.stdout
    assert runner.invoke(cli, ["stats", "--database-url", f"sqlite:///{empty}", "--json"]).stdout.strip() == "[]"


def test_a_bad_database_url_or_an_unreachable_database_is_one_line_and_exit_2(tmp_path: Path) -> None:
    for command in (["stats"], ["ingest", str(REPORT)], ["migrate"]):
        _one_line_error(runner.invoke(cli, [*command, "--database-url", "records.db"]),
                        "'records.db' is not a database URL", "sqlite:///FILE")
    unreachable = "postgresql+psycopg://reader:s3cret@127.0.0.1:1/records"
    for command in (["stats"], ["ingest", str(REPORT)]):
        line = _one_line_error(runner.invoke(cli, [*command, "--database-url", unreachable]),
                               "127.0.0.1:1/records", "unavailable")
        assert "s3cret" not in line


def test_a_bad_setting_is_one_line_naming_the_variable_and_touches_no_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'never.db'}"
    result = runner.invoke(cli, ["ingest", str(REPORT), "--database-url", url],
                           env={"NATO_RECORDS_MAX_FILE_BYTES": "lots"})
    _one_line_error(result, "NATO_RECORDS_MAX_FILE_BYTES", "'lots'")
    assert not (tmp_path / "never.db").exists()
    _one_line_error(runner.invoke(cli, ["config"], env={"NATO_RECORDS_CACHE_MAX_AGE": "abc"}),
                    "NATO_RECORDS_CACHE_MAX_AGE", "'abc'")


def test_config_hides_the_database_password_and_fits_80_columns() -> None:
    url = "postgresql+psycopg://writer:s3cret@db.internal/records"
    result = runner.invoke(cli, ["config"], env={"NATO_RECORDS_DATABASE_URL": url, "COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "s3cret" not in result.stdout
    assert "NATO_RECORDS_DATABASE_URL = postgresql+psycopg://writer:***@db.internal/records" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    rows = json.loads(runner.invoke(cli, ["config", "--json"], env={"NATO_RECORDS_DATABASE_URL": url}).stdout)
    assert "s3cret" not in json.dumps(rows)


def test_keys_delete_and_a_revoked_name_given_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    assert runner.invoke(cli, ["migrate", "--database-url", url]).exit_code == 0
    first = runner.invoke(cli, ["keys", "create", "ministry", "--database-url", url]).stdout.strip()
    _one_line_error(runner.invoke(cli, ["keys", "create", "ministry", "--database-url", url]), "in use")
    assert runner.invoke(cli, ["keys", "revoke", "ministry", "--database-url", url]).exit_code == 0
    second = runner.invoke(cli, ["keys", "create", "ministry", "--database-url", url]).stdout.strip()
    assert second.startswith("nr_")
    assert second != first
    listed = json.loads(runner.invoke(cli, ["keys", "list", "--database-url", url, "--json"]).stdout)
    assert [(k["name"], k["revoked_at"]) for k in listed] == [("ministry", None)]
    assert runner.invoke(cli, ["keys", "delete", "ministry", "--database-url", url]).exit_code == 0
    assert json.loads(runner.invoke(cli, ["keys", "list", "--database-url", url, "--json"]).stdout) == []
    _one_line_error(runner.invoke(cli, ["keys", "delete", "ministry", "--database-url", url]), "no key named")


def test_a_failed_file_is_logged_as_a_warning(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'warn.db'}"
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "app", "ingest", str(REPORT), str(bad), "--database-url", url, "--log-format", "json"],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert result.returncode == 1, result.stderr
    entries = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    levels = {e["outcome"]: e["level"] for e in entries if e["logger"] == "nato_records.ingest"}
    assert levels == {"inserted": "info", "failed": "warning"}


def test_a_document_records_its_source_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import _seed_if_empty
    from app.storage.db import make_engine

    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "verslag.txt").write_text(REPORT.read_text(encoding="utf-8"), encoding="utf-8")
    url = "sqlite:///records.db"
    assert runner.invoke(cli, ["ingest", "reports", "--database-url", url]).exit_code == 0
    samples_url = f"sqlite:///{tmp_path / 'samples.db'}"
    assert runner.invoke(cli, ["migrate", "--database-url", samples_url]).exit_code == 0
    _seed_if_empty(samples_url)  # what serve --seed-samples and demo do
    with make_engine(url).connect() as connection:
        assert connection.exec_driver_sql("SELECT source FROM documents").scalars().all() == ["reports/verslag.txt"]
    with make_engine(samples_url).connect() as connection:
        sources = connection.exec_driver_sql("SELECT source FROM documents ORDER BY source").scalars().all()
    assert sources == sorted(f"samples/{p.name}" for p in SAMPLES.glob("*.txt"))


def test_a_database_lost_during_ingest_is_one_line_and_exit_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import OperationalError

    import app.ingest.jobs as jobs_module
    from app.storage.db import make_engine

    url = f"sqlite:///{tmp_path / 'lost.db'}"
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "a.txt").write_text(REPORT.read_text(encoding="utf-8"), encoding="utf-8")
    (second / "b.txt").write_text((SAMPLES / "nl-2016-05-buza-verslag-kst-28676-247.txt").read_text(
        encoding="utf-8"), encoding="utf-8")
    store = jobs_module.save_documents
    calls = []

    def failing_second_batch(engine, batch):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) > 1:
            raise OperationalError("INSERT INTO documents", {}, Exception("server closed the connection unexpectedly"))
        return store(engine, batch)

    monkeypatch.setattr(jobs_module, "save_documents", failing_second_batch)
    monkeypatch.setattr(jobs_module, "BATCH_DOCUMENTS", 1)
    result = runner.invoke(cli, ["ingest", str(first), str(second), "--database-url", url])
    assert result.exit_code == 3, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert "lost.db" in errors[0]
    assert "server closed the connection unexpectedly" in errors[0]
    assert "Traceback" not in result.output
    with make_engine(url).connect() as connection:  # what was committed stays whole
        assert connection.exec_driver_sql("SELECT source FROM documents").scalars().all() == [str(first / "a.txt")]
