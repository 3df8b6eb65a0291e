"""End-to-end ingestion of generated reports into SQLite and PostgreSQL: rate, peak memory, size.

    python benchmarks/ingest.py [--count 1000] [--jobs 1 2] [--postgres postgresql+psycopg://postgres@127.0.0.1/test]

Generates COUNT reports (benchmarks/generate.py, seed 5), then runs `nato-records ingest` on them
into a fresh database for each job count and database; prints reports/s, the peak RSS of the
ingesting processes and the database size. Parse alone: benchmarks/parse.py.
"""

import argparse
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

# Runs the job as its child and prints the peak RSS of it and its workers: this process's own
# RUSAGE_CHILDREN keeps the largest of every run so far
_PEAK_OF_ONE_RUN = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def run(url: str, folder: Path, jobs: int) -> tuple[float, int]:
    """Seconds, and the peak RSS in KiB of the largest process (the main one or a worker)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK_OF_ONE_RUN, sys.executable, "-m", "app", "ingest",
                           str(folder), "--database-url", url, "--json", "--jobs", str(jobs)],
                          check=True, capture_output=True, text=True)
    return time.perf_counter() - started, int(done.stdout.split()[-1])


def postgres_database(base: str) -> tuple[str, str]:
    name = f"nato_records_bench_{uuid.uuid4().hex[:8]}"
    with create_engine(base, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return make_url(base).set(database=name).render_as_string(hide_password=False), name


def postgres_size_and_drop(base: str, name: str) -> int:
    with create_engine(base, isolation_level="AUTOCOMMIT").connect() as connection:
        size = connection.execute(text(f"SELECT pg_database_size('{name}')")).scalar_one()
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    return int(size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--postgres", help="a PostgreSQL URL whose server may get a scratch database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = generate(root / "reports", args.count, seed=5)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        print(f"{args.count} generated reports, {megabytes:.1f} MB")
        for jobs in args.jobs:
            db = root / f"bench-{jobs}.db"
            seconds, rss = run(f"sqlite:///{db}", root / "reports", jobs)
            print(f"SQLite      jobs={jobs}: {seconds:6.1f} s, {args.count / seconds:6.1f} reports/s, "
                  f"peak RSS {rss / 1024:.0f} MiB, database {db.stat().st_size / 1e6:.1f} MB")
            if args.postgres:
                url, name = postgres_database(args.postgres)
                seconds, rss = run(url, root / "reports", jobs)
                size = postgres_size_and_drop(args.postgres, name)
                print(f"PostgreSQL  jobs={jobs}: {seconds:6.1f} s, {args.count / seconds:6.1f} reports/s, "
                      f"peak RSS {rss / 1024:.0f} MiB, database {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
