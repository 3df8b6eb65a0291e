"""Parser throughput: the dev corpus repeated to N documents, parse alone (no I/O, no database).

    python benchmarks/parse.py [--documents 1000] [--corpus tests/data/corpus] [--repeat 3]

Prints reports per second and characters per second for each run, then min/median/max.
"""

import argparse
import statistics
import time
from pathlib import Path

from app.parsing import parse_report
from app.readers import SUFFIXES, read_document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).parents[1] / "tests" / "data" / "corpus")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    texts = [read_document(p).text for p in sorted(args.corpus.iterdir()) if p.suffix in SUFFIXES]
    batch = [texts[i % len(texts)] for i in range(args.documents)]
    chars = sum(len(t) for t in batch)
    average = chars / args.documents
    print(f"{len(texts)} distinct reports, {args.documents} documents, {average:.0f} chars each on average")
    rates = []
    for run in range(1, args.repeat + 1):
        start = time.perf_counter()
        for text in batch:
            parse_report(text)
        elapsed = time.perf_counter() - start
        rates.append(args.documents / elapsed)
        print(f"run {run}: {elapsed:.2f} s, {rates[-1]:.0f} reports/s, {chars / elapsed / 1e6:.2f} M chars/s")
    print(f"reports/s min {min(rates):.0f} median {statistics.median(rates):.0f} max {max(rates):.0f} (one core)")


if __name__ == "__main__":
    main()
