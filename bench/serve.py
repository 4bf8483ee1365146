"""Time an edit under a real `briefing serve`: from saving an event file to MkDocs's "Documentation built".

Starts `briefing serve` on the corpus, waits for the first build, then retitles one event (and puts the
title back) `--edits` times, a few seconds apart, and times each from the save to the line MkDocs logs
when the rebuild is done: what an editor waits for, the watcher included. Prints the median in seconds
as JSON. The corpus is left as it was.

    .venv/bin/python bench/serve.py CONTENT --edits 5
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BIN = Path(sys.executable).parent
BUILT = "Documentation built in"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--poll", action="store_true", help="serve with MkDocs's polling watcher")
    args = parser.parse_args()
    events = sorted(args.content.glob("events/*/*.yaml"))
    event = events[len(events) // 2]
    original = event.read_text(encoding="utf-8")
    retitled = original.replace("title: ", "title: تعديل ", 1)
    command = [str(BIN / "briefing"), "serve", "--content", str(args.content), "--dev-addr", f"127.0.0.1:{_free_port()}"]
    server = subprocess.Popen(command + (["--poll"] if args.poll else []), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, env=os.environ)
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    threading.Thread(target=lambda: [lines.put((time.perf_counter(), line)) for line in server.stdout], daemon=True).start()

    def built(timeout: float) -> float:
        deadline = time.perf_counter() + timeout
        while True:
            at, line = lines.get(timeout=max(0.1, deadline - time.perf_counter()))
            if "Error" in line or "error:" in line:
                raise SystemExit(f"briefing serve failed: {line}")
            if BUILT in line:
                return at

    times = []
    try:
        built(timeout=900)  # the first, full build
        for n in range(args.edits):
            time.sleep(3)  # settled: the file's previous write is older than the fingerprints' 2 s guard
            saved = time.perf_counter()
            event.write_text(retitled if n % 2 == 0 else original, encoding="utf-8")
            times.append(built(timeout=120) - saved)
    finally:
        event.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    print(json.dumps({"median_s": statistics.median(times), "edits": len(times)}))


if __name__ == "__main__":
    main()
