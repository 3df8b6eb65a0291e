"""POST /v1/documents: only with a valid key; size limits, rate limits; reads stay public."""

import asyncio
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import anyio
import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from app.config import Settings
from app.ingest import utc_now
from app.main import create_app
from app.storage.db import make_engine, upgrade
from app.storage.keys import create_key, revoke_key
from app.storage.tables import Document
from tests.conftest import CORPUS
from tests.serving import served

REPORT = (CORPUS / "nl-fixture-2017-06-dmm-verslag.txt").read_bytes()


@pytest.fixture
def api(engine: Engine) -> Iterator[tuple[TestClient, str]]:
    with Session(engine) as session:
        key = create_key(session, "tests", utc_now())
        session.commit()
    settings = Settings(database_url=str(engine.url), max_file_bytes=200_000, write_rate_per_minute=5)
    with TestClient(create_app(settings, engine)) as client:
        yield client, key


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_upload_raw_body_ingests_like_the_cli(api: tuple[TestClient, str]) -> None:
    client, key = api
    response = client.post("/v1/documents", content=REPORT, params={"filename": "dmm.txt"},
                           headers=_auth(key) | {"Content-Type": "text/plain"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["outcome"] == "inserted"
    assert body["meetings"] == ["2017-06-29-defence-ministers"]
    assert response.headers["location"] == f"/v1/documents/{body['document_id']}"
    assert client.get(f"/v1/meetings/{body['meetings'][0]}").json()["decisions"]
    again = client.post("/v1/documents", content=REPORT, headers=_auth(key))
    assert again.status_code == 200
    assert again.json()["outcome"] == "unchanged"


def test_upload_multipart(api: tuple[TestClient, str]) -> None:
    client, key = api
    response = client.post("/v1/documents", files={"file": ("dmm.txt", REPORT, "text/plain")}, headers=_auth(key))
    assert response.status_code == 201, response.text
    document = client.get(f"/v1/documents/{response.json()['document_id']}").json()
    assert document["source"] == "upload:dmm.txt"


def test_upload_of_no_report_is_422_with_the_reason(api: tuple[TestClient, str]) -> None:
    client, key = api
    response = client.post("/v1/documents", content=b"%PDF-1.7 broken", params={"filename": "x.pdf"},
                           headers=_auth(key))
    assert response.status_code == 422
    assert response.json()["detail"].startswith("x.pdf: not a readable PDF")


@pytest.mark.parametrize(
    "authorization", [None, "Bearer", "Bearer nr_wrong", "Basic dXNlcjpwYXNz", "nr_no_scheme"],
)
def test_without_a_valid_key_401(api: tuple[TestClient, str], authorization: str | None) -> None:
    client, _ = api
    headers = {"Authorization": authorization} if authorization else {}
    response = client.post("/v1/documents", content=REPORT, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.headers["content-type"] == "application/problem+json"


def test_a_revoked_key_401(api: tuple[TestClient, str], engine: Engine) -> None:
    client, key = api
    with Session(engine) as session:
        revoke_key(session, "tests", utc_now())
        session.commit()
    assert client.post("/v1/documents", content=REPORT, headers=_auth(key)).status_code == 401


def test_too_large_413(api: tuple[TestClient, str]) -> None:
    client, key = api
    response = client.post("/v1/documents", content=b"a" * 300_000, headers=_auth(key))
    assert response.status_code == 413
    streamed = client.post("/v1/documents", content=iter([b"a" * 100_000] * 3), headers=_auth(key))
    assert streamed.status_code == 413


@pytest.mark.parametrize("multipart", [True, False])
def test_a_chunked_upload_is_cut_off_at_the_limit_not_read_in_full(engine: Engine, multipart: bool) -> None:
    """No Content-Length to refuse it by: the server counts as it reads, and stops reading."""
    with Session(engine) as session:
        key = create_key(session, "tests", utc_now())
        session.commit()
    app = create_app(Settings(database_url=str(engine.url), max_file_bytes=200_000), engine)
    sent = 0
    boundary = "b0undary"

    async def body() -> AsyncIterator[bytes]:
        nonlocal sent
        if multipart:
            yield f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n'.encode()
        for _ in range(1000):  # 16 MB, in 16 KiB chunks
            sent += 1
            yield b"a" * 16384

    async def post() -> httpx.Response:
        kind = f"multipart/form-data; boundary={boundary}" if multipart else "text/plain"
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            return await client.post("/v1/documents", content=body(), headers=_auth(key) | {"Content-Type": kind})

    response = anyio.run(post)
    assert response.status_code == 413
    assert sent < 40  # 200 KB and the form's allowance, not the 16 MB sent


def test_rate_limit_429_with_retry_after(api: tuple[TestClient, str]) -> None:
    client, key = api
    statuses = [client.post("/v1/documents", content=REPORT, headers=_auth(key)).status_code for _ in range(7)]
    assert statuses[:5] == [201, 200, 200, 200, 200]
    assert statuses[5:] == [429, 429]
    limited = client.post("/v1/documents", content=REPORT, headers=_auth(key))
    assert int(limited.headers["retry-after"]) >= 1


def test_reads_stay_public(api: tuple[TestClient, str]) -> None:
    client, _ = api
    assert client.get("/v1/meetings").status_code == 200
    assert client.get("/v1/documents").status_code == 200


def test_keys_are_stored_hashed(api: tuple[TestClient, str], engine: Engine) -> None:
    _, key = api
    with engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT prefix, key_hash FROM api_keys").all()
    assert all(key not in (prefix, digest) for prefix, digest in stored)
    assert all(len(digest) == 64 for _, digest in stored)


def test_parallel_uploads_of_different_files_are_all_stored(engine: Engine) -> None:
    """20 uploads at once: each valid document is stored; none is told it conflicted (on SQLite
    the writers wait their turn)."""
    with Session(engine) as session:
        key = create_key(session, "parallel", utc_now())
        session.commit()
    app = create_app(Settings(database_url=str(engine.url), write_rate_per_minute=100), engine)

    async def burst() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            responses = await asyncio.gather(*(
                http.post("/v1/documents", content=REPORT + f"\nKenmerk BS-{i:06d}\n".encode(),
                          params={"filename": f"dmm-{i}.txt"}, headers=_auth(key) | {"Content-Type": "text/plain"})
                for i in range(20)))
        return [r.status_code for r in responses]

    assert anyio.run(burst) == [201] * 20
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(Document)).one() == 20


def test_a_deleted_sqlite_file_is_reported_and_refuses_uploads(api: tuple[TestClient, str], engine: Engine) -> None:
    # SQLite goes on writing a deleted file through its open handles: an upload answered 201
    # then is lost at the next start, which finds no file
    if engine.dialect.name != "sqlite":
        pytest.skip("a SQLite file")
    client, key = api
    assert client.get("/health").status_code == 200
    path = Path(str(engine.url.database))
    moved = path.with_name(path.name + ".moved")
    path.rename(moved)
    try:
        health = client.get("/health")
        assert health.status_code == 503
        assert "was deleted while the service ran" in health.json()["detail"]
        assert str(path) in health.json()["detail"]
        upload = client.post("/v1/documents", content=REPORT, params={"filename": "dmm.txt"},
                             headers=_auth(key) | {"Content-Type": "text/plain"})
        assert upload.status_code == 503
        assert upload.headers["retry-after"]
    finally:
        moved.rename(path)
    assert client.get("/health").status_code == 200  # the same file is back


def test_a_database_that_takes_no_writes_is_a_503_and_recovers(api: tuple[TestClient, str], engine: Engine) -> None:
    # read-only or full: the client's valid document did not "conflict"; once fixed, uploads work again
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's query_only stands in for a read-only file (root writes through chmod)")
    from sqlalchemy import event

    client, key = api
    writer = client.app.state.write_engine  # type: ignore[attr-defined]
    writer.dispose()

    def read_only(connection, _record) -> None:  # type: ignore[no-untyped-def]
        connection.execute("PRAGMA query_only=ON")

    event.listen(writer, "connect", read_only)
    try:
        refused = client.post("/v1/documents", content=REPORT, params={"filename": "dmm.txt"},
                              headers=_auth(key) | {"Content-Type": "text/plain"})
        assert refused.status_code == 503, refused.text
        assert "takes no writes" in refused.json()["detail"]
        assert refused.headers["retry-after"]
    finally:
        event.remove(writer, "connect", read_only)
    stored = client.post("/v1/documents", content=REPORT, params={"filename": "dmm.txt"},
                         headers=_auth(key) | {"Content-Type": "text/plain"})
    assert stored.status_code == 201, stored.text  # no restart: the refused connection was dropped


def test_a_database_file_served_read_only_takes_uploads_once_writable(tmp_path: Path) -> None:
    """A server started while its SQLite file could not be written (a read-only volume) serves reads,
    answers uploads 503, and takes them as soon as the file is writable again, without a restart and
    while reads go on: a WAL file's index is mapped once per process, and a read-only mapping kept
    every new connection read-only while any reader held one (storage/reopen.py)."""
    url = f"sqlite:///{tmp_path / 'records.db'}"
    upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        key = create_key(session, "tests", utc_now())
        session.commit()
    engine.dispose()
    # another process keeps the file open, so that its -wal and -shm stay whole while this one opens none
    holder = subprocess.Popen([sys.executable, "-c", "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); "
                               "c.execute('SELECT count(*) FROM meetings').fetchall(); print(flush=True); "
                               "time.sleep(120)", str(tmp_path / "records.db")], stdout=subprocess.PIPE)
    assert holder.stdout is not None
    assert holder.stdout.readline()  # it has read
    files = [str(tmp_path / name) for name in ("records.db", "records.db-wal", "records.db-shm")]
    if subprocess.run(["chattr", "+i", *files], capture_output=True).returncode != 0:
        holder.kill()
        pytest.skip("chattr +i is refused here (root and ext4, xfs or tmpfs needed): root writes read-only files")
    try:
        with served(url, response_cache_mb="0") as base, _reading(base):  # opened read-only, and read throughout
            upload = partial(httpx.post, f"{base}/v1/documents", timeout=30,
                             headers=_auth(key) | {"Content-Type": "text/plain"})
            assert upload(content=REPORT).status_code == 503
            subprocess.run(["chattr", "-i", *files], check=True)
            statuses = [upload(content=REPORT + str(n).encode()).status_code for n in range(5)]
        assert 201 in statuses, statuses
    finally:
        subprocess.run(["chattr", "-i", *files], check=True)
        holder.kill()
        engine.dispose()


@contextmanager
def _reading(base: str, readers: int = 4) -> Iterator[None]:
    """Readers asking a served API for distinct pages without a pause, until the block ends."""
    stop = threading.Event()

    def read(reader: int) -> None:
        n = 0
        with httpx.Client(base_url=base, timeout=30) as client:
            while not stop.is_set():
                n += 1
                client.get("/v1/decisions", params={"limit": 1 + (n + reader) % 40, "member": "NLD"})

    threads = [threading.Thread(target=read, args=(i,)) for i in range(readers)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(0.5)
        yield
    finally:
        stop.set()
        for thread in threads:
            thread.join()


def test_an_upload_is_parsed_within_the_same_time_limit_as_ingestion(engine: Engine) -> None:
    """The limit is an alarm, which rings only in a main thread; an upload is parsed in a
    request thread, so it is handed to a parse process (formerly it ran with no limit at all)."""
    with Session(engine) as session:
        key = create_key(session, "tests", utc_now())
        session.commit()
    slow = (Path(__file__).parents[1] / "data" / "bad" / "long-line.txt").read_bytes()
    settings = Settings(database_url=str(engine.url), max_parse_seconds=0.001)
    with TestClient(create_app(settings, engine)) as client:
        response = client.post("/v1/documents", content=slow, params={"filename": "slow.txt"}, headers=_auth(key))
        assert response.status_code == 422, response.text
        assert response.json()["detail"] == "slow.txt: parser error: took longer than 0.001 s"
        with Session(engine) as session:
            assert session.exec(select(func.count()).select_from(Document)).one() == 0
        generous = Settings(database_url=str(engine.url), max_parse_seconds=30)
    with TestClient(create_app(generous, engine)) as client:
        response = client.post("/v1/documents", content=REPORT, params={"filename": "dmm.txt"}, headers=_auth(key))
        assert response.status_code == 201, response.text
