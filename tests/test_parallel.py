"""Rendering on several cores gives the same bytes, in the same order, as rendering on one."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder import parallel
from builder.build import check, render_site
from builder.render import RenderError
from builder.settings import Settings

CONTENT = Path(__file__).resolve().parent.parent / "content"


def test_forked_render_equals_single_process_render(monkeypatch):
    checked = check(CONTENT)
    settings = Settings(pdf=False)
    monkeypatch.setattr(parallel, "THRESHOLD", 10**9)
    single = render_site(checked, settings).files
    monkeypatch.setattr(parallel, "THRESHOLD", 0)
    forked = render_site(checked, settings).files
    assert list(forked) == list(single) and forked == single


def test_a_template_error_in_a_worker_stops_the_build(monkeypatch, tmp_path):
    import shutil
    theme = tmp_path / "theme"
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", theme)
    (theme / "base.html").write_text("{% extends '_layout.html' %}{% block main %}{{ page.nothing }}{% endblock %}")
    monkeypatch.setattr(parallel, "THRESHOLD", 0)
    with pytest.raises(RenderError, match="nothing"):
        render_site(check(CONTENT), Settings(pdf=False), theme)
