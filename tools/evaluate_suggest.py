"""Score `briefing suggest` against the curated events of a corpus (default: the seed corpus).

For every source, the suggestions are compared with the events that cite that source:

- date: the (source, start date, precision) of events that touch a place;
- base: the (source, place) pairs;
- type: the (source, place, type) triples;
- base+date: the (source, place, start date, precision) quadruples, the figure issue 9 sets at 0.8 recall.

Usage: .venv/bin/python tools/evaluate_suggest.py [--content DIR] [--misses]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.pipeline.build import check  # noqa: E402
from builder.curation.suggest import Suggester  # noqa: E402

MEASURES = ("date", "base", "type", "base+date")


def _keys(source_id: str, date, bases, type_) -> dict[str, set]:
    when = (date.iso, date.precision)
    return {
        "date": {(source_id, when)} if bases else set(),
        "base": {(source_id, b) for b in bases},
        "type": {(source_id, b, type_) for b in bases},
        "base+date": {(source_id, b, when) for b in bases},
    }


def score(content: Path) -> tuple[dict[str, tuple[int, int, int]], dict[str, set], dict[str, set]]:
    """Per measure: (true positives, suggested, curated); and the sets behind them."""
    checked = check(content)
    corpus, index = checked.corpus, checked.index
    suggester = Suggester(corpus)
    curated: dict[str, set] = {k: set() for k in MEASURES}
    suggested: dict[str, set] = {k: set() for k in MEASURES}
    for source_id in sorted(corpus.sources):
        events = {c.event.id: c.event for c in index.citing.get(source_id, ())}
        for event in events.values():
            for k, v in _keys(source_id, event.date.start, [t.base for t in event.bases], event.type).items():
                curated[k] |= v
        stubs, _ = suggester.suggest(corpus.sources[source_id])
        for stub in stubs:
            for k, v in _keys(source_id, stub.date, [b for b, _ in stub.bases], stub.type).items():
                suggested[k] |= v
    table = {k: (len(curated[k] & suggested[k]), len(suggested[k]), len(curated[k])) for k in MEASURES}
    return table, curated, suggested


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--misses", action="store_true", help="list what was missed and what was extra")
    args = parser.parse_args(argv)
    table, curated, suggested = score(args.content)
    print(f"| measure | curated | suggested | found | precision | recall |")
    print(f"|---|---:|---:|---:|---:|---:|")
    for k, (tp, n_s, n_c) in table.items():
        precision = tp / n_s if n_s else 0.0
        recall = tp / n_c if n_c else 0.0
        print(f"| {k} | {n_c} | {n_s} | {tp} | {precision:.2f} | {recall:.2f} |")
    if args.misses:
        print("\nmissed (curated, not suggested):")
        for item in sorted(curated["base+date"] - suggested["base+date"]):
            print("  ", item)
        print("extra (suggested, not curated):")
        for item in sorted(suggested["base+date"] - curated["base+date"]):
            print("  ", item)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
