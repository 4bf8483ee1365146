"""Time an edit in a preview: what `briefing serve` does after an editor saves one event.

Builds the preview once, then retitles one event (and puts the title back) `--edits` times; each edit is
timed from the save to the changed files written: check, the incremental update, and the writes. Prints
the median in seconds, and the pages re-rendered, as JSON.

    .venv/bin/python bench/preview.py CONTENT --edits 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from builder.pipeline.build import check  # noqa: E402
from builder.preview.incremental import update  # noqa: E402
from builder.pipeline.settings import Settings  # noqa: E402
from builder.writing.site import write_changes  # noqa: E402

SETTINGS = Settings(pdf=False, search=False, built=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    event = sorted(args.content.glob("events/*/*.yaml"))[len(list(args.content.glob("events/*/*.yaml"))) // 2]
    original = event.read_text(encoding="utf-8")
    retitled = original.replace("title: ", "title: تعديل ", 1)
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as site:
        done = update(None, check(args.content), SETTINGS)
        write_changes(Path(site), done.write, done.delete, 0)
        times, pages = [], []
        try:
            for n in range(args.edits):
                time.sleep(0.2)
                event.write_text(retitled if n % 2 == 0 else original, encoding="utf-8")
                started = time.perf_counter()
                done = update(done.preview, check(args.content, done.preview.checked), SETTINGS)
                write_changes(Path(site), done.write, done.delete, 0)
                times.append(time.perf_counter() - started)
                pages.append(done.pages)
        finally:
            event.write_text(original, encoding="utf-8")
    print(json.dumps({"median_s": statistics.median(times), "pages": statistics.median(pages), "edits": len(times)}))


if __name__ == "__main__":
    main()
