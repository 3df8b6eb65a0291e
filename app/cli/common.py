"""What the commands share: their options, and how they print results and fail."""

import json
import sys
from typing import Annotated, Any

import typer
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

from app.ingest import FileResult, IngestSummary
from app.logs import LogFormat

DatabaseUrl = Annotated[
    str,
    typer.Option("--database-url", envvar="NATO_RECORDS_DATABASE_URL",
                 help="sqlite:///FILE or postgresql+psycopg://USER@HOST/DB", show_default=True),
]
LogFormatOption = Annotated[
    LogFormat, typer.Option("--log-format", envvar="NATO_RECORDS_LOG_FORMAT", help="text lines or JSON lines")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON, for scripts")]

err = Console(stderr=True)


def print_rows(rows: list[dict[str, Any]], title: str, as_json: bool) -> None:
    """Rows as JSON for scripts, or as a table for people."""
    if as_json:
        typer.echo(json.dumps(rows, indent=2, default=str))
        return
    table = Table(*(rows[0] if rows else []), title=title)
    for row in rows:
        table.add_row(*("" if v is None else v if isinstance(v, str) else json.dumps(v, default=str)
                        for v in row.values()))
    Console().print(table)


def run_with_progress(job, total: int, quiet: bool) -> IngestSummary:
    if quiet:
        return job(None)
    if not sys.stderr.isatty():
        return job(print_result)
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


def print_result(result: FileResult) -> None:
    reason = f": {result.reason}" if result.reason else ""
    typer.echo(f"{result.outcome}: {result.path}{reason}", err=result.outcome == "failed")


def print_summary(summary: IngestSummary, as_json: bool) -> None:
    counts = summary.counts
    if as_json:
        failed = [{"path": r.path, "reason": r.reason} for r in summary.results if r.outcome == "failed"]
        typer.echo(json.dumps({"files": len(summary.results), **{k: counts[k] for k in
                                ("inserted", "updated", "unchanged", "failed")}, "failures": failed}, indent=2))
        return
    parts = [f"{counts[k]} {k}" for k in ("inserted", "updated", "unchanged", "failed")]
    typer.echo(f"{len(summary.results)} files: " + ", ".join(parts))


def fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)
