"""The ingestion job: idempotent, one transaction per document, failures isolated."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, text
from sqlmodel import Session, col, select

import app.ingest.preparing as preparing_module
import app.ingest.saving as saving_module
from app.ingest import IngestSummary, Limits, ingest_paths, reparse_all
from app.parsing import ParsedReport, parse_report
from app.storage.tables import (
    AgendaItem,
    Change,
    Decision,
    DecisionTopic,
    Document,
    DocumentTopic,
    Meeting,
    MeetingDocument,
    Mention,
    SearchEntry,
)
from tests.conftest import CORPUS, SAMPLES
from tests.meeting_texts import NEWS_ITEM, REPORT_LETTER, written
from tests.storage.stored import row_counts, stored_snapshot


def _reparse_with(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, parse: Callable[..., ParsedReport] = parse_report
) -> IngestSummary:
    """A reparse by a new parser version that parses with `parse`."""
    monkeypatch.setattr(saving_module, "PARSER_VERSION", "next-version")
    monkeypatch.setattr(preparing_module, "parse_report", parse)
    return reparse_all(engine)


def test_ingesting_twice_changes_nothing(engine: Engine) -> None:
    first = ingest_paths(engine, [SAMPLES])
    assert first.counts["inserted"] == len(list(SAMPLES.glob("*.txt")))
    counts, snapshot = row_counts(engine), stored_snapshot(engine)
    second = ingest_paths(engine, [SAMPLES])
    assert second.counts["unchanged"] == first.counts["inserted"]
    assert row_counts(engine) == counts
    assert stored_snapshot(engine) == snapshot


def test_a_failing_file_does_not_stop_the_others(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "a-broken.pdf").write_bytes(b"this is not a pdf at all")
    (tmp_path / "b-empty.txt").write_bytes(b"")
    good = tmp_path / "c-report.txt"
    good.write_bytes((CORPUS / "nl-2020-04-02-foreign-ministers-report.txt").read_bytes())
    summary = ingest_paths(engine, [tmp_path])
    outcomes = {Path(r.path).name: (r.outcome, r.reason) for r in summary.results}
    assert outcomes["a-broken.pdf"] == ("failed", "named .pdf but is not a PDF file")
    assert outcomes["b-empty.txt"] == ("failed", "no usable text in the file")
    assert outcomes["c-report.txt"] == ("inserted", None)
    assert row_counts(engine)["documents"] == 1


def test_a_document_that_fails_while_saving_leaves_nothing(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_insert(*args: object, **kwargs: object) -> None:
        raise ValueError("simulated failure after the document row was written")

    monkeypatch.setattr("app.storage.writes.mention_rows", broken_insert)
    summary = ingest_paths(engine, [SAMPLES / "nl-2020-04-02-foreign-ministers-report.txt"])
    assert summary.failed == 1
    assert all(n == 0 for n in row_counts(engine).values())


def test_decision_spans_point_into_the_stored_text(engine: Engine) -> None:
    ingest_paths(engine, [SAMPLES])
    with Session(engine) as session:
        rows = session.exec(select(Decision, Document).join(Document)).all()
        assert rows
        for decision, document in rows:
            assert document.text[decision.span_start:decision.span_end] == decision.text


def test_meeting_ids_are_readable(engine: Engine) -> None:
    ingest_paths(engine, [SAMPLES])
    with Session(engine) as session:
        ids = set(session.exec(select(Meeting.id)).all())
    assert "2020-04-02-foreign-ministers" in ids
    assert "2016-07-08-summit" in ids


def test_agenda_letter_and_report_share_one_meeting(engine: Engine, tmp_path: Path) -> None:
    agenda = (
        "28 676 NAVO\n\nNr. 990 BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN\n\nDen Haag, 20 maart 2020\n\n"
        "Hierbij stuur ik u de geannoteerde agenda voor de bijeenkomst van de NAVO-ministers van Buitenlandse "
        "Zaken die op 2 april a.s. in Brussel plaatsvindt.\n\nCOVID-19\n\nMinisters spreken over de crisis en "
        "de gevolgen voor het bondgenootschap en de operaties.\n"
    )
    (tmp_path / "agenda.txt").write_text(agenda, encoding="utf-8")
    ingest_paths(engine, [tmp_path, SAMPLES / "nl-2020-04-02-foreign-ministers-report.txt"])
    with Session(engine) as session:
        meeting = session.get(Meeting, "2020-04-02-foreign-ministers")
        assert meeting is not None
        links = session.exec(select(MeetingDocument).where(MeetingDocument.meeting_id == meeting.id)).all()
        logged = session.exec(select(Change.op).where(Change.resource == "meetings", Change.record_id == meeting.id)
                              .order_by(col(Change.seq))).all()
    assert len(links) == 2
    assert meeting.virtual is True  # the report, written afterwards, corrects the agenda's Brussels
    assert meeting.location is None
    assert logged == ["created", "updated"]  # a mirror learns of the correction
    assert meeting.updated_at >= meeting.created_at


def test_reparse_with_the_same_result_changes_nothing(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_paths(engine, [SAMPLES])
    counts, snapshot = row_counts(engine), stored_snapshot(engine)
    with Session(engine) as session:
        logged = session.exec(select(func.max(Change.seq))).one()
    assert reparse_all(engine).counts["unchanged"] == counts["documents"]
    monkeypatch.setattr(saving_module, "PARSER_VERSION", "next-version")
    assert reparse_all(engine).counts["unchanged"] == counts["documents"]
    assert row_counts(engine) == counts
    assert stored_snapshot(engine) == snapshot  # same ids, same updated_at
    with Session(engine) as session:
        assert set(session.exec(select(Document.parser_version)).all()) == {"next-version"}
        new = session.exec(select(Change).where(col(Change.seq) > logged)).all()
    # a mirror learns of the new parser version; nothing else changed
    assert {(c.resource, c.op) for c in new} == {("documents", "updated")}
    assert len(new) == counts["documents"]


def test_reparse_updates_in_place_and_leaves_tombstones(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_paths(engine, [SAMPLES / "nl-2020-04-02-foreign-ministers-report.txt"])
    with Session(engine) as session:
        before = session.exec(select(Decision).order_by(Decision.position)).all()

    def parse_without_last_decision(text: str, today: date | None = None) -> ParsedReport:
        report = parse_report(text, today)
        return replace(report, decisions=report.decisions[:-1])

    assert _reparse_with(engine, monkeypatch, parse_without_last_decision).counts["updated"] == 1
    with Session(engine) as session:
        after = session.exec(select(Decision).order_by(Decision.position)).all()
        tombstones = session.exec(select(Change).where(Change.op == "deleted")).all()
    assert [(d.id, d.updated_at) for d in after] == [(d.id, d.updated_at) for d in before[:-1]]
    assert [(t.resource, t.record_id) for t in tombstones] == [("decisions", str(before[-1].id))]


def test_a_decision_keeps_its_id_when_one_before_it_is_no_longer_found(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Matched by its sentence first, then by its position: only what the new parse no longer finds
    is tombstoned, and an edited sentence at its old place keeps its id."""
    ingest_paths(engine, [SAMPLES / "nl-2020-04-02-foreign-ministers-report.txt"])
    with Session(engine) as session:
        before = session.exec(select(Decision).order_by(Decision.position)).all()
    assert len(before) >= 3

    def parse_without_first_and_with_last_edited(text: str, today: date | None = None) -> ParsedReport:
        report = parse_report(text, today)
        last = report.decisions[-1]
        return replace(report, decisions=(*report.decisions[1:-1], replace(last, text=last.text + " (edited)")))

    assert _reparse_with(engine, monkeypatch, parse_without_first_and_with_last_edited).counts["updated"] == 1
    with Session(engine) as session:
        after = session.exec(select(Decision).order_by(Decision.position)).all()
        tombstones = session.exec(select(Change).where(Change.op == "deleted")).all()
    assert [(d.id, d.text) for d in after[:-1]] == [(d.id, d.text) for d in before[1:-1]]
    assert [d.position for d in after] == list(range(len(before) - 1))
    assert after[-1].text.endswith("(edited)")
    assert after[-1].id in {d.id for d in before}  # the edited sentence kept an id it had
    assert [(t.resource, t.record_id) for t in tombstones] == [("decisions", str(before[0].id))]


def _unindexed_search_entries(engine: Engine) -> list[int]:
    """Ids of search entries that the full-text index does not hold: on SQLite, rows of search
    entries missing from their language's FTS5 index; on PostgreSQL, entries with words and an
    empty or no tsvector."""
    with engine.connect() as connection:
        if engine.dialect.name != "sqlite":
            return list(connection.execute(text(
                "SELECT id FROM search_entries WHERE text ~ '\\w' AND (tsv IS NULL OR tsv = ''::tsvector)")).scalars())
        indexed: set[int] = set()
        for language in ("en", "nl"):
            connection.execute(text(
                f"CREATE VIRTUAL TABLE temp.terms_{language} USING fts5vocab(main, search_fts_{language}, instance)"))
            indexed |= set(connection.execute(text(f"SELECT DISTINCT doc FROM temp.terms_{language}")).scalars())
        entries = connection.execute(text("SELECT id FROM search_entries")).scalars()
        return sorted(set(entries) - indexed)


def test_every_search_entry_is_indexed_by_ingestion_and_by_a_reparse(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New entries are added to SQLite's full-text index by the writer (migration 0006), on the
    bulk path of a first ingestion and on the diffing path of a reparse alike."""
    report = SAMPLES / "nl-2020-04-02-foreign-ministers-report.txt"

    def parse_without_last_decision(text: str, today: date | None = None) -> ParsedReport:
        parsed = parse_report(text, today)
        return replace(parsed, decisions=parsed.decisions[:-1])

    monkeypatch.setattr(preparing_module, "parse_report", parse_without_last_decision)
    ingest_paths(engine, [report, SAMPLES])
    assert _reparse_with(engine, monkeypatch).counts["updated"] >= 1  # the last decision is new: the reparse indexes it
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(SearchEntry)).one() > 20
    assert _unindexed_search_entries(engine) == []


def test_parallel_parsing_stores_the_same(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt")):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "broken.pdf").write_bytes(b"not a pdf")
    summary = ingest_paths(engine, [folder], jobs=2)
    assert [Path(r.path).name for r in summary.results] == sorted(p.name for p in folder.iterdir())
    assert summary.counts["failed"] == 1
    assert summary.counts["inserted"] == len(list(CORPUS.glob("*.txt")))
    with Session(engine) as session:
        decisions = session.exec(select(func.count()).select_from(Decision)).one()
    expected = sum(len(parse_report(p.read_text(encoding="utf-8")).decisions)
                   for p in CORPUS.glob("*.txt") if parse_report(p.read_text(encoding="utf-8")).dated_meeting)
    assert decisions == expected


def test_a_forced_reparse_of_the_same_text_changes_nothing(engine: Engine) -> None:
    """The bulk path of a first ingestion and the diffing path of a re-parse hash records alike,
    nested agenda items (whose parents get their ids after the insert) included."""
    assert ingest_paths(engine, [CORPUS]).failed == 0

    def state() -> tuple[list[tuple[object, ...]], int]:
        with Session(engine) as session:
            items = session.exec(select(AgendaItem.id, AgendaItem.parent_id, AgendaItem.content_hash,
                                        AgendaItem.updated_at).order_by(AgendaItem.id)).all()
            decisions = session.exec(select(Decision.id, Decision.agenda_item_id, Decision.content_hash,
                                            Decision.updated_at).order_by(Decision.id)).all()
            changes = session.exec(select(func.count()).select_from(Change)).one()
        return [*items, *decisions], changes

    before = state()
    assert any(row[1] is not None for row in before[0]), "the corpus has nested agenda items"
    summary = reparse_all(engine, force=True)
    assert {r.outcome for r in summary.results} == {"unchanged"}
    assert state() == before


def test_a_reparse_is_held_to_the_parse_time_limit_and_a_failure_keeps_the_records(engine: Engine) -> None:
    """Reparse prepares and saves as ingestion does: the same limit, and a text the parser
    fails on is reported failed with the records it had left as they were."""
    assert ingest_paths(engine, [SAMPLES]).failed == 0
    before = stored_snapshot(engine)
    summary = reparse_all(engine, Limits(max_parse_seconds=0.000_001), force=True)
    assert len(summary.results) == row_counts(engine)["documents"] > 0
    assert {r.outcome for r in summary.results} == {"failed"}
    assert all(r.reason == "parser error: took longer than 1e-06 s" for r in summary.results)
    assert stored_snapshot(engine) == before


def test_a_member_named_in_a_decision_is_linked_to_it(engine: Engine) -> None:
    assert ingest_paths(engine, [CORPUS]).failed == 0
    with Session(engine) as session:
        decisions = session.exec(select(Decision)).all()
        mentions = session.exec(select(Mention)).all()
    linked = 0
    for mention in mentions:
        holding = [d.id for d in decisions
                   if d.document_id == mention.document_id and d.span_start <= mention.span_start < d.span_end]
        assert mention.decision_id == (holding[0] if holding else None), mention
        linked += mention.decision_id is not None
    assert linked, "the corpus names member states inside decisions"



def test_ingestion_stores_the_topics_and_a_reparse_re_tags(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    sample = SAMPLES / "nl-2020-04-02-foreign-ministers-report.txt"
    parsed = parse_report(sample.read_text(encoding="utf-8"))
    ingest_paths(engine, [sample])

    def stored() -> tuple[set[str], set[tuple[int, str]]]:
        with Session(engine) as session:
            documents = set(session.exec(select(DocumentTopic.topic_slug)).all())
            decisions = session.exec(select(Decision.position, DecisionTopic.topic_slug).join(
                DecisionTopic, col(DecisionTopic.decision_id) == col(Decision.id))).all()
        return documents, {(position, slug) for position, slug in decisions}

    assert stored() == (set(parsed.topics), {(i, s) for i, d in enumerate(parsed.decisions) for s in d.topics})

    def parse_about_china(text: str, today: date | None = None) -> ParsedReport:
        report = parse_report(text, today)
        decisions = tuple(replace(d, topics=("china",)) for d in report.decisions)
        return replace(report, topics=("china",), decisions=decisions)

    _reparse_with(engine, monkeypatch, parse_about_china)
    assert stored() == ({"china"}, {(i, "china") for i in range(len(parsed.decisions))})


def test_the_documents_of_one_meeting_share_it_though_they_give_its_days_unevenly(
    engine: Engine, tmp_path: Path
) -> None:
    """An agenda letter gives both days, a news item the last one, a press release the first:
    one meeting, with the agenda's id, its days and its documents."""
    texts = {
        "agenda.txt": "Den Haag, 1 juni 2023\n\nHierbij zend ik u de geannoteerde agenda voor de bijeenkomst van de "
                      "NAVO-ministers van Defensie op 14 en 15 juni a.s. in Brussel.\n",
        "news.txt": "15 Jun. 2023 -\n\nNATO Defence Ministers met in Brussels on 15 June 2023 and agreed new "
                    "plans for air defence.\n",
        "release.txt": "Den Haag, 14 juni 2023\n\nVandaag spreken de NAVO-ministers van Defensie in Brussel over de "
                       "steun aan Oekraïne.\n",
        "other.txt": "Den Haag, 20 februari 2023\n\nHierbij bied ik u het verslag aan van de bijeenkomst van de "
                     "NAVO-ministers van Defensie op 14 februari jl. in Brussel.\n",
    }
    folder = tmp_path / "texts"
    folder.mkdir()
    for name, content in texts.items():
        (folder / name).write_text(content, encoding="utf-8")
    for name in ("agenda.txt", "news.txt", "release.txt", "other.txt"):  # one at a time, as they are published
        ingest_paths(engine, [folder / name])
    with Session(engine) as session:
        meetings = {m.id: (m.start_date.isoformat(), m.end_date.isoformat()) for m in session.exec(select(Meeting))}
        links = dict(session.exec(select(Document.source, MeetingDocument.meeting_id)
                                  .join(MeetingDocument, col(MeetingDocument.document_id) == Document.id)).all())
    assert meetings == {"2023-06-14-defence-ministers": ("2023-06-14", "2023-06-15"),
                        "2023-02-14-defence-ministers": ("2023-02-14", "2023-02-14")}
    assert {Path(source).name: meeting for source, meeting in links.items()} == {
        "agenda.txt": "2023-06-14-defence-ministers", "news.txt": "2023-06-14-defence-ministers",
        "release.txt": "2023-06-14-defence-ministers", "other.txt": "2023-02-14-defence-ministers"}


def test_a_report_after_a_news_item_corrects_the_meetings_first_day_and_keeps_its_id(
    engine: Engine, tmp_path: Path
) -> None:
    """The news item gives the last day only; the report both. The meeting keeps the id it was
    published under, and takes the report's days; its decisions' copy of the day follows."""
    folder = written(tmp_path / "texts", {"a-news.txt": NEWS_ITEM, "b-report.txt": REPORT_LETTER})
    ingest_paths(engine, [folder / "a-news.txt"])
    ingest_paths(engine, [folder / "b-report.txt"])
    with Session(engine) as session:
        meetings = [(m.id, m.start_date, m.end_date) for m in session.exec(select(Meeting))]
        days = set(session.exec(select(Decision.meeting_date)).all())
    assert meetings == [("2023-06-15-defence-ministers", date(2023, 6, 14), date(2023, 6, 15))]
    assert days == {date(2023, 6, 14)}
