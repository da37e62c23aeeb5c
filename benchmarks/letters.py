"""Benchmark of the documents at a scale: ms per letter, seconds for all letters (not a test).

    python benchmarks/letters.py                  # national: 3,000 核对函 (inbox made by benchmarks/intake.py)
    python benchmarks/letters.py --scale province

Reads the synthetic inbox of benchmarks/intake.py (generated there if missing), plans every document the
tally yields, then renders them with one Renderer (templates parsed once) in this process, timing each
document type: planning (contexts), rendering and writing.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.intake import CACHE, SCALES, make_inbox  # noqa: E402
from reportgen.config import load_settings  # noqa: E402
from reportgen.documents.registry import plan_documents  # noqa: E402
from reportgen.api import read_inbox, without_gc  # noqa: E402
from reportgen.documents.render import Renderer  # noqa: E402
from reportgen.tally.aggregate import tally  # noqa: E402
from reportgen.workspace import shipped_templates  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=list(SCALES), default="national")
    args = parser.parse_args()
    inbox = make_inbox(args.scale)
    settings = load_settings(CACHE / f"{args.scale}.toml")
    as_of = date(2021, 12, 1)
    with without_gc():
        result = tally(read_inbox(inbox, settings), settings, 2021, as_of)
        t = time.perf_counter()
        docs = plan_documents(result, settings, as_of)
        planned = time.perf_counter() - t
        renderer = Renderer([shipped_templates()])
        spent: dict[str, float] = defaultdict(float)
        count: dict[str, int] = defaultdict(int)
        with tempfile.TemporaryDirectory() as out:
            for doc in docs:
                t = time.perf_counter()
                (Path(out) / doc.filename).write_bytes(renderer.render(doc.template, doc.context))
                spent[doc.template] += time.perf_counter() - t
                count[doc.template] += 1
    print(f"{args.scale}: {len(result.items)} items, {len(docs)} documents; planning all contexts {planned:.2f} s")
    print(f"{'document':<10} {'count':>6} {'total s':>8} {'ms each':>9}")
    for name in sorted(spent, key=lambda n: -count[n]):
        print(f"{name:<10} {count[name]:>6} {spent[name]:>8.2f} {spent[name] / count[name] * 1000:>9.1f}")
    print(f"{'all':<10} {len(docs):>6} {sum(spent.values()):>8.2f}")


if __name__ == "__main__":
    main()
