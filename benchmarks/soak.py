"""Soak test: 64 connections for 60 s on a mix of endpoints while an ingestion runs (loopback only).

    python benchmarks/soak.py [--seconds 60] [--connections 64] [--reports 300]

Needs wrk (Debian package `wrk`). Builds a SQLite database from generated reports,
serves it on 127.0.0.1, warms up, then loads the server while a second process
ingests more reports into the same database. Prints requests/s, errors, latency
percentiles and the server's memory after warm-up and at the end. Exits 1 when any
request failed or memory grew by more than 10%.
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

MIX = [
    "/v1/meetings?limit=50", "/v1/decisions?limit=50&kind=agreed", "/v1/search?q=Oekra%C3%AFne",
    "/v1/stats/decisions?group_by=year", "/v1/members", "/v1/agenda-items?limit=20", "/health",
    "/v1/meetings?limit=50&include=decisions", "/v1/stats/meetings?group_by=body",
]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def wrk(base: str, seconds: int, connections: int, script: Path) -> str:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s",
               "-s", str(script), base]
    return subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--port", type=int, default=8798)
    parser.add_argument("--no-ingest", action="store_true", help="load alone, to tell growth from new data")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install wrk")
        return 2
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        url = f"sqlite:///{root / 'soak.db'}"
        generate(root / "first", args.reports // 3, seed=11)
        generate(root / "during", args.reports - args.reports // 3, seed=12)
        cli = [sys.executable, "-m", "app"]
        subprocess.run([*cli, "ingest", str(root / "first"), "--database-url", url], check=True, capture_output=True)
        script = root / "mix.lua"
        paths = ", ".join(f'"{p}"' for p in MIX)
        script.write_text(f"local paths = {{{paths}}}\nrequest = function()\n"
                          "  return wrk.format('GET', paths[math.random(#paths)])\nend\n")
        server = subprocess.Popen([*cli, "serve", "--database-url", url, "--port", str(args.port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{args.port}"
        try:
            for _ in range(100):
                try:
                    if httpx.get(base + "/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            wrk(base, 30, args.connections, script)  # warm-up: caches and pools fill in the first half minute
            warm = rss_kib(server.pid)
            folder_during = root / ("empty" if args.no_ingest else "during")
            folder_during.mkdir(exist_ok=True)
            ingest = subprocess.Popen([*cli, "ingest", str(folder_during), "--database-url", url],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            output = wrk(base, args.seconds, args.connections, script)
            ingested = ingest.wait(timeout=600)
            end = rss_kib(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=10)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: (.*)", output)
    latency = dict(re.findall(r"\s+(50|75|90|99)%\s+([\d.]+\w+)", output))
    growth = (end - warm) / warm * 100 if warm else 0
    print(f"{args.connections} connections, {args.seconds} s, mix of {len(MIX)} endpoints, ingestion running")
    print(f"requests {total.group(1) if total else '?'}, {rate.group(1) if rate else '?'} req/s, "
          f"non-2xx {errors.group(1) if errors else 0}, socket errors: {sockets.group(1) if sockets else 'none'}")
    print("latency " + ", ".join(f"p{k} {v}" for k, v in latency.items()))
    print(f"server RSS after warm-up {warm / 1024:.1f} MiB, at the end {end / 1024:.1f} MiB ({growth:+.1f}%)")
    print(f"ingestion during the load exited {ingested}")
    failed = bool(errors) or bool(sockets) or growth > 10 or ingested != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
