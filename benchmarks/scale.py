"""The API at scale: 100,000 meetings and 1,000,000 decisions on PostgreSQL, 10x fewer on SQLite.

    python benchmarks/scale.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test [--keep]
    python benchmarks/scale.py --sqlite /tmp/scale.db [--meetings 10000]

Loading: a database of its own is migrated by the project's migrations, then filled with
seeded synthetic rows made in Python and sent with COPY (PostgreSQL) or batched inserts
(SQLite): per meeting one document, 3 agenda items, 10 decisions, 4 member states named,
and the search entries of the items and decisions. Each record's span points at its text
in its document. Then ANALYZE. With --keep the database stays and a later run reuses it.

Serving: `nato-records serve` on loopback with the response cache off (every request
reaches the database), requests one at a time, their parameters varied from request to
request. The figure is the Server-Timing the API reports: the time from the request
reaching the application to its answer (client-side times are printed beside it).
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from app.api.paging import encode_cursor
from app.parsing.records import BODIES, DECISION_KINDS
from app.storage.db import current_revision, head_revision, upgrade
from app.storage.queries import DECISION_SORTS
from app.storage.search import fts_inserts
from app.storage.stems import tsvector

DB_NAME = "nato_records_scale"
FIRST_DAY = date(1949, 4, 4)
DAYS = (date(2026, 11, 1) - FIRST_DAY).days
PORT = 8077

TOPICS = ["Oekraïne", "Afschrikking en verdediging", "Het Zuiden", "Terrorismebestrijding", "Lastenverdeling",
          "Cyberdreigingen", "Samenwerking met de EU", "Afghanistan", "Irak", "De Westelijke Balkan",
          "Wapenbeheersing", "Defensie-industrie", "Weerbaarheid", "Partnerschappen", "Rusland", "China",
          "Ukraine", "Deterrence and defence", "Counter-terrorism", "Resilience", "Climate and security"]
VERBS_NL = ["De ministers stemden in met", "Bondgenoten besloten tot", "Ministers keurden goed:",
            "De ministers gaven hun goedkeuring aan", "Bondgenoten kwamen overeen tot"]
VERBS_EN = ["We agreed on", "Today we decided on", "We endorsed", "We tasked the Council with"]
THINGS_NL = ["een actieplan voor", "de versterking van", "een steunpakket voor", "de herziening van",
             "nieuwe capaciteitsdoelen voor", "een financieringsmechanisme voor", "de uitbreiding van",
             "een strategie voor", "een oefenprogramma voor", "de bescherming van"]
THINGS_EN = ["an action plan for", "strengthening", "a support package for", "a review of", "new targets for",
             "a funding mechanism for", "expanding", "a strategy for", "an exercise programme for", "protecting"]
OBJECTS = ["de oostflank", "de luchtverdediging", "Oekraïne", "de commandostructuur", "kritieke infrastructuur",
           "de trainingsmissie", "de Zwarte Zee", "de Baltische staten", "de noordflank", "de cyberverdediging",
           "the eastern flank", "air and missile defence", "Ukraine", "the command structure", "the Black Sea",
           "critical undersea infrastructure", "the Baltic region", "space", "hybrid threats", "the High North"]
CITIES = ["Brussels", "Brussels", "Brussels", "Warsaw", "Vilnius", "Madrid", "Riga", "Prague", "London", "Berlin",
          "Rome", "Oslo", "Istanbul", "Lisbon", "Wales", "Bucharest", "Tallinn", "Washington", None]
STATES_NL = {"NLD": "Nederland", "DEU": "Duitsland", "FRA": "Frankrijk", "POL": "Polen", "USA": "de Verenigde Staten",
             "TUR": "Turkije", "NOR": "Noorwegen", "EST": "Estland", "ITA": "Italië", "ESP": "Spanje",
             "CAN": "Canada", "GBR": "het Verenigd Koninkrijk", "ROU": "Roemenië", "LTU": "Litouwen",
             "FIN": "Finland", "SWE": "Zweden"}
ACCESSION = {"FIN": date(2023, 4, 4), "SWE": date(2024, 3, 7), "POL": date(1999, 3, 12), "EST": date(2004, 3, 29),
             "ROU": date(2004, 3, 29), "LTU": date(2004, 3, 29), "TUR": date(1952, 2, 18), "DEU": date(1955, 5, 6),
             "ESP": date(1982, 5, 30)}
SEARCH_WORDS = ["oekraine", "luchtverdediging", "oostflank", "Ukraine", "command structure", "Black Sea",
                "infrastructure", "trainingsmissie", "Baltic", "hybrid threats", "steunpakket", "High North",
                "financieringsmechanisme", "cyberverdediging", "space exercise"]

TABLES = {
    "documents": ["id", "source", "sha256", "format", "title", "language", "kind", "date", "dossier", "number",
                  "source_text", "text", "body_end", "parser_version", "content_hash", "ingested_at", "updated_at"],
    "meetings": ["id", "body", "start_date", "end_date", "location", "virtual", "informal", "content_hash",
                 "created_at", "updated_at"],
    "meeting_documents": ["meeting_id", "document_id"],
    "agenda_items": ["id", "meeting_id", "document_id", "position", "title", "number", "parent_id", "span_start",
                     "span_end", "content_hash", "created_at", "updated_at"],
    "decisions": ["id", "meeting_id", "agenda_item_id", "document_id", "position", "text", "kind", "span_start",
                  "span_end", "meeting_date", "meeting_body", "content_hash", "created_at", "updated_at"],
    "mentions": ["id", "document_id", "member_code", "agenda_item_id", "decision_id", "surface", "span_start",
                 "span_end"],
    "search_entries": ["id", "kind", "record_id", "language", "text"],
}


def meeting_rows(count: int, seed: int) -> Iterator[dict[str, list[tuple[Any, ...]]]]:
    """Per meeting, the rows of every table, seeded: the same count and seed give the same data."""
    rng = random.Random(seed)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    slots = rng.sample(range(DAYS * len(BODIES)), count)
    item_id = decision_id = mention_id = entry_id = 0
    for number, slot in enumerate(slots, start=1):
        day, body = FIRST_DAY + timedelta(days=slot // len(BODIES)), BODIES[slot % len(BODIES)]
        meeting_id = f"{day.isoformat()}-{body.replace('_', '-')}"
        language = "en" if rng.random() < 0.3 else "nl"
        parts: list[str] = [f"Verslag van de bijeenkomst van {day.isoformat()}\n\n"]
        offset = len(parts[0])
        rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
        named = [c for c in rng.sample(sorted(STATES_NL), 4) if ACCESSION.get(c, FIRST_DAY) <= day]
        for code in named:
            surface = STATES_NL[code]
            mention_id += 1
            rows["mentions"].append((mention_id, number, code, None, None, surface, offset, offset + len(surface)))
            parts.append(surface + ". ")
            offset += len(surface) + 2
        position = 0
        for item_position in range(3):
            item_id += 1
            title = rng.choice(TOPICS)
            start = offset
            parts.append(f"\n\n{item_position + 1}. {title}\n\n")
            offset += len(parts[-1])
            rows["agenda_items"].append((item_id, meeting_id, number, item_position, title, str(item_position + 1),
                                         None, start + 2, offset - 2, f"{item_id:064x}", now, now))
            entry_id += 1
            rows["search_entries"].append((entry_id, "agenda_item", item_id, language, title))
            for _ in range(3 if item_position else 4):
                decision_id += 1
                verbs, things = (VERBS_EN, THINGS_EN) if language == "en" else (VERBS_NL, THINGS_NL)
                sentence = f"{rng.choice(verbs)} {rng.choice(things)} {rng.choice(OBJECTS)}."
                parts.append(sentence + " ")
                rows["decisions"].append((
                    decision_id, meeting_id, item_id, number, position, sentence, rng.choice(DECISION_KINDS),
                    offset, offset + len(sentence), day, body, f"{decision_id:064x}", now, now,
                ))
                entry_id += 1
                rows["search_entries"].append((entry_id, "decision", decision_id, language, sentence))
                offset += len(sentence) + 1
                position += 1
        body_text = "".join(parts)
        location = rng.choice(CITIES)
        rows["documents"].append((
            number, f"scale/{number}.txt", f"{number:064x}", "txt", f"Verslag {meeting_id}", language, "report", day,
            "28676", str(number), body_text, body_text, len(body_text), "scale", f"{number:064x}", now, now,
        ))
        rows["meetings"].append((meeting_id, body, day, day, location, location is None, False, f"{number:064x}",
                                 now, now))
        rows["meeting_documents"].append((meeting_id, number))
        yield rows


def load(url: str, count: int, seed: int) -> float:
    """Fill a migrated, empty database; returns the seconds it took."""
    began = time.perf_counter()
    engine = create_engine(url)
    raw = engine.raw_connection()
    try:
        batch: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
        for number, rows in enumerate(meeting_rows(count, seed), start=1):
            for name, values in rows.items():
                batch[name].extend(values)
            if number % 5000 == 0 or number == count:
                _write(raw, batch, engine.dialect.name)
                batch = {name: [] for name in TABLES}
                print(f"\r  loaded {number:,} meetings", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        cursor = raw.cursor()
        if engine.dialect.name == "postgresql":
            for name in ("documents", "agenda_items", "decisions", "mentions", "search_entries"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
        raw.commit()
    finally:
        raw.close()
    with engine.connect() as connection:
        # what autovacuum does soon after a load: statistics, and the visibility map that lets
        # PostgreSQL answer from an index alone
        analyze = "VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"  # SQLite has no VACUUM ANALYZE
        connection.execution_options(isolation_level="AUTOCOMMIT").execute(text(analyze))
    engine.dispose()
    return time.perf_counter() - began


def _write(raw: Any, batch: dict[str, list[tuple[Any, ...]]], dialect: str) -> None:
    cursor = raw.cursor()
    for name, columns in TABLES.items():
        if not batch[name]:
            continue
        if name == "search_entries":  # with their full-text index, as the job writes it
            _write_search_entries(cursor, batch[name], dialect)
        elif dialect == "postgresql":
            with cursor.copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in batch[name]:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in columns)
            values = [tuple(v.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(v, datetime) else v for v in row)
                      for row in batch[name]]
            cursor.executemany(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})", values)
    raw.commit()


def _write_search_entries(cursor: Any, rows: list[tuple[Any, ...]], dialect: str) -> None:
    """Search entries (id, kind, record_id, language, text) and their index: PostgreSQL's tsvector
    column, SQLite's FTS5 tables (app.storage.search)."""
    columns = ", ".join(TABLES["search_entries"])
    if dialect == "postgresql":
        with cursor.copy(f"COPY search_entries ({columns}, tsv) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((*row, tsvector(row[4], row[3])))
        return
    cursor.executemany(f"INSERT INTO search_entries ({columns}) VALUES (?, ?, ?, ?, ?)", rows)
    for sql, index_rows in fts_inserts([{"id": row[0], "language": row[3], "text": row[4]} for row in rows]):
        cursor.executemany(sql, index_rows)


def _loaded(url: str) -> int:
    """How many decisions a kept database holds; -1 when it is missing or of an older schema."""
    engine = create_engine(url)
    try:
        if current_revision(engine) != head_revision(url):
            return -1
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM decisions")).scalar_one()
    except SQLAlchemyError:  # no such database or table yet
        return -1
    finally:
        engine.dispose()


def _postgres_database(base_url: str, fresh: bool) -> str:
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": DB_NAME}).first()
        if exists and fresh:
            connection.execute(text(f'DROP DATABASE "{DB_NAME}" WITH (FORCE)'))
        if not exists or fresh:
            connection.execute(text(f'CREATE DATABASE "{DB_NAME}"'))
    admin.dispose()
    return make_url(base_url).set(database=DB_NAME).render_as_string(hide_password=False)


def _drop_postgres(base_url: str) -> None:
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)'))
    admin.dispose()


def requests_to_measure(url: str, seed: int) -> dict[str, Callable[[], str]]:
    """Request makers; each call gives a new URL, so that no two requests ask the same."""
    rng = random.Random(seed)
    engine = create_engine(url)
    with engine.connect() as connection:
        meeting_ids = [r[0] for r in connection.execute(text("SELECT id FROM meetings ORDER BY random() LIMIT 500"))]
        deep = connection.execute(text(
            "SELECT m.start_date, m.id, d.id FROM decisions d JOIN meetings m ON m.id = d.meeting_id "
            "ORDER BY random() LIMIT 200"
        )).all()
    engine.dispose()
    cursors = [encode_cursor(DECISION_SORTS["-date"], tuple(row)) for row in deep]

    def year() -> int:
        return rng.randint(1950, 2024)

    return {
        "decisions, filtered and sorted (body, kind, since a year; -date)": lambda: (
            f"/v1/decisions?body={rng.choice(BODIES)}&kind={rng.choice(DECISION_KINDS)}"
            f"&from={year()}-01-01&sort=-date&limit=50"),
        "meetings, filtered and sorted (body, 10 years; start_date)": lambda: (
            f"/v1/meetings?body={rng.choice(BODIES)}&from={(y := year())}-01-01&to={y + 10}-12-31"
            f"&sort=start_date&limit=50"),
        "deep keyset page of decisions (-date, random depth)": lambda: (
            f"/v1/decisions?sort=-date&limit=50&cursor={rng.choice(cursors)}"),
        "full-text search": lambda: f"/v1/search?q={rng.choice(SEARCH_WORDS)}&limit=20",
        "decisions per year (stats)": lambda: (
            "/v1/stats/decisions?group_by=year" + rng.choice(["", f"&body={rng.choice(BODIES)}",
                                                              f"&kind={rng.choice(DECISION_KINDS)}"])),
        "one meeting with include=decisions": lambda: f"/v1/meetings/{rng.choice(meeting_ids)}?include=decisions",
        "decisions naming a member state (member=, 10 a page)": lambda: (
            f"/v1/decisions?member={rng.choice(list(STATES_NL))}&limit=10"),
    }


def measure(base: str, make: Callable[[], str], count: int) -> tuple[list[float], list[float]]:
    """Server-Timing and client times (ms) of `count` requests, after a few to warm up."""
    server: list[float] = []
    client: list[float] = []
    with httpx.Client(base_url=base, timeout=60) as http:
        for number in range(count + 5):
            started = time.perf_counter()
            response = http.get(make())
            took = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{response.request.url}: {response.status_code} {response.text[:300]}")
            if number >= 5:
                server.append(float(response.headers["server-timing"].split("dur=")[1]))
                client.append(took)
    return server, client


def serve(url: str) -> subprocess.Popen[bytes]:
    env = os.environ | {"NATO_RECORDS_DATABASE_URL": url, "NATO_RECORDS_RESPONSE_CACHE_MB": "0"}
    process = subprocess.Popen([sys.executable, "-m", "app", "serve", "--port", str(PORT)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{PORT}/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.terminate()
    raise SystemExit("the server did not start")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--postgres", metavar="URL", help="a server URL; the script makes its own database there")
    where.add_argument("--sqlite", metavar="FILE", type=Path, help="a SQLite file to make (or reuse with --keep)")
    parser.add_argument("--meetings", type=int, help="default 100,000 on PostgreSQL, 10,000 on SQLite")
    parser.add_argument("--requests", type=int, default=100, help="requests per kind (default 100)")
    parser.add_argument("--keep", action="store_true", help="keep the database, and reuse a kept one")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    count = args.meetings or (100_000 if args.postgres else 10_000)
    url = _postgres_database(args.postgres, fresh=False) if args.postgres else f"sqlite:///{args.sqlite}"
    if not (args.keep and _loaded(url) == count * 10):
        if args.postgres:
            url = _postgres_database(args.postgres, fresh=True)
        elif args.sqlite.exists():
            args.sqlite.unlink()
        upgrade(url)
        print(f"loading {count:,} meetings, {count * 10:,} decisions ...", file=sys.stderr)
        seconds = load(url, count, args.seed)
        print(f"loaded in {seconds:.0f} s")
    server = serve(url)
    try:
        kind = "PostgreSQL" if args.postgres else "SQLite"
        print(f"\n{kind}: {count:,} meetings, {count * 10:,} decisions; {args.requests} requests each, one at a time")
        print(f"{'request':<66} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'client p50':>11}")
        for name, make in requests_to_measure(url, args.seed).items():
            at_server, at_client = measure(f"http://127.0.0.1:{PORT}", make, args.requests)
            print(f"{name:<66} {statistics.median(at_server):8.1f} {_percentile(at_server, 0.95):8.1f} "
                  f"{max(at_server):8.1f} {statistics.median(at_client):11.1f}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if not args.keep:
        if args.postgres:
            _drop_postgres(args.postgres)
        else:
            args.sqlite.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
