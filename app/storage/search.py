"""Full-text search over search_entries: FTS5 on SQLite, tsvector on PostgreSQL.

Both hold the same stems of a text (app.storage.stems: the Snowball stems and stop words of
PostgreSQL's `dutch` or `english` configuration, by the record's language), computed by the
job, and a query is read into stems the same way for both, so it finds the same records on
both. Both rank the hits (bm25 / ts_rank_cd); one function cuts the snippet for both, the
matched words between <mark> and </mark> and everything else HTML-escaped: a report's own
markup comes back as text, never as tags a dashboard would run. User text never reaches the
query syntax: a query's words are split, stemmed and each quoted here.
"""

import html
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlmodel import Session

from app.storage.stems import WORD, index_form, query_stems, stem, tsquery, tsvector

SNIPPET_WORDS = 16
# PostgreSQL ranks at most this many matches, the first its index yields: ranking reads every
# ranked row from the table, and a word in 45,000 of 1,000,000 records took 240 ms to rank them
# all (benchmarks/scale.py); 5,000 take under 60 ms. More words, or kind=, narrow a search.
MAX_RANKED = 5000
MAX_TERMS = 16


@dataclass(frozen=True)
class Hit:
    """A record whose text matches, with its rank (higher is better) and a snippet."""

    kind: str
    record_id: int
    rank: float
    snippet: str


def fts_table(language: str) -> str:
    """SQLite's FTS5 table for a language's stems: English, or Dutch for every other language."""
    return "search_fts_en" if language == "en" else "search_fts_nl"


def index_new_entries(connection: Connection, entries: list[dict[str, object]]) -> None:
    """Add newly inserted search entries (id, language, text) to SQLite's full-text index, as
    their stems (app.storage.stems: the words PostgreSQL's configurations would index).

    The writer does this, not a trigger: a trigger's insert into an FTS5 table is a statement
    of its own for each row, and FTS5 writes its pending terms at each (migration 0006).
    On PostgreSQL an entry's tsvector goes in with its row (rows.add_search_entries)."""
    for sql, rows in fts_inserts(entries):
        connection.exec_driver_sql(sql, rows)


def fts_inserts(entries: list[dict[str, object]]) -> list[tuple[str, list[tuple[object, str]]]]:
    """The INSERTs into SQLite's FTS5 tables that index these entries, each with its rows (rowid, stems)."""
    by_table: dict[str, list[tuple[object, str]]] = {}
    for entry in entries:
        language = str(entry["language"])
        by_table.setdefault(fts_table(language), []).append((entry["id"], index_form(str(entry["text"]), language)))
    return [(f"INSERT INTO {table}(rowid, stems) VALUES (?, ?)", rows) for table, rows in by_table.items()]


def reindex_entry(connection: Connection, entry_id: int, language: str, text_: str) -> None:
    """A search entry whose text or language changed, indexed again. A deleted entry leaves the
    index by a trigger on SQLite, with its row on PostgreSQL."""
    if connection.dialect.name != "sqlite":
        connection.execute(_SET_TSVECTOR, [{"entry": entry_id, "tsv": tsvector(text_, language)}])
        return
    for table in ("search_fts_en", "search_fts_nl"):
        connection.exec_driver_sql(f"DELETE FROM {table} WHERE rowid = ?", (entry_id,))
    index_new_entries(connection, [{"id": entry_id, "language": language, "text": text_}])


_SET_TSVECTOR = text("UPDATE search_entries SET tsv = CAST(:tsv AS tsvector) WHERE id = :entry")
_ENTRIES_AFTER = text("SELECT id, language, text FROM search_entries WHERE id > :last ORDER BY id LIMIT 1000")


def rebuild_index(connection: Connection) -> None:
    """Index every search entry again, as a restore needs (the entries come back as rows, without
    their index) and a new way of reading words."""
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        for table in ("search_fts_en", "search_fts_nl"):
            connection.exec_driver_sql(f"DELETE FROM {table}")
    last = 0
    while rows := connection.execute(_ENTRIES_AFTER, {"last": last}).all():
        if sqlite:
            index_new_entries(connection, [{"id": i, "language": lang, "text": t} for i, lang, t in rows])
        else:
            connection.execute(_SET_TSVECTOR, [{"entry": i, "tsv": tsvector(t, lang)} for i, lang, t in rows])
        last = rows[-1][0]


def terms(query: str) -> list[str]:
    """The words of a query, at most MAX_TERMS ("/", "-" and other signs separate words)."""
    return [w.lower() for w in WORD.findall(query)][:MAX_TERMS]


def fts_match(query: str, language: str) -> str | None:
    """The query as an FTS5 MATCH of one language's stems (each a quoted string, all required);
    None when only stop words are left, which PostgreSQL matches nowhere either."""
    return " ".join(f'"{s}"' for s in query_stems(terms(query), language)) or None


# which search entries (`e`) each language's query is asked of, on PostgreSQL
_POSTGRES_LANGUAGES = {"en": "e.language = 'en'", "nl": "e.language <> 'en'"}


def _postgres_match(query: str) -> tuple[str, dict[str, object]] | None:
    """SQL (over search entries `e`) that keeps the entries whose tsvector matches the query, in
    their language's stems, with its parameters (:q_en, :q_nl: none for a language left with only
    stop words, whose entries are not asked); None when no language has a word left."""
    wanted = {language: tsquery(terms(query), language) for language in _POSTGRES_LANGUAGES}
    if not any(wanted.values()):
        return None
    either = " OR ".join(f"({_POSTGRES_LANGUAGES[language]} AND e.tsv @@ CAST(:q_{language} AS tsquery))"
                         for language, q in wanted.items() if q is not None)
    return f"({either})", {f"q_{language}": q for language, q in wanted.items() if q is not None}


def matching_ids_sql(engine: Engine, kind: str, query: str) -> tuple[str, dict[str, object]]:
    """SQL selecting the ids of the records of one kind whose text matches the query."""
    params: dict[str, object] = {"kind": kind}
    if engine.dialect.name != "sqlite":
        if (matched := _postgres_match(query)) is None:
            return "SELECT NULL AS record_id WHERE false", params
        condition, query_params = matched
        return f"SELECT e.record_id FROM search_entries e WHERE e.kind = :kind AND {condition}", params | query_params
    parts = []
    for language in ("en", "nl"):
        if (match := fts_match(query, language)) is not None:
            parts.append(f"SELECT e.record_id FROM search_fts_{language} JOIN search_entries e "
                         f"ON e.id = search_fts_{language}.rowid "
                         f"WHERE search_fts_{language} MATCH :q_{language} AND e.kind = :kind")
            params[f"q_{language}"] = match
    return (" UNION ".join(parts) if parts else "SELECT NULL AS record_id WHERE 0"), params


def search(
    session: Session, engine: Engine, query: str, kinds: tuple[str, ...], offset: int, limit: int,
    topics: tuple[str, ...] = (),
) -> list[Hit]:
    """Ranked hits of the given kinds, best first; with `topics`, only records tagged with one of them."""
    if not terms(query) or not kinds:
        return []
    if engine.dialect.name == "sqlite":
        rows = _search_sqlite(session, query, kinds, offset, limit, topics)
    else:
        rows = _search_postgres(session, query, kinds, offset, limit, topics)
    return [Hit(r.kind, r.record_id, float(r.rank), snippet(r.text, query, r.language)) for r in rows]


def snippet(text_: str, query: str, language: str) -> str:
    """About SNIPPET_WORDS words of the text around its first word the query finds, those words
    between <mark> and </mark>, the rest HTML-escaped; "…" where the text goes on. The same
    on both databases: the words are found by their stems, as the index found the record."""
    wanted = set(query_stems(terms(query), language))
    before: list[re.Match[str]] = []
    window: list[re.Match[str]] = []
    for match in WORD.finditer(text_):
        if window:
            window.append(match)
            if len(window) >= SNIPPET_WORDS:
                break
        elif stem(match.group(), language) in wanted:
            window = [*before[-_WORDS_BEFORE:], match]
        else:
            before = ([*before, match])[-_WORDS_BEFORE:]
    if not window:  # the record matched by a form the words here do not show: its opening
        window = list(WORD.finditer(text_[: 40 * SNIPPET_WORDS]))[:SNIPPET_WORDS]
        wanted = set()
    if not window:
        return html.escape(text_[:200])
    start, end = window[0].start(), window[-1].end()
    parts = ["…" if start > 0 else ""]
    at = start
    for match in window:
        parts.append(html.escape(_SPACES.sub(" ", text_[at:match.start()])))
        word = html.escape(match.group())
        parts.append(f"<mark>{word}</mark>" if stem(match.group(), language) in wanted else word)
        at = match.end()
    parts.append("…" if end < len(text_) else "")
    return "".join(parts)


_WORDS_BEFORE = 5  # words of context before the first match
_SPACES = re.compile(r"\s+")


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
    session: Session, query: str, kinds: tuple[str, ...], offset: int, limit: int, topics: tuple[str, ...]
) -> list[Any]:
    kind_list = ", ".join(f":k{i}" for i in range(len(kinds)))
    tagged, topic_params = topic_condition(kinds, topics)
    params: dict[str, object] = {"limit": limit, "offset": offset, **topic_params}
    params.update({f"k{i}": k for i, k in enumerate(kinds)})
    parts = []
    for language in ("en", "nl"):
        if (match := fts_match(query, language)) is None:
            continue
        params[f"q_{language}"] = match
        parts.append(
            f"SELECT e.kind, e.record_id, e.language, e.text, -bm25(search_fts_{language}) AS rank "
            f"FROM search_fts_{language} JOIN search_entries e ON e.id = search_fts_{language}.rowid "
            f"WHERE search_fts_{language} MATCH :q_{language} AND e.kind IN ({kind_list}) AND {tagged}")
    if not parts:
        return []
    sql = " UNION ALL ".join(parts) + " ORDER BY rank DESC, kind, record_id LIMIT :limit OFFSET :offset"
    return list(session.connection().execute(text(sql), params).all())


def _search_postgres(
    session: Session, query: str, kinds: tuple[str, ...], offset: int, limit: int, topics: tuple[str, ...]
) -> list[Any]:
    if (matched := _postgres_match(query)) is None:
        return []
    condition, query_params = matched
    tagged, topic_params = topic_condition(kinds, topics)
    sql = f"""
        WITH q AS (SELECT CAST(:q_en AS tsquery) AS en, CAST(:q_nl AS tsquery) AS nl),
        candidates AS (
            SELECT e.id FROM search_entries e
            WHERE e.kind = ANY(:kinds) AND {tagged} AND {condition}
            LIMIT {MAX_RANKED}
        )
        SELECT e.kind, e.record_id, e.language, e.text,
               ts_rank_cd(e.tsv, CASE WHEN e.language = 'en' THEN q.en ELSE q.nl END) AS rank
        FROM search_entries e JOIN candidates c ON c.id = e.id, q
        ORDER BY rank DESC, e.kind, e.record_id
        LIMIT :limit OFFSET :offset
    """
    return list(session.connection().execute(text(sql), {
        "q_en": None, "q_nl": None, **query_params,  # the ranking asks for both
        "kinds": list(kinds), "limit": limit, "offset": offset, **topic_params,
    }).all())
