"""Full-text search over search_entries: FTS5 on SQLite, tsvector on PostgreSQL.

Both rank the hits (bm25 / ts_rank_cd) and cut a snippet with the matched
words between <mark> and </mark>, and everything else HTML-escaped: a report's own markup
comes back as text, never as tags a dashboard would run. User text never reaches the query syntax:
on SQLite each word becomes a quoted phrase, on PostgreSQL websearch_to_tsquery
reads it.
"""

import html
import re
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text
from sqlmodel import Session

SNIPPET_WORDS = 16
# PostgreSQL ranks at most this many matches, the first its index yields: ranking reads every
# ranked row from the table, and a word in 45,000 of 1,000,000 records took 240 ms to rank them
# all (benchmarks/scale.py); 5,000 take under 60 ms. More words, or kind=, narrow a search.
MAX_RANKED = 5000
MAX_TERMS = 16
# What the databases put around a matched word: characters of Unicode's private use area, which
# no report holds, so that the text can be escaped before the marks become <mark> tags.
MARK_START, MARK_END = "\ue000", "\ue001"


@dataclass(frozen=True)
class Hit:
    """A record whose text matches, with its rank (higher is better) and a snippet."""

    kind: str
    record_id: int
    rank: float
    snippet: str


def fts_table(language: str) -> str:
    """SQLite's FTS5 table for a language: English is stemmed, every other language only folded."""
    return "search_fts_en" if language == "en" else "search_fts_nl"


def index_new_entries(connection: Connection, entries: list[dict[str, object]]) -> None:
    """Add newly inserted search entries (id, language, text) to SQLite's full-text index.

    The writer does this, not a trigger: a trigger's insert into an FTS5 table is a statement
    of its own for each row, and FTS5 writes its pending terms at each (migration 0006).
    PostgreSQL indexes its generated tsvector column itself."""
    if connection.dialect.name != "sqlite":
        return
    by_table: dict[str, list[tuple[object, object]]] = {}
    for entry in entries:
        by_table.setdefault(fts_table(str(entry["language"])), []).append((entry["id"], entry["text"]))
    for table, rows in by_table.items():
        connection.exec_driver_sql(f"INSERT INTO {table}(rowid, text) VALUES (?, ?)", rows)


def rebuild_index(connection: Connection) -> None:
    """Index every search entry again, as a restore needs: the entries come back as rows, and on
    SQLite the full-text tables hold only what the writer added (PostgreSQL's tsvector is a
    generated column, rebuilt with its row)."""
    if connection.dialect.name != "sqlite":
        return
    for language, condition in (("en", "language = 'en'"), ("nl", "language <> 'en'")):
        table = fts_table(language)
        connection.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('delete-all')")  # FTS5's own command
        connection.exec_driver_sql(f"INSERT INTO {table}(rowid, text) SELECT id, text FROM search_entries "
                                   f"WHERE {condition}")


def terms(query: str) -> list[str]:
    """The words of a query, at most MAX_TERMS."""
    return re.findall(r"\w+", query.lower())[:MAX_TERMS]


def matching_ids_sql(engine: Engine, kind: str) -> tuple[str, dict[str, object]]:
    """SQL selecting the record ids of one kind that match :q_fts (bind it with `fts_query`)."""
    if engine.dialect.name == "sqlite":
        sql = " UNION ".join(
            f"SELECT e.record_id FROM search_fts_{lang} JOIN search_entries e ON e.id = search_fts_{lang}.rowid "
            f"WHERE search_fts_{lang} MATCH :q_fts AND e.kind = :kind"
            for lang in ("en", "nl")
        )
    else:
        sql = (
            "SELECT record_id FROM search_entries WHERE kind = :kind AND ("
            "(language = 'en' AND tsv @@ websearch_to_tsquery('english', :q_fts)) OR "
            "(language <> 'en' AND tsv @@ websearch_to_tsquery('dutch', :q_fts)))"
        )
    return sql, {"kind": kind}


def fts_query(engine: Engine, query: str) -> str:
    """The user's text as this database's full-text query."""
    if engine.dialect.name == "sqlite":
        return " ".join(f'"{t}"' for t in terms(query))
    return " ".join(terms(query))


def search(
    session: Session, engine: Engine, query: str, kinds: tuple[str, ...], offset: int, limit: int,
    topics: tuple[str, ...] = (),
) -> list[Hit]:
    """Ranked hits of the given kinds, best first; with `topics`, only records tagged with one of them."""
    if not terms(query) or not kinds:
        return []
    if engine.dialect.name == "sqlite":
        return _search_sqlite(session, fts_query(engine, query), kinds, offset, limit, topics)
    return _search_postgres(session, fts_query(engine, query), kinds, offset, limit, topics)


# The link table of each kind of record: which of its records are tagged with which topic.
_TOPIC_LINKS = {
    "decision": ("decision_topics", "decision_id"),
    "agenda_item": ("agenda_item_topics", "agenda_item_id"),
    "document": ("document_topics", "document_id"),
}


def topic_condition(kinds: tuple[str, ...], topics: tuple[str, ...]) -> tuple[str, dict[str, object]]:
    """SQL (over search entries `e`) that keeps the entries whose record is tagged with one of
    the topics; an always-true condition when no topic is asked for."""
    if not topics:
        return "1 = 1", {}
    slugs = ", ".join(f":t{i}" for i in range(len(topics)))
    parts = [
        f"(e.kind = '{kind}' AND e.record_id IN (SELECT {column} FROM {table} WHERE topic_slug IN ({slugs})))"
        for kind, (table, column) in _TOPIC_LINKS.items() if kind in kinds
    ]
    return "(" + " OR ".join(parts) + ")", {f"t{i}": t for i, t in enumerate(topics)}


def _search_sqlite(
    session: Session, match: str, kinds: tuple[str, ...], offset: int, limit: int, topics: tuple[str, ...]
) -> list[Hit]:
    kind_list = ", ".join(f":k{i}" for i in range(len(kinds)))
    tagged, topic_params = topic_condition(kinds, topics)
    parts = [
        f"SELECT e.kind, e.record_id, -bm25(search_fts_{lang}) AS rank, "
        f"snippet(search_fts_{lang}, 0, '{MARK_START}', '{MARK_END}', '…', {SNIPPET_WORDS}) AS snippet "
        f"FROM search_fts_{lang} JOIN search_entries e ON e.id = search_fts_{lang}.rowid "
        f"WHERE search_fts_{lang} MATCH :q AND e.kind IN ({kind_list}) AND {tagged}"
        for lang in ("en", "nl")
    ]
    sql = " UNION ALL ".join(parts) + " ORDER BY rank DESC, kind, record_id LIMIT :limit OFFSET :offset"
    params: dict[str, object] = {"q": match, "limit": limit, "offset": offset, **topic_params}
    params.update({f"k{i}": k for i, k in enumerate(kinds)})
    rows = session.connection().execute(text(sql), params).all()
    return [Hit(r.kind, r.record_id, float(r.rank), marked_html(r.snippet)) for r in rows]


def marked_html(snippet: str) -> str:
    """A snippet as HTML: its text escaped, its marked words between <mark> and </mark>."""
    return html.escape(snippet).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def _search_postgres(
    session: Session, words: str, kinds: tuple[str, ...], offset: int, limit: int, topics: tuple[str, ...]
) -> list[Hit]:
    tagged, topic_params = topic_condition(kinds, topics)
    sql = f"""
        WITH q AS (SELECT websearch_to_tsquery('english', :q) AS en, websearch_to_tsquery('dutch', :q) AS nl),
        candidates AS (
            SELECT e.id FROM search_entries e, q
            WHERE e.kind = ANY(:kinds) AND {tagged}
              AND ((e.language = 'en' AND e.tsv @@ q.en) OR (e.language <> 'en' AND e.tsv @@ q.nl))
            LIMIT {MAX_RANKED}
        ),
        ranked AS (
            SELECT e.kind, e.record_id, e.language, e.text,
                   CASE WHEN e.language = 'en' THEN q.en ELSE q.nl END AS query,
                   ts_rank_cd(e.tsv, CASE WHEN e.language = 'en' THEN q.en ELSE q.nl END) AS rank
            FROM search_entries e JOIN candidates c ON c.id = e.id, q
            ORDER BY rank DESC, e.kind, e.record_id
            LIMIT :limit OFFSET :offset
        )
        SELECT h.kind, h.record_id, h.rank, h.snippet,
               CASE WHEN p.at > 0 THEN substr(h.text, p.at, length(pl.plain)) END AS original
        FROM (
            SELECT kind, record_id, rank, text,
                   ts_headline(CASE WHEN language = 'en' THEN 'english'::regconfig ELSE 'dutch'::regconfig END,
                               {_SPLIT_WORDS}, query,
                               '{_HEADLINE_OPTIONS}')
                       AS snippet
            FROM ranked
        ) AS h,
        LATERAL (SELECT replace(replace(h.snippet, '{MARK_START}', ''), '{MARK_END}', '') AS plain) AS pl,
        LATERAL (SELECT strpos({_SPLIT_WORDS}, pl.plain) AS at) AS p
        ORDER BY h.rank DESC, h.kind, h.record_id
    """
    rows = session.connection().execute(
        text(sql), {"q": words, "kinds": list(kinds), "limit": limit, "offset": offset, **topic_params}
    ).all()
    return [Hit(r.kind, r.record_id, float(r.rank), marked_html(restore_characters(r.snippet, r.original)))
            for r in rows]


_HEADLINE_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, MinWords=6, MaxFragments=1"

# What the tsvector is built over (migration 0007): "/" and "-" read as spaces, which PostgreSQL's
# parser would otherwise keep inside one token ("Turkije/Syrië", "COVID-19")
_SPLIT_WORDS = "translate(text, '/-', '  ')"


def restore_characters(snippet: str, original: str | None) -> str:
    """A snippet cut from the text as the index reads it (slashes and hyphens as spaces), with
    the text's own characters put back around its marks. `original`: the same stretch of the
    stored text; None, or a stretch that does not fit, leaves the snippet as it is."""
    if original is None:
        return snippet
    restored, at = [], 0
    for part in re.split(f"([{MARK_START}{MARK_END}])", snippet):
        if part in (MARK_START, MARK_END):
            restored.append(part)
        else:
            restored.append(original[at:at + len(part)])
            at += len(part)
    return "".join(restored) if at == len(original) else snippet
