"""`briefing serve` with a broken corpus: the browser shows every error with its position, no request
hangs, and the preview comes back by itself once the corpus is good again, even after the corpus
folder was deleted and put back; a path with a NUL byte is a 404, not a 500."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

EVENT = "events/2025/2025-05-02-convoy.yaml"
WAIT_S = 60  # rebuilds on a loaded machine


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=WAIT_S) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode("utf-8")


def _until(url: str, wanted, what: str) -> tuple[int, str]:
    deadline = time.monotonic() + WAIT_S
    while True:
        status, body = _get(url)
        if wanted(status, body) or time.monotonic() > deadline:
            assert wanted(status, body), f"{what}: {status} {body[:500]}"
            return status, body
        time.sleep(0.3)


@pytest.fixture
def served(make_corpus, tmp_path):
    content = make_corpus()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "BRIEFING_CACHE": "off", "SOURCE_DATE_EPOCH": "1750000000"}
    server = subprocess.Popen([sys.executable, "-m", "builder.hosts.cli", "serve", "--content", str(content),
                               "--dev-addr", f"127.0.0.1:{port}"], env=env, cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in server.stdout:
            if "Serving on" in line:
                break
        yield content, f"http://127.0.0.1:{port}"
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.communicate(timeout=30)
        finally:
            server.kill()
            server.wait()


def test_the_browser_shows_the_errors_and_the_preview_recovers_by_itself(served, tmp_path):
    content, url = served
    good = (content / EVENT).read_text(encoding="utf-8")
    _until(url + "/", lambda s, b: s == 200 and "نحو 200 شاحنة تغادر حقل كونيكو" in b, "first build")
    (content / EVENT).write_text(good.replace("credibility: 2", "credibility: 9"), encoding="utf-8")
    status, body = _until(url + "/", lambda s, b: "credibility" in b, "the error page")
    assert status == 200 and '<html lang="ar" dir="rtl">' in body
    assert f"content/{EVENT}:13:14: error: &#x27;credibility&#x27; is &#x27;9&#x27;" in body, body
    assert "[bad-value]" in body
    status, body = _get(url + "/bases/conoco/")  # every address answers at once, with the errors
    assert status == 404 and "[bad-value]" in body
    assert _get(url + "/%00")[0] == 404
    (content / EVENT).write_text(good, encoding="utf-8")
    _until(url + "/bases/conoco/", lambda s, b: s == 200 and "كونيكو" in b and "[bad-value]" not in b, "recovered")


def test_a_corpus_deleted_and_put_back_is_previewed_again(served, tmp_path):
    content, url = served
    _until(url + "/", lambda s, b: s == 200 and "كونيكو" in b, "first build")
    shutil.move(content, tmp_path / "away")
    _until(url + "/", lambda s, b: "[no-corpus]" in b, "the error page")
    shutil.move(tmp_path / "away", content)
    _until(url + "/", lambda s, b: s == 200 and "كونيكو" in b and "[no-corpus]" not in b, "recovered")
    event = content / EVENT
    event.write_text(event.read_text(encoding="utf-8").replace("نحو 200 شاحنة تغادر", "قافلة تغادر"), encoding="utf-8")
    _until(url + "/", lambda s, b: "قافلة تغادر حقل كونيكو" in b, "an edit after the folder came back")
