"""schemathesis from outside, as a client sees the API: `schemathesis run URL/openapi.json --checks all`
against a served instance on each database, with bounded examples; no failure.

The in-process run (test_schemathesis.py) drives each operation through the ASGI app; this one goes
through uvicorn, so it also sees what only a server adds: methods a path does not take (405 with
`Allow`), unknown parameters, undeclared status codes, the upload with a real key. What the schema
cannot say is in tests/schemathesis_rules.py, which both runs share.
"""

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import Session

from app.ingest import ingest_paths
from app.storage.db import make_engine
from app.storage.keys import create_key
from tests.conftest import SAMPLES
from tests.serving import served

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = os.environ.get("SCHEMATHESIS_EXAMPLES", "15")
SEED = os.environ.get("SCHEMATHESIS_SEED", "20261201")  # fixed, so a CI failure can be replayed


def test_schemathesis_run_against_a_served_instance_finds_nothing(database_url: str) -> None:
    engine = make_engine(database_url)
    assert ingest_paths(engine, [SAMPLES]).failed == 0
    with Session(engine) as session:
        key = create_key(session, "schemathesis", datetime.now(UTC))
        session.commit()
    engine.dispose()
    with served(database_url, write_rate_per_minute="100000") as base:
        run = subprocess.run(
            [sys.executable, "-m", "schemathesis.cli", "run", f"{base}/openapi.json", "--checks", "all",
             # replaced by their versions in tests/schemathesis_rules.py
             "--exclude-checks", "positive_data_acceptance,negative_data_rejection",
             "--max-examples", EXAMPLES, "--seed", SEED, "--header", f"Authorization: Bearer {key}", "--no-color"],
            capture_output=True, text=True, timeout=600, cwd=ROOT,
            env={**os.environ, "SCHEMATHESIS_HOOKS": "tests.schemathesis_rules", "PYTHONPATH": str(ROOT)},
        )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "22/22" in run.stdout, run.stdout[-3000:]  # every operation was tested, the upload too
