"""schemathesis drives every operation of the OpenAPI schema in-process: no 5xx, answers match the schema.

Driven by hand (operation by operation, with hypothesis) rather than through schemathesis'
pytest plugin, whose fixture loader does not work with this pytest.
"""

import os

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.schemathesis_rules import positive_data_accepted

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "20"))
WRITE_OPERATIONS = {"POST /v1/documents"}  # needs a key; its own tests cover it


def test_every_operation_of_the_schema(client: TestClient) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 19
    checked = 0
    for operation in operations:
        if f"{operation.method.upper()} {operation.path}" in WRITE_OPERATIONS:
            continue

        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case) -> None:  # type: ignore[no-untyped-def]
            case.call_and_validate(excluded_checks=[positive_data_acceptance],
                                  additional_checks=[positive_data_accepted])

        try:
            run()
        except Exception as exc:
            pytest.fail(f"{operation.method.upper()} {operation.path}: {exc}")
        checked += 1
    assert checked == len(operations) - len(WRITE_OPERATIONS)
