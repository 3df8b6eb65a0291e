"""SQLite: the full-text index holds Snowball stems, as PostgreSQL's dutch and english configurations

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 18:30:00.000000

FTS5 has no Dutch stemmer, and its porter tokenizer is not PostgreSQL's english_stem: the
same query found 1 record on SQLite and 6 on PostgreSQL. The index now holds the stems the
application computes with PostgreSQL's algorithms and stop words (app.storage.stems), in FTS5
tables of their own (an external-content table re-reads its text for snippets and deletes,
and stems are not that text); snippets are cut by the application on both databases. A
deleted entry leaves the index by a trigger; a changed one is indexed again by the writer.
PostgreSQL is not touched.
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("search_fts_en", "search_fts_nl")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    from app.storage.search import rebuild_index

    op.execute("DROP TRIGGER IF EXISTS search_fts_update")
    op.execute("DROP TRIGGER IF EXISTS search_fts_delete")
    for table in _TABLES:
        op.execute(f"DROP TABLE IF EXISTS {table}")
        op.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(stems, tokenize='unicode61 remove_diacritics 2')")
    op.execute(
        """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_entries BEGIN
            DELETE FROM search_fts_en WHERE rowid = old.id;
            DELETE FROM search_fts_nl WHERE rowid = old.id;
        END"""
    )
    rebuild_index(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TRIGGER IF EXISTS search_fts_delete")
    for table in _TABLES:
        op.execute(f"DROP TABLE IF EXISTS {table}")
    for language, tokenizer in (("en", "porter unicode61 remove_diacritics 2"), ("nl", "unicode61 remove_diacritics 2")):
        op.execute(f"CREATE VIRTUAL TABLE search_fts_{language} USING fts5("
                   f"text, content='search_entries', content_rowid='id', tokenize='{tokenizer}')")
        condition = "language = 'en'" if language == "en" else "language <> 'en'"
        op.execute(f"INSERT INTO search_fts_{language}(rowid, text) SELECT id, text FROM search_entries "
                   f"WHERE {condition}")
    op.execute(
        """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_entries BEGIN
            INSERT INTO search_fts_en(search_fts_en, rowid, text) SELECT 'delete', old.id, old.text
                WHERE old.language = 'en';
            INSERT INTO search_fts_nl(search_fts_nl, rowid, text) SELECT 'delete', old.id, old.text
                WHERE old.language <> 'en';
        END"""
    )
    op.execute(
        """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_entries BEGIN
            INSERT INTO search_fts_en(search_fts_en, rowid, text) SELECT 'delete', old.id, old.text
                WHERE old.language = 'en';
            INSERT INTO search_fts_nl(search_fts_nl, rowid, text) SELECT 'delete', old.id, old.text
                WHERE old.language <> 'en';
            INSERT INTO search_fts_en(rowid, text) SELECT new.id, new.text WHERE new.language = 'en';
            INSERT INTO search_fts_nl(rowid, text) SELECT new.id, new.text WHERE new.language <> 'en';
        END"""
    )
