"""The API side by side with Datasette and a bare ASGI app, on the same SQLite file (loopback, wrk).

    pip install -e '.[bench]'     # datasette
    python benchmarks/api.py [--seconds 10] [--connections 16] [--reports 300]

For three equivalent requests (a filtered list of 50 meetings, one meeting by id, a full-text
search) it prints requests/s and p50/p99 for: this API with 1 and 2 workers as configured by
default (repeated requests are answered from its response cache), with 1 worker and the cache
off (every request reaches the database), `datasette serve` on the same file, and a bare ASGI
app returning pre-built bytes of the same size under the same uvicorn (the server's ceiling on
this machine); then the ratios to Datasette and to the ceiling. With --runs N everything is
measured N times, in turns, and each figure is given as min / median / max.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

BARE_APP = '''
import os
BODY = open(os.environ["BARE_BODY"], "rb").read()
async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(BODY)).encode())]})
    await send({"type": "http.response.body", "body": BODY})
'''


def wrk(url: str, seconds: int, connections: int) -> tuple[float, str, str]:
    output = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
                            capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    latency = dict(re.findall(r"\s+(50|99)%\s+([\d.]+\w+)", output))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} failed responses")
    return rate, latency.get("50", "?"), latency.get("99", "?")


def start(command: list[str], base: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    for _ in range(150):
        try:
            httpx.get(base, timeout=1)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"{command[0]} did not start")


Result = tuple[float, str, str]
OURS = {
    "list of 50 meetings": "/v1/meetings?limit=50&body=foreign_ministers",
    "one meeting": "/v1/meetings/{id}?include=decisions",
    "full-text search": "/v1/search?q=Oekra%C3%AFne&kind=decision&limit=20",
}
THEIRS = {
    "list of 50 meetings": "/bench/meetings.json?body=foreign_ministers&_sort_desc=start_date&_size=50",
    "one meeting": "/bench/meetings/{id}.json",
    "full-text search": "/bench.json?sql=" + quote(
        "select e.record_id, snippet(search_fts_nl, 0, '<mark>', '</mark>', '…', 16) from search_fts_nl "
        "join search_entries e on e.id = search_fts_nl.rowid where search_fts_nl match '\"oekraïne\"' "
        "and e.kind = 'decision' order by bm25(search_fts_nl) limit 20"),
}
API_SETUPS = {  # label: (workers, response cache in MB)
    "API, 1 worker": (1, 64),
    "API, 2 workers": (2, 64),
    "API, 1 worker, cache off": (1, 0),
}


def measure_api(db: Path, root: Path, args: argparse.Namespace, paths: dict[str, str]) -> dict[str, dict[str, Result]]:
    rows: dict[str, dict[str, Result]] = {name: {} for name in paths}
    for number, (label, (workers, cache_mb)) in enumerate(API_SETUPS.items()):
        port = 8790 + number
        base = f"http://127.0.0.1:{port}"
        env = os.environ | {"NATO_RECORDS_RESPONSE_CACHE_MB": str(cache_mb)}
        server = start([sys.executable, "-m", "app", "serve", "--database-url", f"sqlite:///{db}", "--port",
                        str(port), "--workers", str(workers)], base + "/health", env=env)
        try:
            for name, path in paths.items():
                rows[name][label] = wrk(base + path, args.seconds, args.connections)
                body = root / f"{name}.json"
                if not body.exists():  # the ceiling answers with bytes of the same size
                    body.write_bytes(httpx.get(base + path).content)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return rows


def measure_datasette(db: Path, args: argparse.Namespace, paths: dict[str, str]) -> dict[str, Result]:
    datasette = shutil.which("datasette") or str(Path(sys.executable).parent / "datasette")
    base = "http://127.0.0.1:8795"
    server = start([datasette, "serve", str(db), "--port", "8795", "--setting", "sql_time_limit_ms", "10000"],
                   base + "/bench.json")
    try:
        return {name: wrk(base + path, args.seconds, args.connections) for name, path in paths.items()}
    finally:
        server.terminate()
        server.wait(timeout=10)


def measure_ceiling(root: Path, args: argparse.Namespace, names: list[str]) -> dict[str, Result]:
    app_file = root / "bare.py"
    app_file.write_text(BARE_APP)
    results = {}
    for name in names:
        env = {"BARE_BODY": str(root / f"{name}.json"), "PATH": "/usr/bin:/bin"}
        server = start([sys.executable, "-m", "uvicorn", "bare:app", "--app-dir", str(root), "--port", "8796",
                        "--log-level", "warning", "--no-access-log"], "http://127.0.0.1:8796/", env=env)
        try:
            results[name] = wrk("http://127.0.0.1:8796/", args.seconds, args.connections)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    for tool in ("wrk", "datasette"):
        if not shutil.which(tool) and not (Path(sys.executable).parent / tool).exists():
            raise SystemExit(f"{tool} is needed: apt-get install wrk; pip install -e '.[bench]'")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        db = root / "bench.db"
        generate(root / "reports", args.reports, seed=21)
        subprocess.run([sys.executable, "-m", "app", "ingest", str(root / "reports"), "--database-url",
                        f"sqlite:///{db}", "--jobs", "2"], check=True, capture_output=True)
        meeting_id = _first_meeting(db)
        ours = {name: path.replace("{id}", meeting_id) for name, path in OURS.items()}
        theirs = {name: path.replace("{id}", meeting_id) for name, path in THEIRS.items()}
        runs: list[dict[str, dict[str, Result]]] = []
        for _ in range(args.runs):
            rows = measure_api(db, root, args, ours)
            for name, result in measure_datasette(db, args, theirs).items():
                rows[name]["Datasette"] = result
            for name, result in measure_ceiling(root, args, list(ours)).items():
                rows[name]["bare ASGI (ceiling)"] = result
            runs.append(rows)
    report(runs, args)


def _first_meeting(db: Path) -> str:
    import sqlite3

    with sqlite3.connect(db) as connection:
        return str(connection.execute(
            "SELECT id FROM meetings WHERE body = 'foreign_ministers' ORDER BY start_date DESC LIMIT 1"
        ).fetchone()[0])


def _spread(values: list[float], digits: int = 0) -> str:
    low, middle, high = min(values), statistics.median(values), max(values)
    if len(values) == 1:
        return f"{middle:,.{digits}f}"
    return f"{low:,.{digits}f} / {middle:,.{digits}f} / {high:,.{digits}f}"


def report(runs: list[dict[str, dict[str, Result]]], args: argparse.Namespace) -> None:
    print(f"{args.reports} generated reports, wrk -t2 -c{args.connections} -d{args.seconds}s, loopback, "
          f"{len(runs)} run(s)" + (": min / median / max" if len(runs) > 1 else ""))
    for name in runs[0]:
        print(f"\n{name}")
        for who in runs[0][name]:
            rates = [run[name][who][0] for run in runs]
            last = runs[-1][name][who]
            print(f"  {who:26s} {_spread(rates):>24s} req/s   (last run p50 {last[1]}, p99 {last[2]})")
        for who in API_SETUPS:
            to_datasette = [run[name][who][0] / run[name]["Datasette"][0] for run in runs]
            to_ceiling = [run[name][who][0] / run[name]["bare ASGI (ceiling)"][0] for run in runs]
            print(f"  {who:26s} / Datasette {_spread(to_datasette, 2)}x, / ceiling {_spread(to_ceiling, 2)}")


if __name__ == "__main__":
    main()
