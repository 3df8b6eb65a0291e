"""GET /v1/members and /v1/members/{code}."""

from typing import Annotated

from fastapi import APIRouter, Path

from app.api.deps import SessionDep
from app.api.problems import PROBLEM_RESPONSES
from app.api.schemas import MeetingPublic, MemberDetailPublic, MemberPublic
from app.storage.queries import get_member, list_members
from app.storage.tables import Member

router = APIRouter(prefix="/v1/members", tags=["members"], responses=PROBLEM_RESPONSES)


def _public(member: Member) -> MemberPublic:
    return MemberPublic(
        code=member.code, name_en=member.name_en, name_nl=member.name_nl,
        dutch_spellings=member.dutch_spellings.split("|"), accession_date=member.accession_date,
    )


@router.get("", summary="The NATO member states")
def members(session: SessionDep) -> list[MemberPublic]:
    """All 32 member states with their accession dates, oldest members first."""
    return [_public(m) for m in list_members(session)]


@router.get("/{code}", summary="One member state and the meetings that named it")
def member(
    session: SessionDep,
    code: Annotated[str, Path(pattern=r"^[A-Za-z]{3}$", examples=["NLD"], description="ISO 3166-1 alpha-3")],
) -> MemberDetailPublic:
    """The member state, with the meetings (newest first) at which it was a member and was named."""
    detail = get_member(session, code)
    return MemberDetailPublic(
        **_public(detail.member).model_dump(),
        meetings=[MeetingPublic.model_validate(m) for m in detail.meetings],
    )
