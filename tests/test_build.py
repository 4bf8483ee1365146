"""End to end: the commands on fixture corpora, and what a reader finds in the built site."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, SOURCE_ID, SOURCE_TEXT, tree

REPO = Path(__file__).resolve().parent.parent
EVENT = "events/2025/2025-05-02-convoy.yaml"
MONTHLY = """\
    id: 2025-04-qasrak-active
    date: {start: 2025-04, precision: month}
    type: statement
    title: قواعد أميركية في قسرك
    summary: "قواعد في **قسرك**."
    bases: [{id: qasrak, effect: active}]
    citations:
      - {source: alarab-2025-05-03, quote: 'باتجاه قواعد أميركية تقع في منطقتي "قسرك"'}
    credibility: 3
    """


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def built(run, make_corpus, tmp_path):
    make_corpus({"events/2025/2025-04-qasrak-active.yaml": MONTHLY, "pages/about.md": "# عن الموجز\n\nنص **الصفحة**.\n"})
    code, out, err = run("build")
    assert code == 0, err
    return tmp_path / "site"


def test_every_page_kind_is_built_in_arabic_rtl(built):
    expected = ["", "briefs/", "briefs/2025-05/", "briefs/2025-04/", "events/2025-05-02-convoy/",
                "events/2025-04-qasrak-active/", "bases/", "bases/conoco/", "bases/qasrak/", "sources/",
                f"sources/{SOURCE_ID}/", "about/"]
    for path in expected:
        assert '<html lang="ar" dir="rtl">' in page(built, path), path
    assert (built / "assets/site.css").is_file()


def test_home_shows_latest_brief_and_status_board(built):
    home = page(built, "")
    assert "أحدث موجز" in home and 'href="briefs/2025-05/">أيار 2025</a>' in home
    # Qasrak: active in April, reinforced on 2 May: the board shows the latest, linked to its event.
    row = re.search(r'<a href="bases/qasrak/">قسرك</a>.*?</tr>', home, re.S).group()
    assert "معزَّز" in row and 'href="events/2025-05-02-convoy/"' in row and "2 أيار 2025" in row


def test_briefs_are_newest_first_with_events_in_date_order(built):
    index = page(built, "briefs/")
    assert index.index("أيار 2025") < index.index("نيسان 2025")
    assert "حدث واحد" in index


def test_base_page_has_status_history_linked_to_events(built):
    qasrak = page(built, "bases/qasrak/")
    history = re.search(r'<ol class="history">(.*?)</ol>', qasrak, re.S).group(1)
    assert history.index("معزَّز") < history.index("نشط")  # newest first
    assert 'href="../../events/2025-04-qasrak-active/"' in history
    assert 'lang="en" dir="ltr">Qasrak</bdi>' in qasrak


def test_month_precision_event_never_shows_an_invented_day(built):
    event = page(built, "events/2025-04-qasrak-active/")
    assert '<time datetime="2025-04">نيسان 2025</time>' in event
    assert not re.search(r"\d+ نيسان", event)


def test_source_page_highlights_every_cited_passage_and_links_back(built):
    source = page(built, f"sources/{SOURCE_ID}/")
    assert "<mark>توجه نحو 200 شاحنة من حقلي الغاز</mark>" in source
    assert '<mark>باتجاه قواعد أميركية تقع في منطقتي &#34;قسرك&#34;</mark>' in source
    assert source.count('class="cited-by"') == 2
    anchors = re.findall(r'<span class="anchor" id="(q-[0-9a-f]+)">', source)
    assert len(anchors) == 2
    event = page(built, "events/2025-05-02-convoy/")
    assert f'href="../../sources/{SOURCE_ID}/#{anchors[1]}"' in event or f'href="../../sources/{SOURCE_ID}/#{anchors[0]}"' in event


def test_source_page_shows_sha256_of_normalised_text(built):
    import hashlib
    assert hashlib.sha256(SOURCE_TEXT.encode()).hexdigest() in page(built, f"sources/{SOURCE_ID}/")


def test_markdown_is_rendered(built):
    assert "<strong>قسرك</strong>" in page(built, "events/2025-04-qasrak-active/")


def test_hand_written_page_in_the_theme(built):
    about = page(built, "about/")
    assert "<h1>عن الموجز</h1>" in about and "<strong>الصفحة</strong>" in about
    assert 'href="about/">عن الموجز</a>' in page(built, "")


def test_failed_build_leaves_previous_site_untouched(run, make_corpus, built):
    before = tree(built)
    make_corpus({EVENT: "id: 2025-05-02-convoy\ntype: [\n"})
    code, out, err = run("build")
    assert code == 1 and "nothing was written" in err
    assert tree(built) == before


def test_template_error_on_last_page_leaves_previous_site_untouched(run, built, tmp_path):
    import shutil
    theme = tmp_path / "theme"
    shutil.copytree(REPO / "templates", theme)
    (theme / "page.html").write_text("{% extends '_layout.html' %}{% block main %}{{ page.missing }}{% endblock %}")
    before = tree(built)
    code, _, err = run("build", "--templates", str(theme))
    assert code == 1
    assert re.search(r"theme/page\.html:1: error: .*'missing' \(while rendering about/index\.html\) \[template\]", err), err
    assert tree(built) == before
    assert not list(tmp_path.glob(".site*"))  # no staging folder left behind


def test_same_inputs_give_byte_identical_sites(run, make_corpus, tmp_path):
    make_corpus({"events/2025/2025-04-qasrak-active.yaml": MONTHLY})
    assert run("build", "--site-dir", "one")[0] == 0
    assert run("build", "--site-dir", "two")[0] == 0
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


def test_build_date_comes_from_source_date_epoch(built):
    assert '<time datetime="2025-06-15">15 حزيران 2025</time>' in page(built, "")


def test_corpus_anywhere_on_disk_builds_with_content_flag(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = subprocess.run([sys.executable, "-m", "builder.hosts.cli", "build", "--no-pdf", "--content", str(FIXTURES / "minimal"),
                             "--site-dir", str(tmp_path / "out")], capture_output=True, text=True,
                            env={**os.environ, "SOURCE_DATE_EPOCH": "1750000000"})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/bases/conoco/index.html").is_file()


def test_mkdocs_build_gives_the_same_site_as_briefing_build(tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1750000000"}
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: موجز\ndocs_dir: {FIXTURES / 'minimal'}\nsite_dir: {tmp_path / 'mk'}\n"
                      f"plugins:\n  - briefing:\n      content: {FIXTURES / 'minimal'}\n", encoding="utf-8")
    mk = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
                        capture_output=True, text=True, env=env, cwd=tmp_path)
    assert mk.returncode == 0, mk.stderr
    ours = subprocess.run([sys.executable, "-m", "builder.hosts.cli", "build", "--config", str(config),
                           "--content", str(FIXTURES / "minimal"), "--site-dir", str(tmp_path / "ours")],
                          capture_output=True, text=True, env=env, cwd=tmp_path)
    assert ours.returncode == 0, ours.stderr
    assert len([p for p in tree(tmp_path / "ours") if p.endswith(".html")]) == 17  # every kind of page: two briefs, two type pages, two places…
    assert tree(tmp_path / "mk") == tree(tmp_path / "ours")
    assert not list(tmp_path.glob("briefing-mkdocs-*"))


def test_mkdocs_build_failure_reports_every_problem_and_keeps_site(tmp_path):
    import shutil
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "minimal", corpus)
    site = tmp_path / "mk"
    site.mkdir()
    (site / "index.html").write_text("previous edition")
    (corpus / "bases/qasrak.yaml").write_text("id: qasrak\nkind: fort\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\ndocs_dir: {corpus}\nsite_dir: {site}\nplugins:\n  - briefing:\n      content: {corpus}\n")
    mk = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], capture_output=True, text=True)
    assert mk.returncode != 0
    assert "qasrak.yaml:2:7: error: 'kind' is 'fort', not one of the allowed values" in mk.stderr
    assert "missing required field 'name'" in mk.stderr
    assert (site / "index.html").read_text() == "previous edition"
    assert [p.name for p in site.iterdir()] == ["index.html"]


def test_briefing_command_is_installed():
    result = subprocess.run([str(Path(sys.executable).parent / "briefing"), "check", "--content",
                             str(FIXTURES / "minimal")], capture_output=True, text=True)
    assert result.returncode == 0 and "ok (1 source, 2 bases, 2 events, 2 citations)" in result.stdout
    missing = subprocess.run([str(Path(sys.executable).parent / "briefing"), "check", "--content",
                              str(FIXTURES / "no-such-corpus")], capture_output=True, text=True)
    assert missing.returncode == 1 and "the content folder does not exist" in missing.stderr


def test_preview_config_survives_a_reload(tmp_path):
    # MkDocs reloads the config on every rebuild; the second load failed when options were passed as overrides.
    import yaml
    from mkdocs.config import load_config
    from builder.preview.serve import preview_config
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump(preview_config(FIXTURES / "minimal", REPO / "mkdocs.yml", REPO / "templates"),
                                     allow_unicode=True), encoding="utf-8")
    for _ in range(2):
        loaded = load_config(config_file=str(config))
        assert loaded.plugins["briefing"].config.content == str((FIXTURES / "minimal").resolve())


@pytest.mark.parametrize("months, digits, expected", [
    ("levantine", "western", "2 أيار 2025"),
    ("gregorian", "western", "2 مايو 2025"),
    ("levantine", "arabic-indic", "٢ أيار ٢٠٢٥"),
])
def test_month_names_and_digits_are_chosen_in_mkdocs_yml(run, make_corpus, tmp_path, months, digits, expected):
    make_corpus()
    (tmp_path / "mkdocs.yml").write_text(f"site_name: موجز\nplugins:\n  - briefing:\n      months: {months}\n"
                                        f"      digits: {digits}\n", encoding="utf-8")
    assert run("build")[0] == 0
    assert f">{expected}</time>" in page(tmp_path / "site", "events/2025-05-02-convoy/")
