"""GET /v1/members, /v1/members/{code}, /v1/documents/{id} and /health."""

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.config import Settings
from app.ingest import ingest_paths
from app.main import create_app
from app.storage.db import head_revision
from tests.conftest import SAMPLES


def test_members_list(client: TestClient) -> None:
    page = client.get("/v1/members").json()
    assert page["next_cursor"] is None
    members = page["items"]
    assert len(members) == 32
    assert members[0]["accession_date"] == "1949-08-24"
    sweden = next(m for m in members if m["code"] == "SWE")
    assert sweden["name_nl"] == "Zweden"
    assert sweden["accession_date"] == "2024-03-07"


def test_member_with_its_meetings(client: TestClient) -> None:
    response = client.get("/v1/members/tur")
    assert response.status_code == 200
    turkey = response.json()
    assert turkey["code"] == "TUR"
    assert "Turkse" in turkey["dutch_spellings"]
    assert [m["id"] for m in turkey["meetings"]] == ["2020-04-02-foreign-ministers"]


def test_unknown_member(client: TestClient) -> None:
    assert client.get("/v1/members/XYZ").status_code == 404
    assert client.get("/v1/members/TOOLONG").status_code == 422


def test_document(client: TestClient) -> None:
    meeting = client.get("/v1/meetings/2016-05-19-foreign-ministers").json()
    document_id = meeting["documents"][0]["id"]
    document = client.get(f"/v1/documents/{document_id}").json()
    assert document["dossier"] == "28676"
    assert document["number"] == "247"
    assert document["date"] == "2016-05-30"
    assert document["meetings"] == ["2016-05-19-foreign-ministers"]
    assert "Montenegro" in document["text"]
    assert client.get("/v1/documents/999999").status_code == 404


def test_health(client: TestClient) -> None:
    health = client.get("/health").json()
    assert health["status"] == "ok"
    assert health["database"] in {"sqlite", "postgresql"}
    assert health["revision"] == head_revision(str(client.app.state.engine.url))  # type: ignore[attr-defined]


def test_a_doubted_text_is_stored_and_served_with_its_doubts(engine: Engine, tmp_path: Path) -> None:
    """Nothing readable is refused: a report that names its meeting but dates it nowhere is kept,
    without a meeting, with its doubt and the meeting's body and place as a hint; the filter and
    /v1/status tell a reviewer which documents to look at."""
    (tmp_path / "undated.txt").write_text(
        "Hierbij bied ik u het verslag aan van de bijeenkomst van de NAVO-ministers van Defensie in Brussel.\n\n"
        "Ministers stemden in met nieuwe plannen voor de verdediging van het bondgenootschap.\n", encoding="utf-8")
    ingest_paths(engine, [SAMPLES, tmp_path])
    with TestClient(create_app(Settings(), engine=engine)) as client:
        doubted = client.get("/v1/documents", params={"doubts": "true"}).json()["items"]
        assert [Path(d["source"]).name for d in doubted] == ["undated.txt"]
        assert doubted[0]["doubts"] == ["names the meeting but gives no date for it"]
        assert (doubted[0]["hint_body"], doubted[0]["hint_location"]) == ("defence_ministers", "Brussels")
        document = client.get(f"/v1/documents/{doubted[0]['id']}").json()
        assert document["meetings"] == []
        assert document["doubts"] == doubted[0]["doubts"]
        clear = client.get("/v1/documents", params={"doubts": "false", "limit": 100}).json()["items"]
        assert len(clear) == len(list(SAMPLES.glob("*.txt")))
        assert all(d["doubts"] == [] for d in clear)
        assert client.get("/v1/status").json()["counts"]["documents_with_doubts"] == 1
        assert client.get("/v1/documents", params={"doubts": "maybe"}).status_code in (400, 422)
