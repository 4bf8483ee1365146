"""Hostile and broken input, as `briefing build` meets it: refused with a position and the old site kept,
or accepted and normalised the same way every time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.prose.markdown import render_markdown
from conftest import SOURCE_ID, SOURCE_TEXT, errors_of, tree

EVENT = "events/2025/2025-05-02-convoy.yaml"
GOOD_EVENT = """\
id: 2025-05-02-convoy
date: {start: 2025-05-02, precision: day}
type: withdrawal
title: عنوان
summary: ملخص.
citations: [{source: alarab-2025-05-03, quote: "توجه نحو 200 شاحنة"}]
credibility: 2
"""


@pytest.fixture
def previous_site(run, make_corpus, tmp_path):
    make_corpus()
    assert run("build")[0] == 0
    return tree(tmp_path / "site")


def refused(run, make_corpus, tmp_path, previous_site, files) -> list[str]:
    """Build the corpus with `files` changed; it must fail, name positions, and keep the old site."""
    make_corpus(files)
    code, _, err = run("build")
    assert code == 1
    assert tree(tmp_path / "site") == previous_site
    lines = errors_of(err)
    assert lines and all(re.match(r"content/[^:]+:\d+:\d+: error: ", line) for line in lines), err
    return lines


YAML_INPUTS = {
    "tab-indentation": (GOOD_EVENT.replace("title: عنوان", "title: عنوان\n\tsummary: x"), ":5:1: error: invalid YAML"),
    "unquoted-colon": (GOOD_EVENT.replace("title: عنوان", "title: عاجل: عنوان"), ":4:12: error: invalid YAML: mapping values"),
    "unclosed-quote": (GOOD_EVENT.replace("title: عنوان", 'title: "عنوان'), ":4:8: error: invalid YAML: a quoted value starts here"),
    "duplicate-key": (GOOD_EVENT + "title: آخر\n", ":8:1: error: duplicate key 'title'"),
    "several-documents": (GOOD_EVENT + "---\n" + GOOD_EVENT, ":8:1: error: several YAML documents"),
    "top-level-list": ("- id: x\n", ":1:1: error: the file must be a mapping"),
    "top-level-scalar": ("just words\n", ":1:1: error: the file must be a mapping"),
    "empty": ("", ":1:1: error: file is empty"),
    "comments-only": ("# draft\n", ":1:1: error: file is empty"),
    "anchor-alias": (GOOD_EVENT.replace("title: عنوان", "title: &t عنوان\nsummery: *t"), ":4:8: error: anchor '&t'"),
    "merge-key": (GOOD_EVENT + "extra:\n  <<: {a: 1}\n", ":9:3: error: merge keys"),
    "anchor-bomb": ("a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n", ":1:4: error: anchor '&a'"),
    "deep-nesting": ("a: " + "[" * 30_000 + "]" * 30_000 + "\n", ":1:35: error: nesting deeper than 32 levels"),
    "python-tag": ("id: !!python/object/apply:os.system ['touch pwned']\n", ":1:5: error: tag 'tag:yaml.org,2002:python/object/apply:os.system'"),
    "unknown-field": (GOOD_EVENT + "sumary: x\n", ":8:1: error: unknown field 'sumary'"),
    "wrong-type": (GOOD_EVENT.replace('citations: [{source: alarab-2025-05-03, quote: "توجه نحو 200 شاحنة"}]',
                                      'citations: {source: alarab-2025-05-03}'), ":6:12: error: 'citations' must be a list, not a mapping"),
}


@pytest.mark.parametrize("text, expected", YAML_INPUTS.values(), ids=YAML_INPUTS.keys())
def test_broken_yaml_refused(run, make_corpus, tmp_path, previous_site, text, expected):
    lines = refused(run, make_corpus, tmp_path, previous_site, {EVENT: text})
    assert any(line.startswith(f"content/{EVENT}{expected}") for line in lines), lines
    assert not (tmp_path / "pwned").exists()


def test_unknown_field_suggests_the_known_one(run, make_corpus):
    make_corpus({EVENT: GOOD_EVENT + "sumary: x\n"})
    assert "hint: did you mean 'summary'?" in run("check")[2]


VALUES = {
    "impossible-date": (("2025-05-02", "2025-02-30"), ":2:15: error: 'start' is 2025-02-30, which is not a calendar date"),
    "datetime-without-offset": (("2025-05-02,", "'2025-05-02T10:00',"), ":2:15: error: 'start' is '2025-05-02T10:00'"),
    "id-upper-case": (("id: 2025-05-02-convoy", "id: 2025-05-02-Convoy"), ":1:5: error: id '2025-05-02-Convoy' is not lowercase"),
    "id-with-space": (("id: 2025-05-02-convoy", "id: 2025 05 02"), ":1:5: error: id '2025 05 02' is not lowercase"),
    "id-with-dots": (("id: 2025-05-02-convoy", "id: ../../etc"), ":1:5: error: id '../../etc' is not lowercase"),
    "id-non-ascii": (("id: 2025-05-02-convoy", "id: قافلة"), ":1:5: error: id 'قافلة' is not lowercase"),
    "id-zero-width": (("id: 2025-05-02-convoy", "id: 2025-05-02-con\u200bvoy"), ":1:5: error: id '2025-05-02-con\u200bvoy' is not lowercase"),
    "title-too-long": (("title: عنوان", "title: " + "ط" * 400), ":4:8: error: 'title' is 400 characters, over the limit of 300"),
    "credibility-out-of-scale": (("credibility: 2", "credibility: 0"), ":7:14: error: 'credibility' is '0'"),
}


@pytest.mark.parametrize("change, expected", VALUES.values(), ids=VALUES.keys())
def test_bad_values_refused(run, make_corpus, tmp_path, previous_site, change, expected):
    lines = refused(run, make_corpus, tmp_path, previous_site, {EVENT: GOOD_EVENT.replace(*change)})
    assert any(line.startswith(f"content/{EVENT}{expected}") for line in lines), lines


def test_ids_differing_only_in_case_refused(run, make_corpus, tmp_path, previous_site):
    twin = GOOD_EVENT.replace("2025-05-02-convoy", "2025-05-02-CONVOY")
    lines = refused(run, make_corpus, tmp_path, previous_site, {"events/2025/2025-05-02-CONVOY.yaml": twin})
    assert lines == ["content/events/2025/2025-05-02-CONVOY.yaml:1:5: error: id '2025-05-02-CONVOY' is not lowercase ASCII words joined by hyphens"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "ftp://example.org/a", "//example.org"])
def test_unsafe_urls_refused(run, make_corpus, tmp_path, previous_site, url):
    meta = (f"id: {SOURCE_ID}\noutlet: {{ar: العرب}}\ntitle: عنوان\npublished: 2025-05-03\n"
            f"url: '{url}'\nlanguage: ar\nreliability: C\n")
    lines = refused(run, make_corpus, tmp_path, previous_site, {f"sources/{SOURCE_ID}.yaml": meta})
    assert lines == [f"content/sources/{SOURCE_ID}.yaml:5:6: error: 'url' must be an http or https address, not '{url}'"]


@pytest.mark.parametrize("where", ["title", "quote", "url", "id"])
def test_bidi_controls_refused_everywhere(run, make_corpus, tmp_path, previous_site, where):
    text = {"title": GOOD_EVENT.replace("title: عنوان", "title: عنوان\u202e"),
            "quote": GOOD_EVENT.replace('quote: "توجه', 'quote: "\u2066توجه'),
            "url": GOOD_EVENT + "url: https://example.org/\u2067x\n",
            "id": GOOD_EVENT.replace("id: 2025-05-02-convoy", "id: 2025-05-02-convoy\u202d")}[where]
    lines = refused(run, make_corpus, tmp_path, previous_site, {EVENT: text})
    assert len(lines) == 1 and "a bidirectional control U+20" in lines[0]


def test_arabic_indic_digits_in_dates_and_numbers_are_read_as_digits(run, make_corpus, tmp_path):
    event = GOOD_EVENT.replace("start: 2025-05-02", "start: ٢٠٢٥-٠٥-٠٢") + "quantities: [{count: ٢٠٠, unit: truck}]\n"
    make_corpus({EVENT: event})
    assert run("build")[0] == 0
    page = (tmp_path / "site/events/2025-05-02-convoy/index.html").read_text(encoding="utf-8")
    assert "2 أيار 2025" in page and "200 شاحنة" in page


def test_presentation_forms_in_a_source_still_match_plain_quotes(run, make_corpus, tmp_path):
    # U+FEFB is the lam-alef ligature 'ﻻ'; NFKC reads it as 'لا', and the stored text keeps it.
    make_corpus({f"sources/{SOURCE_ID}.txt": SOURCE_TEXT + "قال مصدر \ufefb تعليق\n",
                 EVENT: GOOD_EVENT.replace('quote: "توجه نحو 200 شاحنة"', 'quote: "قال مصدر لا تعليق"')})
    assert run("build")[0] == 0
    assert "\ufefb" in (tmp_path / f"site/sources/{SOURCE_ID}/index.html").read_text(encoding="utf-8")


MARKUP = {
    "script": ("<script>alert(1)</script>", "raw HTML '<script>'"),
    "event-handler": ("<img src=x onerror=alert(1)>", "raw HTML '<img src=x onerror=alert(1)>'"),
    "javascript-link": ("[انقر](javascript:alert(1))", "link with a 'javascript:' address"),
    "iframe": ("<iframe src=https://example.org></iframe>", "raw HTML '<iframe src=https://example.org>'"),
    "style": ("<style>body{display:none}</style>", "raw HTML '<style>'"),
    "cdata": ("<![CDATA[x]]>", "raw HTML '<![CDATA[x]]>'"),
    "processing-instruction": ("<?php system('id'); ?>", "raw HTML '<?php system('id'); ?>'"),
    "reference-link": ("[x][y]\n\n[y]: data:text/html,1", "link with a 'data:' address"),
}


@pytest.mark.parametrize("markup, message", MARKUP.values(), ids=MARKUP.keys())
def test_markup_in_a_summary_is_refused_at_its_line(run, make_corpus, tmp_path, previous_site, markup, message):
    block = "summary: |\n  سطر أول.\n  " + markup.replace("\n", "\n  ") + "\n"
    lines = refused(run, make_corpus, tmp_path, previous_site, {EVENT: GOOD_EVENT.replace("summary: ملخص.\n", block)})
    line = 7 + markup.count("\n")  # the block starts on line 6; the markup follows one line of prose
    assert lines[0].startswith(f"content/{EVENT}:{line}:") and message in lines[0], lines


def test_markup_in_base_notes_and_pages_is_refused(run, make_corpus, tmp_path, previous_site):
    base = "id: qasrak\nname: {ar: قسرك}\nkind: base\ngovernorate: {ar: الحسكة}\nnotes: 'انظر <a href=x>هنا</a>'\n"
    lines = refused(run, make_corpus, tmp_path, previous_site,
                    {"bases/qasrak.yaml": base, "pages/about.md": "# عن\n\nنص\n<script>x</script>\n"})
    assert "content/bases/qasrak.yaml:5:14: error: raw HTML '<a href=x>' is not allowed in Markdown" in lines
    assert "content/pages/about.md:4:1: error: raw HTML '<script>' is not allowed in Markdown" in lines


@pytest.mark.parametrize("markup", [m for m, _ in MARKUP.values()] + ["<svg><script>1</script></svg>", "<a href='x' onclick='y'>z</a>"])
def test_sanitiser_removes_what_would_slip_through(markup):
    html = str(render_markdown(markup)).lower()
    for bad in ("<script", "javascript:", "onerror", "onclick", "<iframe", "<style", "data:text", "<?php"):
        assert bad not in html


def test_interrupted_build_keeps_previous_site(run, make_corpus, tmp_path, previous_site, monkeypatch):
    calls = {"n": 0}
    real = Path.write_bytes

    def interrupted(self, data):
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run("build")
    assert tree(tmp_path / "site") == previous_site
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
