"""Fixtures: a database per backend (SQLite always, PostgreSQL when configured), built by migrations."""

import os
import uuid
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from app.config import Settings
from app.ingest import ingest_paths
from app.main import create_app
from app.storage.db import make_engine, upgrade

PG_ENV = "NATO_RECORDS_TEST_DATABASE_URL"
SAMPLES = Path(str(resources.files("app") / "samples"))
CORPUS = Path(__file__).parent / "data" / "corpus"


def _postgres_database(base_url: str) -> Iterator[str]:
    """Create a database of this run's own on the server; drop it afterwards."""
    name = f"nato_records_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _new_database(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    yield from _postgres_database(base)


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database, migrated to head, of each backend in turn."""
    for url in _new_database(request.param, tmp_path):
        upgrade(url)
        yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def sample_engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A database holding the bundled sample reports, ingested by the job (shared by a module's tests)."""
    for url in _new_database(request.param, tmp_path_factory.mktemp("samples")):
        upgrade(url)
        engine = make_engine(url)
        summary = ingest_paths(engine, [SAMPLES])
        assert summary.failed == 0, summary.results
        yield engine
        engine.dispose()


@pytest.fixture(scope="module")
def client(sample_engine: Engine) -> Iterator[TestClient]:
    """An httpx-based client of the API over the sample database."""
    settings = Settings(database_url=str(sample_engine.url), cors_origins=["https://dashboard.example"])
    with TestClient(create_app(settings, sample_engine)) as test_client:
        yield test_client
