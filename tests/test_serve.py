"""`briefing serve` learns of an edit from the operating system, not by polling every file twice a second."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from builder.hosts.mkdocs_plugin import BriefingPlugin


def _server(tmp_path, *watched):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    for path in watched:
        server.watch(str(path))
    return server


def _plugin(poll: bool) -> BriefingPlugin:
    plugin = BriefingPlugin()
    plugin.load_config({"poll": poll})
    return plugin


def _rebuild_wanted(server, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server._want_rebuild:
            return True
        time.sleep(0.02)
    return server._want_rebuild


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "content" / "events" / "2025"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_text("id: a\n", encoding="utf-8")
    return tmp_path / "content"


def test_an_edit_is_noticed_and_the_rebuilds_own_reads_are_not(tmp_path, corpus):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    server = _server(tmp_path, corpus, config)  # as MkDocs watches before its plugins' on_serve
    server = _plugin(poll=False).on_serve(server, config=None, builder=None)
    assert not isinstance(server.observer, PollingObserver)
    assert server.build_delay < 0.1  # the rebuild does not wait out MkDocs's polling-sized quiet spell
    server.watch(str(tmp_path / "content"))  # MkDocs adds the config's `watch:` list after on_serve
    server.observer.start()
    try:
        event = corpus / "events" / "2025" / "a.yaml"
        event.read_text(encoding="utf-8")  # what a rebuild does to every file it checks
        config.read_text(encoding="utf-8")
        assert not _rebuild_wanted(server, within=0.5)
        event.write_text("id: a\ntitle: b\n", encoding="utf-8")
        assert _rebuild_wanted(server, within=5)
        server._want_rebuild = False
        (corpus / "events" / "2025" / "b.yaml").write_text("id: b\n", encoding="utf-8")  # a new file
        assert _rebuild_wanted(server, within=5)
        server._want_rebuild = False
        config.write_text("site_name: y\n", encoding="utf-8")  # a watched file, not a folder
        assert _rebuild_wanted(server, within=5)
    finally:
        server.observer.stop()
        server.observer.join()


def test_poll_keeps_mkdocss_polling(tmp_path, corpus):
    server = _plugin(poll=True).on_serve(_server(tmp_path, corpus), config=None, builder=None)
    assert isinstance(server.observer, PollingObserver)
    assert str(corpus) in server._watched_paths
    assert server.build_delay == 0.1  # MkDocs's own


def test_briefing_serve_passes_poll_to_the_plugin(tmp_path):
    from builder.preview.serve import preview_config

    options = preview_config(tmp_path, tmp_path / "absent.yml", tmp_path, poll=True)["plugins"][0]["briefing"]
    assert options["poll"] is True


def test_stopping_briefing_serve_with_sigterm_leaves_no_scratch_folders(make_corpus, tmp_path):
    content = make_corpus()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    with socket.socket() as probe:  # a free port for the server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "TMPDIR": str(scratch), "BRIEFING_CACHE": "off"}
    server = subprocess.Popen([sys.executable, "-m", "builder.hosts.cli", "serve", "--content", str(content),
                               "--dev-addr", f"127.0.0.1:{port}"], env=env, cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        said = []
        for line in server.stdout:  # wait until the first build is served
            said.append(line)
            if "Serving on" in line:
                break
        assert any("Serving on" in line for line in said), "".join(said)
        assert list(scratch.iterdir())  # the preview's config, MkDocs's site, the plugin's folders
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=20)
    finally:
        server.kill()
        server.wait()
    assert server.returncode == 0
    assert list(scratch.iterdir()) == []
