"""The OpenAPI document, completed where FastAPI's generator leaves out what the API does.

A generated client needs every error's body (problem details), the caching and paging headers
an answer carries and the 304 it may get, the upload's bearer key as a security scheme, and
the values `body`, `kind` and `language` take.
"""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.api.problems import MEDIA_TYPE
from app.api.schemas import Problem
from app.parsing.records import BODIES, DECISION_KINDS, DOCUMENT_KINDS

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
_HEADERS = {
    "ETag": {"description": "A strong tag of this answer, one per encoding; send it as If-None-Match",
             "schema": {"type": "string"}, "example": '"3f2a9c…-gzip"'},
    "Cache-Control": {"description": "How long a cache may keep the answer (NATO_RECORDS_CACHE_MAX_AGE)",
                      "schema": {"type": "string"}, "example": "public, max-age=60"},
    "X-Cache": {"description": "hit when the answer came from the server's own cache of answers, else miss",
                "schema": {"type": "string", "enum": ["hit", "miss"]}},
}
_LINK = {"description": 'The next page: <…?cursor=…>; rel="next" (absent on the last page)',
         "schema": {"type": "string"}, "example": '</v1/meetings?cursor=eyJzIjoi…>; rel="next"'}
_NOT_MODIFIED = {"description": "Not Modified: the If-None-Match tag is still this answer's",
                 "headers": {"ETag": _HEADERS["ETag"]}}
# schema -> field -> the values it takes
_ENUM_SCHEMAS: dict[str, dict[str, list[str]]] = {
    "MeetingPublic": {"body": list(BODIES)},
    "TopicMeeting": {"body": list(BODIES)},
    "TimelineEvent": {"body": list(BODIES)},
    "DecisionPublic": {"kind": list(DECISION_KINDS)},
    "TopicDecision": {"kind": list(DECISION_KINDS)},
    "DocumentSummary": {"kind": list(DOCUMENT_KINDS), "language": ["nl", "en"]},
    "DocumentPublic": {"kind": list(DOCUMENT_KINDS), "language": ["nl", "en"]},
}


def complete_openapi(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document, generated once, with what the generator cannot know."""
    if app.openapi_schema is not None:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes,
                         tags=app.openapi_tags)
    components = schema.setdefault("components", {})
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components.setdefault("schemas", {})["Problem"] = problem
    components["schemas"].pop("HTTPValidationError", None)
    components["schemas"].pop("ValidationError", None)
    components["securitySchemes"] = {"apiKey": {
        "type": "http", "scheme": "bearer",
        "description": "An upload key from `nato-records keys create NAME`; reads need none"}}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            _complete_operation(path, method, operation)
    for name, fields in _ENUM_SCHEMAS.items():
        properties = components["schemas"].get(name, {}).get("properties", {})
        for field, values in fields.items():
            if field in properties:
                properties[field]["enum"] = values
    app.openapi_schema = schema
    return schema


def _complete_operation(path: str, method: str, operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    for status, response in responses.items():
        if status.isdigit() and int(status) >= 400:
            response["content"] = {MEDIA_TYPE: {"schema": PROBLEM_REF}}
    if method == "post" and path == "/v1/documents":
        operation["security"] = [{"apiKey": []}]
    if method != "get":
        return
    ok = responses.get("200")
    if ok is not None and path not in ("/health", "/v1/changes", "/v1/status") and not path.startswith("/v1/export"):
        headers = ok.setdefault("headers", {})
        headers.update(_HEADERS)
        if not path.endswith("}") and path not in ("/v1/topics",) and not path.startswith("/v1/stats"):
            headers["Link"] = _LINK
        responses["304"] = _NOT_MODIFIED
