"""nato-records parse | ingest | reparse | serve | demo | migrate | stats | config | export | import | keys.

Thin, one call per command. Exit codes: 0 success; 1 some files failed (ingest, reparse); 2 bad
usage, a bad setting, an unreadable file (parse) or a database that is missing or unavailable;
3 the database went away or broke during the run.
Only `migrate`, `serve`, `demo`, `ingest` and `import` create or migrate a database.
"""

import json
import os
import sys
import textwrap
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from sqlalchemy.exc import DBAPIError, PendingRollbackError
from sqlmodel import Session, func, select
from typer.core import TyperGroup

from app.cli.common import (
    DatabaseUrl,
    JsonOption,
    LogFormatOption,
    fail,
    print_result,
    print_rows,
    print_summary,
    run_with_progress,
)
from app.cli.keys import keys
from app.config import DEFAULT_DATABASE_URL, Settings, get_settings
from app.errors import UnreadableDocument
from app.ingest import Limits, ingest_paths, iter_report_files, reparse_all
from app.logs import configure_logging
from app.parsing import PARSER_VERSION, parse_report
from app.readers import read_document
from app.report_json import report_to_json
from app.storage.backup import BackupError, export_to, import_from
from app.storage.db import UnusableDatabase, make_engine, open_existing, redacted, upgrade
from app.storage.stats import body_year_counts
from app.storage.tables import Document

EPILOG = ("Exit codes: 0 success, 1 some files failed, 2 bad usage, setting or file, or a database missing "
          "or unavailable, 3 the database failed during the run. Docs: README.md")
DATABASE_LOST = 3  # exit code: the database went away or broke while a command was writing


class _Commands(TyperGroup):
    """The commands, each failing in one line (exit 2) on a bad setting or a database it cannot use."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        ctx.meta["arguments"] = list(args)  # the command's own, for a message naming its database
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:  # a click Context (typer carries its own click)
        try:
            return super().invoke(ctx)
        except ValidationError as exc:
            fail("; ".join(_setting_error(e) for e in exc.errors()))
        except UnusableDatabase as exc:
            fail(f"--database-url / NATO_RECORDS_DATABASE_URL: {exc}")
        except (DBAPIError, PendingRollbackError) as exc:
            # the database went away (or broke) during the run: what was reported stored is whole
            original = getattr(exc, "orig", None) or exc
            reason = str(original).strip().splitlines()[0] if str(original).strip() else type(exc).__name__
            url = redacted(_database_url_of(ctx))
            typer.echo(f"error: the database {url} failed during the run: {reason}; every file reported "
                       "before this line is stored whole, the rest is not", err=True)
            raise typer.Exit(DATABASE_LOST) from None


def _database_url_of(ctx: Any) -> str:
    """The --database-url the command was given, else the setting's (for a message only)."""
    words = ctx.meta.get("arguments", [])
    for at, word in enumerate(words):
        if word == "--database-url" and at + 1 < len(words):
            return str(words[at + 1])
        if word.startswith("--database-url="):
            return word.split("=", 1)[1]
    return os.environ.get("NATO_RECORDS_DATABASE_URL", DEFAULT_DATABASE_URL)


def _setting_error(error: Any) -> str:
    """A settings error as "NATO_RECORDS_CACHE_MAX_AGE: 'abc': Input should be a valid integer"."""
    name = "NATO_RECORDS_" + "_".join(str(part) for part in error.get("loc", ())).upper()
    return f"{name}: {error.get('input')!r}: {error.get('msg', 'invalid')}"


cli = typer.Typer(
    cls=_Commands,
    help="NATO ministerial meeting records: parse reports, ingest them, serve them over HTTP.",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        from app import __version__

        typer.echo(f"nato-records {__version__}, parser {PARSER_VERSION}")
        raise typer.Exit()


@cli.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                          help="Print the package and parser versions and exit")] = False,
) -> None:
    """NATO ministerial meeting records: parse reports, ingest them, serve them over HTTP."""
SAMPLES = Path(str(resources.files("app") / "samples"))



@cli.command(epilog="Example: nato-records parse kst-28676-247.html --format json")
def parse(
    file: Annotated[Path, typer.Argument(help="A report: .txt, .pdf, .html or .docx")],
    format: Annotated[str, typer.Option("--format", help="Output format (json)")] = "json",
) -> None:
    """Print what the parser reads from FILE as JSON (docs/contract.md); touches no database."""
    if format != "json":
        fail(f"--format: {format!r} is not supported; use json")
    try:
        source = read_document(file)
    except UnreadableDocument as exc:
        fail(f"{file}: {exc}")
    report = parse_report(source.text, today=date.today())
    output = report_to_json(report, source)
    sys.stdout.write(json.dumps(output, ensure_ascii=False, indent=2) + "\n")


@cli.command(epilog="Example: nato-records ingest reports/ --database-url sqlite:///records.db")
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Report files and folders (searched recursively)")],
    database_url: DatabaseUrl = DEFAULT_DATABASE_URL,
    log_format: LogFormatOption = "text",
    as_json: JsonOption = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, max=64,
                                      help="Processes that read and parse in parallel")] = 1,
) -> None:
    """Parse and store reports, one transaction per document; running it again changes nothing.

    Prints one line per file (inserted, updated, unchanged, failed: reason) and a summary;
    exits 1 when any file failed, after trying all of them.
    """
    settings = Settings()  # a bad setting is refused before the database is touched
    upgrade(database_url)
    engine = make_engine(database_url, for_writing=True)
    limits = Limits.of(settings)
    quiet = as_json or log_format == "json"
    if log_format == "json":
        configure_logging("json")
    total = sum(1 for _ in iter_report_files(paths))
    summary = run_with_progress(
        lambda report: ingest_paths(engine, paths, limits, on_result=report, jobs=jobs), total, quiet=quiet
    )
    print_summary(summary, as_json)
    raise typer.Exit(1 if summary.failed else 0)


@cli.command(epilog="Example: nato-records reparse --force")
def reparse(
    database_url: DatabaseUrl = DEFAULT_DATABASE_URL,
    force: Annotated[bool, typer.Option(help="Re-parse documents already at this parser version")] = False,
    as_json: JsonOption = False,
) -> None:
    """Re-run the current parser over the stored texts, updating records in place (ids stay)."""
    settings = Settings()
    engine = open_existing(database_url, for_writing=True)
    limits = Limits.of(settings)
    summary = reparse_all(engine, limits, force=force, on_result=None if as_json else print_result)
    print_summary(summary, as_json)
    raise typer.Exit(1 if summary.failed else 0)


@cli.command(epilog="Example: nato-records serve --port 8000 --workers 2 --log-format json")
def serve(
    database_url: DatabaseUrl = DEFAULT_DATABASE_URL,
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on", min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes", min=1, max=64)] = 1,
    seed_samples: Annotated[bool, typer.Option(help="Ingest the bundled samples if the database is empty")] = False,
    log_format: LogFormatOption = "text",
    cors: Annotated[list[str] | None, typer.Option(
        help="A browser origin allowed to read the API (repeat it for several; * for any, the default)")] = None,
) -> None:
    """Apply migrations, then serve the API (explorer at /, docs at /docs)."""
    import uvicorn

    Settings()  # a bad setting is refused before the database is touched
    upgrade(database_url)
    if seed_samples:
        _seed_if_empty(database_url)
    os.environ["NATO_RECORDS_DATABASE_URL"] = database_url
    os.environ["NATO_RECORDS_LOG_FORMAT"] = log_format
    if cors:
        os.environ["NATO_RECORDS_CORS_ORIGINS"] = ",".join(cors)
    get_settings.cache_clear()
    configure_logging(log_format)
    uvicorn.run(
        "app.main:serving_app", factory=True, host=host, port=port, workers=workers,
        server_header=False, access_log=False, log_config=None, http="app.server:HeaderDeadlineProtocol",
        timeout_keep_alive=5,
    )


@cli.command(epilog="Example: nato-records demo --port 8000")
def demo(
    database_url: DatabaseUrl = DEFAULT_DATABASE_URL,
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on", min=1, max=65535)] = 8000,
) -> None:
    """Ingest the bundled sample reports, then serve the API on http://HOST:PORT."""
    upgrade(database_url)
    summary = ingest_paths(make_engine(database_url), [SAMPLES], on_result=print_result, named=sample_name)
    print_summary(summary, False)
    typer.echo(f"serving on http://{host}:{port}/ (explorer), http://{host}:{port}/docs (API docs)")
    serve(database_url=database_url, host=host, port=port, workers=1, seed_samples=False, log_format="text")


@cli.command(epilog="Example: nato-records stats --json")
def stats(database_url: DatabaseUrl = DEFAULT_DATABASE_URL, as_json: JsonOption = False) -> None:
    """Meetings and decisions per body and year."""
    with Session(open_existing(database_url)) as session:
        rows = [row.__dict__ for row in body_year_counts(session)]
    print_rows(rows, "meetings and decisions", as_json)


@cli.command(epilog="Example: NATO_RECORDS_CACHE_MAX_AGE=300 nato-records config")
def config(as_json: JsonOption = False) -> None:
    """Every setting: its environment variable, default, current value and meaning (.env is read too).

    A database URL's password is shown as ***."""
    current = Settings()
    rows: list[dict[str, Any]] = [
        {"variable": f"NATO_RECORDS_{name.upper()}", "default": field.get_default(call_default_factory=True),
         "value": _secretless(name, getattr(current, name)), "description": field.description or ""}
        for name, field in Settings.model_fields.items()
    ]
    if as_json:
        print_rows(rows, "settings", as_json)
        return
    for row in rows:  # a paragraph each: readable at 80 columns, where a table's columns are not
        typer.echo(f"{row['variable']} = {_shown(row['value'])}")
        if row["value"] != row["default"]:
            typer.echo(f"    default: {_shown(row['default'])}")
        typer.echo(textwrap.fill(row["description"], width=78, initial_indent="    ", subsequent_indent="    "))


def _secretless(name: str, value: Any) -> Any:
    return redacted(value) if name == "database_url" else value


def _shown(value: Any) -> str:
    return ",".join(value) if isinstance(value, list) else str(value)


@cli.command("export", epilog="Example: nato-records export backup.ndjson --database-url sqlite:///records.db")
def export_backup(
    file: Annotated[Path, typer.Argument(help="Where to write the backup (NDJSON); - for standard output")],
    database_url: DatabaseUrl = DEFAULT_DATABASE_URL,
) -> None:
    """Write every table, document texts included, as NDJSON: a backup that `import` restores."""
    engine = open_existing(database_url)
    if str(file) == "-":
        export_to(engine, sys.stdout)
        return
    partial = file.with_name(file.name + ".partial")
    with partial.open("w", encoding="utf-8") as out:
        rows = export_to(engine, out)
    partial.replace(file)  # a finished backup or none, never half of one
    typer.echo(f"{rows} rows written to {file}", err=True)


@cli.command("import", epilog="Example: nato-records import backup.ndjson --database-url postgresql+psycopg://…")
def import_backup(
    file: Annotated[Path, typer.Argument(help="A backup written by `nato-records export`")],
    database_url: DatabaseUrl = DEFAULT_DATABASE_URL,
) -> None:
    """Restore a backup into an empty database (SQLite or PostgreSQL), all or nothing."""
    Settings()  # a bad setting is refused before the database is touched
    upgrade(database_url)
    try:
        with file.open(encoding="utf-8") as lines:
            rows = import_from(make_engine(database_url, for_writing=True), lines)
    except (OSError, BackupError) as exc:
        fail(f"{file}: {exc}")
    typer.echo(f"{rows} rows restored from {file}")


cli.add_typer(keys, name="keys")


@cli.command(epilog="Example: nato-records migrate --database-url postgresql+psycopg://postgres@localhost/records")
def migrate(database_url: DatabaseUrl = DEFAULT_DATABASE_URL) -> None:
    """Create the database's schema, or upgrade it to this version's (serve, ingest and import do too)."""
    upgrade(database_url)
    with make_engine(database_url).connect() as connection:
        from app.storage.db import revision_of

        typer.echo(f"{redacted(database_url)}: schema at revision {revision_of(connection)}")


@cli.command()
def version() -> None:
    """Print the package and parser versions."""
    _show_version(True)


def sample_name(path: Path) -> str:
    """A bundled sample's source: "samples/NAME", the same wherever the package is installed."""
    return f"samples/{path.relative_to(SAMPLES).as_posix()}"


def _seed_if_empty(database_url: str) -> None:
    engine = make_engine(database_url)
    with Session(engine) as session:
        empty = session.exec(select(func.count()).select_from(Document)).one() == 0
    if empty:
        print_summary(ingest_paths(engine, [SAMPLES], named=sample_name), False)


def main() -> None:
    """Entry point of the nato-records command."""
    cli()
