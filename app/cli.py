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
from collections.abc import Callable
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from sqlalchemy.exc import DBAPIError, PendingRollbackError
from sqlmodel import Session, func, select
from typer.core import TyperGroup

from app.config import DEFAULT_DATABASE_URL, Settings, get_settings
from app.errors import NotFound, UnreadableDocument
from app.ingest import FileResult, IngestSummary, Limits, ingest_paths, iter_report_files, reparse_all, utc_now
from app.logs import LogFormat, configure_logging
from app.parsing import PARSER_VERSION, parse_report
from app.readers import read_document
from app.report_json import report_to_json
from app.storage.backup import BackupError, export_to, import_from
from app.storage.db import UnusableDatabase, make_engine, open_existing, redacted, upgrade
from app.storage.keys import create_key, delete_key, list_keys, revoke_key
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
            _fail("; ".join(_setting_error(e) for e in exc.errors()))
        except UnusableDatabase as exc:
            _fail(f"--database-url / NATO_RECORDS_DATABASE_URL: {exc}")
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
err = Console(stderr=True)
SAMPLES = Path(str(resources.files("app") / "samples"))

DatabaseUrl = Annotated[
    str,
    typer.Option("--database-url", envvar="NATO_RECORDS_DATABASE_URL",
                 help="sqlite:///FILE or postgresql+psycopg://USER@HOST/DB", show_default=True),
]
LogFormatOption = Annotated[
    LogFormat, typer.Option("--log-format", envvar="NATO_RECORDS_LOG_FORMAT", help="text lines or JSON lines")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON, for scripts")]


@cli.command(epilog="Example: nato-records parse kst-28676-247.html --format json")
def parse(
    file: Annotated[Path, typer.Argument(help="A report: .txt, .pdf, .html or .docx")],
    format: Annotated[str, typer.Option("--format", help="Output format (json)")] = "json",
) -> None:
    """Print what the parser reads from FILE as JSON (docs/contract.md); touches no database."""
    if format != "json":
        _fail(f"--format: {format!r} is not supported; use json")
    try:
        source = read_document(file)
    except UnreadableDocument as exc:
        _fail(f"{file}: {exc}")
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
    summary = _run_with_progress(
        lambda report: ingest_paths(engine, paths, limits, on_result=report, jobs=jobs), total, quiet=quiet
    )
    _print_summary(summary, as_json)
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
    summary = reparse_all(engine, limits, force=force, on_result=None if as_json else _print_result)
    _print_summary(summary, as_json)
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
    summary = ingest_paths(make_engine(database_url), [SAMPLES], on_result=_print_result, named=sample_name)
    _print_summary(summary, False)
    typer.echo(f"serving on http://{host}:{port}/ (explorer), http://{host}:{port}/docs (API docs)")
    serve(database_url=database_url, host=host, port=port, workers=1, seed_samples=False, log_format="text")


@cli.command(epilog="Example: nato-records stats --json")
def stats(database_url: DatabaseUrl = DEFAULT_DATABASE_URL, as_json: JsonOption = False) -> None:
    """Meetings and decisions per body and year."""
    with Session(open_existing(database_url)) as session:
        rows = [row.__dict__ for row in body_year_counts(session)]
    _print_rows(rows, "meetings and decisions", as_json)


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
        _print_rows(rows, "settings", as_json)
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
        _fail(f"{file}: {exc}")
    typer.echo(f"{rows} rows restored from {file}")


keys = typer.Typer(help="API keys for uploading reports (POST /v1/documents).", no_args_is_help=True)
cli.add_typer(keys, name="keys")


@keys.command("create", epilog="Example: nato-records keys create ministry-import")
def keys_create(
    name: Annotated[str, typer.Argument(help="A name to recognise the key by")],
    database_url: DatabaseUrl = DEFAULT_DATABASE_URL,
) -> None:
    """Create a key and print it once: only its hash is stored."""
    with Session(open_existing(database_url)) as session:
        try:
            secret = create_key(session, name, utc_now())
        except ValueError as exc:
            _fail(str(exc))
        session.commit()
    typer.echo(secret)


@keys.command("list", epilog="Example: nato-records keys list --json")
def keys_list(database_url: DatabaseUrl = DEFAULT_DATABASE_URL, as_json: JsonOption = False) -> None:
    """The keys: name, first characters, created, revoked."""
    with Session(open_existing(database_url)) as session:
        rows = [{"name": k.name, "prefix": k.prefix, "created_at": k.created_at.isoformat(),
                 "revoked_at": k.revoked_at.isoformat() if k.revoked_at else None} for k in list_keys(session)]
    _print_rows(rows, "API keys", as_json)


@keys.command("revoke", epilog="Example: nato-records keys revoke ministry-import")
def keys_revoke(
    name: Annotated[str, typer.Argument(help="The key's name")],
    database_url: DatabaseUrl = DEFAULT_DATABASE_URL,
) -> None:
    """Revoke a key: uploads with it get 401 from now on; it stays listed, as revoked."""
    _change_key(database_url, lambda session: revoke_key(session, name, utc_now()))
    typer.echo(f"revoked: {name}")


@keys.command("delete", epilog="Example: nato-records keys delete ministry-import")
def keys_delete(
    name: Annotated[str, typer.Argument(help="The key's name")],
    database_url: DatabaseUrl = DEFAULT_DATABASE_URL,
) -> None:
    """Delete a key, revoked or not: it no longer works nor is listed, and its name is free again."""
    _change_key(database_url, lambda session: delete_key(session, name))
    typer.echo(f"deleted: {name}")


def _change_key(database_url: str, change: Callable[[Session], object]) -> None:
    """Apply a change to a named key and commit it; a name that names none fails in one line."""
    with Session(open_existing(database_url)) as session:
        try:
            change(session)
        except NotFound as exc:
            _fail(str(exc))
        session.commit()


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


def _print_rows(rows: list[dict[str, Any]], title: str, as_json: bool) -> None:
    """Rows as JSON for scripts, or as a table for people."""
    if as_json:
        typer.echo(json.dumps(rows, indent=2, default=str))
        return
    table = Table(*(rows[0] if rows else []), title=title)
    for row in rows:
        table.add_row(*("" if v is None else v if isinstance(v, str) else json.dumps(v, default=str)
                        for v in row.values()))
    Console().print(table)


def sample_name(path: Path) -> str:
    """A bundled sample's source: "samples/NAME", the same wherever the package is installed."""
    return f"samples/{path.relative_to(SAMPLES).as_posix()}"


def _seed_if_empty(database_url: str) -> None:
    engine = make_engine(database_url)
    with Session(engine) as session:
        empty = session.exec(select(func.count()).select_from(Document)).one() == 0
    if empty:
        _print_summary(ingest_paths(engine, [SAMPLES], named=sample_name), False)


def _run_with_progress(job, total: int, quiet: bool) -> IngestSummary:
    if quiet:
        return job(None)
    if not sys.stderr.isatty():
        return job(_print_result)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[rate]}"), TimeRemainingColumn())
    with Progress(*columns, console=err) as progress:
        task = progress.add_task("ingesting", total=total, rate="")

        def report(result: FileResult) -> None:
            if result.outcome == "failed":
                progress.console.print(f"failed: {result.path}: {result.reason}")
            progress.advance(task)
            speed = progress.tasks[0].speed
            progress.update(task, rate=f"{speed:.1f} files/s" if speed else "")

        return job(report)


def _print_result(result: FileResult) -> None:
    reason = f": {result.reason}" if result.reason else ""
    typer.echo(f"{result.outcome}: {result.path}{reason}", err=result.outcome == "failed")


def _print_summary(summary: IngestSummary, as_json: bool) -> None:
    counts = summary.counts
    if as_json:
        failed = [{"path": r.path, "reason": r.reason} for r in summary.results if r.outcome == "failed"]
        typer.echo(json.dumps({"files": len(summary.results), **{k: counts[k] for k in
                                ("inserted", "updated", "unchanged", "failed")}, "failures": failed}, indent=2))
        return
    parts = [f"{counts[k]} {k}" for k in ("inserted", "updated", "unchanged", "failed")]
    typer.echo(f"{len(summary.results)} files: " + ", ".join(parts))


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def main() -> None:
    """Entry point of the nato-records command."""
    cli()
