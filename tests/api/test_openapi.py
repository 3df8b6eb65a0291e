"""The OpenAPI document describes what the API does, so that a generated client can use it."""

from fastapi.testclient import TestClient


def _operations(client: TestClient) -> list[tuple[str, str, dict]]:  # type: ignore[type-arg]
    schema = client.get("/openapi.json").json()
    return [(path, method, op) for path, ops in schema["paths"].items() for method, op in ops.items()]


def test_every_error_is_a_problem_and_every_json_read_says_its_caching(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert set(schema["components"]["schemas"]["Problem"]["properties"]) >= {"type", "title", "status", "detail"}
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    for path, method, operation in _operations(client):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                assert response["content"] == {
                    "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}, (path, status)
        if method == "get" and path.startswith("/v1/") and not path.startswith(("/v1/export", "/v1/changes",
                                                                                  "/v1/status")):
            assert {"ETag", "Cache-Control", "X-Cache"} <= set(operation["responses"]["200"]["headers"]), path
            assert "304" in operation["responses"], path
    lists = {(p, m): o for p, m, o in _operations(client)}
    assert "Link" in lists[("/v1/meetings", "get")]["responses"]["200"]["headers"]
    assert "Link" not in lists[("/v1/meetings/{meeting_id}", "get")]["responses"]["200"]["headers"]


def test_the_upload_key_is_a_bearer_scheme_and_values_are_enumerated(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    scheme = schema["components"]["securitySchemes"]["apiKey"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    operations = {(p, m): o for p, m, o in _operations(client)}
    assert operations[("/v1/documents", "post")]["security"] == [{"apiKey": []}]
    assert "security" not in operations[("/v1/documents", "get")]
    schemas = schema["components"]["schemas"]
    assert schemas["MeetingPublic"]["properties"]["body"]["enum"] == [
        "foreign_ministers", "defence_ministers", "summit", "other"]
    assert "agreed" in schemas["DecisionPublic"]["properties"]["kind"]["enum"]
    assert schemas["DocumentSummary"]["properties"]["language"]["enum"] == ["nl", "en"]
    assert "communique" in schemas["DocumentSummary"]["properties"]["kind"]["enum"]


def test_every_path_parameter_is_described(client: TestClient) -> None:
    for path, _, operation in _operations(client):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "path":
                assert parameter.get("description"), (path, parameter["name"])


def test_a_page_shows_real_examples(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    page = schemas["Page_MeetingPublic_"]["properties"]
    assert page["next_cursor"]["examples"][0].startswith("eyJ")
    assert page["total"]["examples"] == [87]
    meeting = schemas["MeetingPublic"]["properties"]
    assert meeting["id"]["examples"] == ["2020-04-02-foreign-ministers"]
