"""member= on SQLite: lists and stats of decisions and agenda items naming a member state.

    python benchmarks/member_filter.py [--count 400]

Generates COUNT reports (benchmarks/generate.py, seed 5), ingests them into a fresh SQLite
file, then times each request five times in process (the response cache off) and prints the
median and the slowest.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

PATHS = ("/v1/decisions?member=NLD&limit=10", "/v1/agenda-items?member=NLD&limit=10",
         "/v1/meetings?member=NLD&limit=10", "/v1/stats/decisions?group_by=year&member=NLD")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=400)
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.main import create_app
    from app.storage.db import make_engine

    with tempfile.TemporaryDirectory() as folder:
        reports = Path(folder) / "reports"
        generate(reports, args.count, 5)
        url = f"sqlite:///{folder}/member.db"
        subprocess.run([sys.executable, "-m", "app", "ingest", str(reports), "--database-url", url, "--json"],
                       check=True, capture_output=True)
        client = TestClient(create_app(Settings(database_url=url, response_cache_mb=0), make_engine(url)))
        client.get("/health")
        print(f"{args.count} generated reports in SQLite")
        for path in PATHS:
            times = []
            for _ in range(5):
                started = time.perf_counter()
                assert client.get(path).status_code == 200
                times.append((time.perf_counter() - started) * 1000)
            print(f"{path}: median {statistics.median(times):.1f} ms, slowest {max(times):.1f} ms")


if __name__ == "__main__":
    main()
