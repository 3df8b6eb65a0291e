"""What the OpenAPI schema cannot express and the API checks with a 400, for both schemathesis runs.

A cursor is opaque, so the schema cannot tell a forged one from one the API issued; `from` must
not lie after `to`; no text may hold a NUL character (PostgreSQL cannot even compare one); and
embedded records (`include`) have no place in CSV's flat rows; and whether an upload's bytes are a
readable report only reading them tells (422). A request of these kinds may be refused though the
schema allows it; every other check still applies to it.

And a raw text or PDF body is bytes on the wire whatever schemathesis meant by it: a "mutated" body
(an object where the schema says string) arrives as text, so the server cannot reject it as such.
"""

from typing import Any

import schemathesis
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance


def needs_what_the_schema_cannot_say(case: Any) -> bool:
    query = dict(case.query or {})
    values = [*query.values(), *(case.path_parameters or {}).values()]
    nul = any("\x00" in str(value) for value in values)
    embedded_csv = "include" in query and query.get("format") == "csv"
    return bool({"cursor", "since"} & set(query)) or {"from", "to"} <= set(query) or nul or embedded_csv


@schemathesis.check
def positive_data_accepted(ctx: Any, response: Any, case: Any) -> bool | None:
    """schemathesis' positive_data_acceptance, for the requests the schema can fully describe."""
    if needs_what_the_schema_cannot_say(case):
        return None
    if case.method.upper() == "POST" and response.status_code == 422:
        return None  # an upload read and found not to be a report
    return positive_data_acceptance(ctx, response, case)


@schemathesis.check
def negative_data_rejected(ctx: Any, response: Any, case: Any) -> bool | None:
    """schemathesis' negative_data_rejection, except for raw bodies, which arrive as bytes whatever their type."""
    if (case.media_type or "").startswith(("text/", "application/pdf")):
        return None
    return negative_data_rejection(ctx, response, case)
