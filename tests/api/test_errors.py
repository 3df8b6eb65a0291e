"""Every error path answers problem+json naming the parameter; nothing produces a 500."""

import base64
import json

import pytest
from fastapi.testclient import TestClient

from app.api.paging import encode_cursor
from app.storage.queries import DOCUMENT_SORTS


@pytest.mark.parametrize(
    ("url", "status", "parameter"),
    [
        ("/v1/meetings?limit=0", 422, "limit"),
        ("/v1/meetings?limit=1001", 422, "limit"),
        ("/v1/meetings?sort=colour", 422, "sort"),
        ("/v1/meetings?include=everything", 422, "include"),
        ("/v1/meetings?count=maybe", 422, "count"),
        ("/v1/meetings?format=xml", 422, "format"),
        ("/v1/meetings?virtual=perhaps", 422, "virtual"),
        ("/v1/members?as_of=soon", 422, "as_of"),
        ("/v1/search", 422, "q"),
        ("/v1/search?q=x&kind=people", 422, "kind"),
        ("/v1/stats/decisions", 422, "group_by"),
        ("/v1/stats/decisions?group_by=colour", 422, "group_by"),
        ("/v1/changes?since=garbage", 400, "since"),
        ("/v1/export/people.ndjson", 422, "resource"),
        ("/v1/documents?dossier=%00", 400, "dossier"),
        ("/v1/decisions?q=a%00b", 400, "q"),
        ("/v1/meetings/x%00y", 400, "meeting_id"),
        ("/v1/meetings?limit=abc", 422, "limit"),
        ("/v1/meetings?from=yesterday", 422, "from"),
        ("/v1/meetings?from=2020-01-01&to=2019-01-01", 400, "from"),
        ("/v1/meetings?body=council", 422, "body"),
        ("/v1/meetings?member=NL", 422, "member"),
        ("/v1/meetings?colour=red", 400, "colour"),
        ("/v1/meetings?cursor=not-a-cursor", 400, "cursor"),
        ("/v1/decisions?kind=vetoed", 422, "kind"),
        ("/v1/decisions?q=", 422, "q"),
        ("/v1/decisions?meeting_id=x", 400, "meeting_id"),
        ("/v1/documents/0", 422, "document_id"),
        ("/v1/documents/abc", 422, "document_id"),
    ],
)
def test_bad_parameters(client: TestClient, url: str, status: int, parameter: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert parameter in {e["parameter"] for e in problem["errors"]}


def _forge(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        _forge({"s": "-start_date", "k": ["2020-13-45", "x"]}),
        _forge({"s": "-start_date", "k": [1, 2]}),
        _forge({"s": "-start_date", "k": ["2020-01-01"]}),
        _forge({"s": "-start_date", "k": ["2020-01-01", "x", "extra"]}),
        _forge({"s": "no-such-sort", "k": []}),
        _forge({"s": "-start_date", "k": "2020-01-01"}),
        _forge(["2020-01-01", "x"]),
        encode_cursor(DOCUMENT_SORTS["-id"], (5,)),
        "A" * 600,
        "%%%",
        "W10",
    ],
)
def test_forged_cursors_are_400(client: TestClient, cursor: str) -> None:
    assert client.get("/v1/meetings", params={"cursor": cursor}).status_code in (400, 422)
    assert client.get("/v1/decisions", params={"cursor": cursor}).status_code in (400, 422)


@pytest.mark.parametrize("q", ["' OR 1=1 --", "%", "_", "\\", "\"); DROP TABLE decisions; --", "NEAR(a b)"])
def test_sql_in_search_is_just_text(client: TestClient, q: str) -> None:
    response = client.get("/v1/decisions", params={"q": q})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_docs_are_served_from_the_package(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "/static/swagger-ui/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert client.get("/static/swagger-ui/swagger-ui-bundle.js").status_code == 200
    redoc = client.get("/redoc").text
    assert "/static/redoc/redoc.standalone.js" in redoc
    assert "fonts.googleapis" not in redoc


def test_openapi_documents_every_parameter(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            assert operation.get("description"), path
            for parameter in operation.get("parameters", []):
                assert parameter.get("description") or parameter.get("example") or parameter.get("examples") or (
                    parameter["schema"].get("examples")
                ), f"{path} {parameter['name']}"


def test_cors_for_configured_origins(client: TestClient) -> None:
    response = client.get("/v1/members", headers={"Origin": "https://dashboard.example"})
    assert response.headers["access-control-allow-origin"] == "https://dashboard.example"
    response = client.get("/v1/members", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers
