"""nato-records parse | ingest | reparse | serve | demo: thin, one call per command."""

import json
import os
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from app.config import DEFAULT_DATABASE_URL, get_settings
from app.errors import UnreadableDocument
from app.ingest import FileResult, IngestSummary, ingest_paths, iter_report_files, reparse_all
from app.parsing import PARSER_VERSION, parse_report
from app.readers import read_document
from app.report_json import report_to_json
from app.storage.db import make_engine, upgrade

cli = typer.Typer(
    help="NATO ministerial meeting records: parse reports, ingest them, serve them over HTTP.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)

DatabaseUrl = Annotated[
    str,
    typer.Option(
        "--database-url",
        envvar="NATO_RECORDS_DATABASE_URL",
        help="sqlite:///FILE or postgresql+psycopg://USER@HOST/DB",
        show_default=True,
    ),
]


@cli.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A report: .txt, .pdf or .html")],
    format: Annotated[str, typer.Option("--format", help="Output format (json)")] = "json",
) -> None:
    """Print what the parser reads from FILE as JSON; touches no database.

    Example: nato-records parse report.txt --format json
    """
    if format != "json":
        _fail(f"--format: {format!r} is not supported; use json")
    try:
        source = read_document(file)
    except UnreadableDocument as exc:
        _fail(f"{file}: {exc}")
    output = report_to_json(parse_report(source.text), source)
    sys.stdout.write(json.dumps(output, ensure_ascii=False, indent=2) + "\n")


@cli.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Report files and folders (searched recursively)")],
    database_url: DatabaseUrl = DEFAULT_DATABASE_URL,
) -> None:
    """Parse and store reports, one transaction per document; re-running changes nothing.

    Exits 1 when any file failed, after trying all of them.
    Example: nato-records ingest reports/ --database-url sqlite:///records.db
    """
    upgrade(database_url)
    engine = make_engine(database_url)
    total = sum(1 for _ in iter_report_files(paths))
    limit = get_settings().max_file_bytes
    summary = _run_with_progress(lambda report: ingest_paths(engine, paths, limit, on_result=report), total)
    _print_summary(summary)
    raise typer.Exit(1 if summary.failed else 0)


@cli.command()
def reparse(
    database_url: DatabaseUrl = DEFAULT_DATABASE_URL,
    force: Annotated[bool, typer.Option(help="Re-parse documents already at this parser version")] = False,
) -> None:
    """Re-run the current parser over the stored texts, updating records in place."""
    upgrade(database_url)
    summary = reparse_all(make_engine(database_url), force=force, on_result=_print_result)
    _print_summary(summary)
    raise typer.Exit(1 if summary.failed else 0)


@cli.command()
def serve(
    database_url: DatabaseUrl = DEFAULT_DATABASE_URL,
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on", min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes", min=1, max=64)] = 1,
) -> None:
    """Apply migrations, then serve the API (docs at /docs).

    Example: nato-records serve --port 8000
    """
    import uvicorn

    upgrade(database_url)
    os.environ["NATO_RECORDS_DATABASE_URL"] = database_url
    uvicorn.run("app.main:create_app", factory=True, host=host, port=port, workers=workers, server_header=False)


@cli.command()
def demo(
    database_url: DatabaseUrl = DEFAULT_DATABASE_URL,
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on", min=1, max=65535)] = 8000,
) -> None:
    """Ingest the bundled sample reports, then serve the API on http://HOST:PORT."""
    samples = Path(str(resources.files("app") / "samples"))
    upgrade(database_url)
    summary = ingest_paths(make_engine(database_url), [samples], on_result=_print_result)
    _print_summary(summary)
    serve(database_url=database_url, host=host, port=port, workers=1)


@cli.command()
def version() -> None:
    """Print the package and parser versions."""
    from app import __version__

    typer.echo(f"nato-records {__version__}, parser {PARSER_VERSION}")


def _run_with_progress(job, total: int) -> IngestSummary:  # type: ignore[no-untyped-def]
    if not sys.stderr.isatty():
        return job(_print_result)  # type: ignore[no-any-return]
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err) as progress:
        task = progress.add_task("ingesting", total=total)

        def report(result: FileResult) -> None:
            if result.outcome == "failed":
                progress.console.print(f"failed: {result.path}: {result.reason}")
            progress.advance(task)

        return job(report)  # type: ignore[no-any-return]


def _print_result(result: FileResult) -> None:
    reason = f": {result.reason}" if result.reason else ""
    typer.echo(f"{result.outcome}: {result.path}{reason}", err=result.outcome == "failed")


def _print_summary(summary: IngestSummary) -> None:
    counts = summary.counts
    parts = [f"{counts[k]} {k}" for k in ("inserted", "updated", "unchanged", "failed")]
    typer.echo(f"{len(summary.results)} files: " + ", ".join(parts))


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def main() -> None:
    """Entry point of the nato-records command."""
    cli()
