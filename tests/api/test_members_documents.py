"""GET /v1/members, /v1/members/{code}, /v1/documents/{id} and /health."""

from fastapi.testclient import TestClient

from app.storage.db import head_revision


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
