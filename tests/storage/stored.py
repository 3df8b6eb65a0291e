"""What the ingestion tests read back: the rows of each table, and the meetings and decisions as
stored, to compare a database before and after a job."""

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from app.storage.tables import AgendaItem, Decision, Document, Meeting, MeetingDocument, Mention

TABLES = (Document, Meeting, MeetingDocument, AgendaItem, Decision, Mention)


def row_counts(engine: Engine) -> dict[str, int]:
    """The number of rows in each of TABLES, by table name."""
    with Session(engine) as session:
        return {t.__tablename__: session.exec(select(func.count()).select_from(t)).one() for t in TABLES}  # type: ignore[attr-defined]


def stored_snapshot(engine: Engine) -> list[tuple[object, ...]]:
    """The meetings (id, last update) and decisions (id, text), in id order."""
    with Session(engine) as session:
        meetings = [(m.id, m.updated_at) for m in session.exec(select(Meeting).order_by(Meeting.id)).all()]
        decisions = [(d.id, d.text) for d in session.exec(select(Decision).order_by(Decision.id)).all()]
    return meetings + decisions
