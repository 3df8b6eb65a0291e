"""PostgreSQL: the search index reads slashes and hyphens as spaces

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 11:40:00.000000

PostgreSQL's text parser keeps "Turkije/Syrië" as one token (a file path) and reads
"COVID-19" as "covid" and "-19", so a search for "Turkije" or "covid 19" missed them; SQLite's
FTS5 tokenizer splits both. The generated tsvector now reads the text with "/" and "-" as
spaces, as the words of a query are read (app.storage.search.terms). SQLite is unchanged.
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CONFIG = "CASE WHEN language = 'en' THEN 'english'::regconfig ELSE 'dutch'::regconfig END"
_SPLIT = f"to_tsvector({_CONFIG}, translate(text, '/-', '  '))"
_WHOLE = f"to_tsvector({_CONFIG}, text)"


def _rebuild(expression: str) -> None:
    op.execute("DROP INDEX IF EXISTS ix_search_entries_tsv")
    op.execute("ALTER TABLE search_entries DROP COLUMN tsv")
    op.execute(f"ALTER TABLE search_entries ADD COLUMN tsv tsvector GENERATED ALWAYS AS ({expression}) STORED")
    op.execute("CREATE INDEX ix_search_entries_tsv ON search_entries USING gin (tsv)")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _rebuild(_SPLIT)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _rebuild(_WHOLE)
