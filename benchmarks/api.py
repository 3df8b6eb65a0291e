"""The API side by side with Datasette and a bare ASGI app, on the same SQLite file (loopback, wrk).

    pip install -e '.[bench]'     # datasette
    python benchmarks/api.py [--seconds 10] [--connections 16] [--reports 300]

For three equivalent requests (a filtered list of 50 meetings, one meeting by id, a full-text
search) it prints requests/s and p50/p99 for: this API with 1 and 2 workers, `datasette serve`
on the same file, and a bare ASGI app returning pre-built bytes of the same size (the ceiling
of uvicorn on this machine); then the ratios to Datasette and to the ceiling.
"""

import argparse
import re
import shutil
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--reports", type=int, default=300)
    args = parser.parse_args()
    for tool in ("wrk", "datasette"):
        if not shutil.which(tool) and not (Path(sys.executable).parent / tool).exists():
            raise SystemExit(f"{tool} is needed: apt-get install wrk; pip install -e '.[bench]'")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        db = root / "bench.db"
        generate(root / "reports", args.reports, seed=21)
        python = [sys.executable, "-m", "app"]
        subprocess.run([*python, "ingest", str(root / "reports"), "--database-url", f"sqlite:///{db}", "--jobs", "2"],
                       check=True, capture_output=True)
        ours = {
            "list of 50 meetings": "/v1/meetings?limit=50&body=foreign_ministers",
            "one meeting": "/v1/meetings/{id}?include=decisions",
            "full-text search": "/v1/search?q=Oekra%C3%AFne&kind=decision&limit=20",
        }
        theirs = {
            "list of 50 meetings": "/bench/meetings.json?body=foreign_ministers&_sort_desc=start_date&_size=50",
            "one meeting": "/bench/meetings/{id}.json",
            "full-text search": "/bench.json?sql=" + quote(
                "select e.record_id, snippet(search_fts_nl, 0, '<mark>', '</mark>', '…', 16) from search_fts_nl "
                "join search_entries e on e.id = search_fts_nl.rowid where search_fts_nl match '\"oekraïne\"' "
                "and e.kind = 'decision' order by bm25(search_fts_nl) limit 20"),
        }
        rows: dict[str, dict[str, tuple[float, str, str]]] = {name: {} for name in ours}
        for workers in (1, 2):
            port = 8790 + workers
            base = f"http://127.0.0.1:{port}"
            server = start([*python, "serve", "--database-url", f"sqlite:///{db}", "--port", str(port),
                            "--workers", str(workers)], base + "/health")
            try:
                meeting_id = httpx.get(base + ours["list of 50 meetings"]).json()["items"][0]["id"]
                ours["one meeting"] = ours["one meeting"].replace("{id}", meeting_id)
                theirs["one meeting"] = theirs["one meeting"].replace("{id}", meeting_id)
                for name, path in ours.items():
                    rows[name][f"API {workers} worker(s)"] = wrk(base + path, args.seconds, args.connections)
                    if workers == 1:
                        body = root / f"{len(rows[name])}.json"
                        body.write_bytes(httpx.get(base + path).content)
                        rows[name]["_body"] = (0.0, str(body), "")
            finally:
                server.terminate()
                server.wait(timeout=10)
        datasette = shutil.which("datasette") or str(Path(sys.executable).parent / "datasette")
        base = "http://127.0.0.1:8795"
        server = start([datasette, "serve", str(db), "--port", "8795", "--setting", "sql_time_limit_ms", "10000"],
                       base + "/bench.json")
        try:
            for name, path in theirs.items():
                rows[name]["Datasette"] = wrk(base + path, args.seconds, args.connections)
        finally:
            server.terminate()
            server.wait(timeout=10)
        for name in ours:
            app_file = root / "bare.py"
            app_file.write_text(BARE_APP)
            env = {"BARE_BODY": rows[name].pop("_body")[1], "PATH": "/usr/bin:/bin"}
            server = start([sys.executable, "-m", "uvicorn", "bare:app", "--app-dir", str(root), "--port", "8796",
                            "--log-level", "warning"], "http://127.0.0.1:8796/", env=env)
            try:
                rows[name]["bare ASGI (ceiling)"] = wrk("http://127.0.0.1:8796/", args.seconds, args.connections)
            finally:
                server.terminate()
                server.wait(timeout=10)
    print(f"{args.reports} generated reports, wrk -t2 -c{args.connections} -d{args.seconds}s, loopback")
    for name, results in rows.items():
        print(f"\n{name}")
        for who, (rate, p50, p99) in results.items():
            print(f"  {who:22s} {rate:8.0f} req/s   p50 {p50:>8s}   p99 {p99:>8s}")
        api, datasette_rate, ceiling = (results["API 1 worker(s)"][0], results["Datasette"][0],
                                        results["bare ASGI (ceiling)"][0])
        print(f"  API (1 worker) / Datasette {api / datasette_rate:.2f}x; "
              f"API (2 workers) / Datasette {results['API 2 worker(s)'][0] / datasette_rate:.2f}x; "
              f"API (1 worker) / ceiling {api / ceiling:.2f}")


if __name__ == "__main__":
    main()
