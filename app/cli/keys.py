"""nato-records keys create | list | revoke | delete: the API keys that may upload reports."""

from collections.abc import Callable
from typing import Annotated

import typer
from sqlmodel import Session

from app.cli.common import DatabaseUrl, JsonOption, fail, print_rows
from app.config import DEFAULT_DATABASE_URL
from app.errors import NotFound
from app.ingest import utc_now
from app.storage.db import open_existing
from app.storage.keys import create_key, delete_key, list_keys, revoke_key

keys = typer.Typer(help="API keys for uploading reports (POST /v1/documents).", no_args_is_help=True)


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
            fail(str(exc))
        session.commit()
    typer.echo(secret)


@keys.command("list", epilog="Example: nato-records keys list --json")
def keys_list(database_url: DatabaseUrl = DEFAULT_DATABASE_URL, as_json: JsonOption = False) -> None:
    """The keys: name, first characters, created, revoked."""
    with Session(open_existing(database_url)) as session:
        rows = [{"name": k.name, "prefix": k.prefix, "created_at": k.created_at.isoformat(),
                 "revoked_at": k.revoked_at.isoformat() if k.revoked_at else None} for k in list_keys(session)]
    print_rows(rows, "API keys", as_json)


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
            fail(str(exc))
        session.commit()
