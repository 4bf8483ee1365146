"""Every diagnostic code is listed once (builder/common/codes.py), printed with its diagnostic, and has a
failing input here that produces it, through the command a user would run."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from builder.common.codes import CODES
from builder.common.diagnostics import BriefingError, Diagnostic

BUILDER = Path(__file__).resolve().parent.parent / "builder"
CODE = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
# The calls that take a code, and where: Diagnostics.error(mark, code, …), Fields.error(mark, code, …),
# Walker.refuse(path, code, …), _Refused(mark, code, …), Diagnostic(path, line, column, code, …),
# BriefingError.at(path, line, column, code, …), BriefingError.anywhere(code, …).
POSITION = {"error": 1, "warn": 1, "refuse": 1, "_Refused": 1, "Diagnostic": 3, "at": 3, "anywhere": 0}


def _codes_in_source() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(BUILDER.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            index = POSITION.get(name)
            if index is None or len(node.args) <= index:
                continue
            arg = node.args[index]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and CODE.fullmatch(arg.value):
                found.setdefault(arg.value, []).append(f"{path.relative_to(BUILDER.parent)}:{node.lineno}")
    return found


def test_every_code_the_builder_uses_is_listed_and_every_listed_code_is_used():
    used = _codes_in_source()
    assert sorted(set(used) - set(CODES)) == []
    assert sorted(set(CODES) - set(used)) == []
    assert all(CODES[code].strip() for code in CODES)


def test_a_code_that_is_not_listed_is_a_builder_bug():
    with pytest.raises(ValueError, match="not listed"):
        Diagnostic("a.yaml", 1, 1, "no-such-code", "message")


def test_every_diagnostic_prints_its_code_and_a_problem_without_a_file_starts_at_error():
    placed = BriefingError.at("content/events/2025/x.yaml", 6, 14, "unknown-base", "unknown base 'konico'",
                              "did you mean 'conoco'?")
    assert placed.report() == ("content/events/2025/x.yaml:6:14: error: unknown base 'konico' [unknown-base]\n"
                               "    hint: did you mean 'conoco'?\n1 error; nothing was written.")
    loose = BriefingError.anywhere("search", "Pagefind is not installed", "run `make site`")
    assert loose.report().splitlines()[0] == "error: Pagefind is not installed [search]"


@pytest.mark.parametrize(("line", "column", "where"), [
    (6, 14, "content/bases/x.yaml:6:14: "),  # a value in a file
    (6, 0, "content/bases/x.yaml:6: "),  # a line (of a source's text) whose column is not known
    (0, 0, "content/bases/x.yaml: "),  # a file or folder as a whole: no `:0:0`
    (0, 5, "content/bases/x.yaml: "),  # a column without its line means nothing
])
def test_a_position_prints_as_far_as_it_is_known(line, column, where):
    for severity in ("error", "warning"):
        shown = Diagnostic("content/bases/x.yaml", line, column, "layout", "unexpected file", severity=severity).format()
        assert shown == f"{where}{severity}: unexpected file [layout]"


def test_a_report_counts_errors_and_warnings_apart():
    warned = Diagnostic("b.yaml", 5, 17, "location-outside", "far away", "swap them", "warning")
    failed = BriefingError([Diagnostic("a.yaml", 2, 7, "bad-value", "not allowed"), warned])
    assert failed.report().splitlines() == ["a.yaml:2:7: error: not allowed [bad-value]",
                                            "b.yaml:5:17: warning: far away [location-outside]", "    hint: swap them",
                                            "1 error, 1 warning; nothing was written."]
    assert not failed.diagnostics.warnings[0].severity == "error" and len(failed.diagnostics) == 1
    with pytest.raises(ValueError, match="severity"):
        Diagnostic("a.yaml", 1, 1, "layout", "x", severity="note")


# --- a failing input for every code, through the command a user would run ------------------------------

from conftest import SOURCE_ID, VALID  # noqa: E402

EVENT = "events/2025/2025-05-02-convoy.yaml"
SOURCE_META = f"sources/{SOURCE_ID}.yaml"
SOURCE_TEXT = f"sources/{SOURCE_ID}.txt"
GOOD = VALID[EVENT].rstrip(" ")  # the event as its lines are indented, to append lines to


def _event(old: str, new: str) -> dict[str, str]:
    assert old in VALID[EVENT]
    return {EVENT: VALID[EVENT].replace(old, new)}


def _other_event(name: str, extra: str = "", year: str = "2025", date: str = "2025-05-03") -> dict[str, str]:
    return {f"events/{year}/{name}.yaml": f"""\
        id: {name}
        date: {{start: {date}, precision: day}}
        type: statement
        title: حدث آخر
        summary: ملخص.
        citations: [{{source: {SOURCE_ID}, quote: "توجه نحو 200 شاحنة"}}]
        credibility: 3
        {extra}
        """}


TITLE = "title: نحو 200 شاحنة تغادر حقل كونيكو"
CORPUS_CASES = {
    "layout": {"bases/notes.yml": "id: notes\n"},
    "source-pair": {"sources/lonely-2025.txt": "نص بلا بيانات\n"},
    "source-original": {f"sources/{SOURCE_ID}.html": "<!DOCTYPE html><html><body><p>صفحة</p></body></html>\n"},
    "text-size": {SOURCE_TEXT: "ا" * (1024 * 1024 + 10)},
    "text-encoding": {SOURCE_TEXT: "قاعدة".encode("cp1256")},
    "text-control": {SOURCE_TEXT: VALID[SOURCE_TEXT].replace("واشنطن", "واشن\u0007طن")},
    "yaml-size": _event(TITLE, "title: " + "ط" * 140_000),
    "yaml-syntax": _event(TITLE, "title: عاجل: قافلة"),
    "yaml-empty": {EVENT: "# مسودة\n"},
    "yaml-top-level": {EVENT: "- id: x\n"},
    "yaml-documents": {EVENT: GOOD + "        ---\n        id: y\n"},
    "yaml-depth": {EVENT: "a: " + "[" * 40 + "]" * 40 + "\n"},
    "yaml-alias": _event(TITLE, "title: *t"),
    "yaml-anchor": _event(TITLE, "title: &t عنوان"),
    "yaml-tag": _event(TITLE, "title: !!str عنوان"),
    "yaml-key": {EVENT: GOOD + "        [a, b]: c\n"},
    "yaml-merge": {EVENT: GOOD + "        extra:\n          <<: {a: 1}\n"},
    "yaml-duplicate-key": {EVENT: GOOD + "        title: آخر\n"},
    "unknown-field": {EVENT: GOOD + "        sumary: x\n"},
    "missing-field": _event("        " + TITLE + "\n", ""),
    "wrong-type": _event(TITLE, "title: [قافلة, شاحنات]"),
    "bad-number": _event("{count: 200, unit: truck}", "{count: many, unit: truck}"),
    "out-of-range": {"bases/qasrak.yaml": VALID["bases/qasrak.yaml"].replace("lat: 36.62", "lat: 136.62")},
    "date-order": _event("{start: 2025-05-02, precision: day}", "{start: 2025-05-02, end: 2025-05-01, precision: day}"),
    "bad-url": {SOURCE_META: VALID[SOURCE_META].replace("https://example.org/article", "ftp://example.org/article")},
    "too-long": _event(TITLE, "title: " + "ط" * 400),
    "multi-line": _event(TITLE, "title: |\n          سطر أول\n          سطر ثان"),
    "markdown": _event("**نحو 200 شاحنة**", "<b>نحو 200 شاحنة</b>"),
    "bad-id": {"bases/qasrak.yaml": VALID["bases/qasrak.yaml"].replace("id: qasrak", "id: Qasrak Base")},
    "id-mismatch": {"bases/qasrak.yaml": VALID["bases/qasrak.yaml"].replace("id: qasrak", "id: qasrak-base")},
    "duplicate-id": _other_event("2025-05-02-convoy", year="2026", date="2026-01-01"),
    "event-year": _other_event("2025-05-03-other", year="2024"),
    "page-title": {"pages/about.md": "نص بلا عنوان.\n"},
    "unknown-source": _event(f"source: {SOURCE_ID}, quote", "source: alarab-2025-05-30, quote"),
    "duplicate-base": _event("{id: qasrak, effect: reinforced}", "{id: conoco, effect: reinforced}"),
    "alias-clash": {"bases/qasrak.yaml": VALID["bases/qasrak.yaml"].replace("name: {ar: قسرك", "aliases: [كونيكو]\n        name: {ar: قسرك")},
    "quote-not-found": _event("توجه نحو 200 شاحنة من حقلي الغاز", "توجه نحو 300 شاحنة من حقلي الغاز"),
    "quote-too-short": _event("توجه نحو 200 شاحنة من حقلي الغاز", "و"),
    "replaces-live-id": _other_event("2025-05-03-other", "replaces: [2025-05-02-convoy]"),
    "replaces-twice": {**_other_event("2025-05-03-other", "replaces: [2025-01-01-old]"),
                       **_other_event("2025-05-04-third", "replaces: [2025-01-01-old]", date="2025-05-04")},
}


@pytest.mark.parametrize("code", sorted(CORPUS_CASES))
def test_each_content_code_is_printed_at_a_position_by_check(run, make_corpus, code):
    make_corpus(CORPUS_CASES[code])
    status, _, err = run("check")
    assert status == 1
    placed = [line for line in err.splitlines() if line.endswith(f" [{code}]")]
    assert placed and all(re.match(r"content/\S+?(:\d+(:\d+)?)?: error: ", line) for line in placed), err


def _broken_theme(tmp_path: Path) -> list[str]:
    import shutil

    from builder.pipeline.build import THEME
    shutil.copytree(THEME, tmp_path / "theme")
    (tmp_path / "theme" / "home.html").write_text("{% if %}\n", encoding="utf-8")
    return ["build", "--no-search", "--templates", "theme"]


def _article(tmp_path: Path, text: str = "عنوان المقال عن القواعد\nالسبت 2025/05/03\n\nنص المقال.\n") -> str:
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    return "article.txt"


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


COMMAND_CASES = {
    "config-yaml": lambda tmp: (_write(tmp / "mkdocs.yml", "plugins: [\n"), ["build", "--no-search"])[1],
    "setting": lambda tmp: (_write(tmp / "mkdocs.yml", "plugins:\n  - briefing: {digits: roman}\n"), ["build", "--no-search"])[1],
    "template": _broken_theme,
    "publish": lambda tmp: ((tmp / "not-a-repo").mkdir(), ["publish", "--no-pdf", "--repo", "not-a-repo"])[1],
    "article-file": lambda tmp: ["add-source", "missing.txt", "--published", "2025-05-03"],
    "article-archived": lambda tmp: (_write(tmp / "again.txt", VALID[SOURCE_TEXT]), ["add-source", "again.txt"])[1],
    "article-date": lambda tmp: ["add-source", _article(tmp, "نص بلا تاريخ عن القواعد في الشرق.\n")],
    "file-exists": lambda tmp: ["add-source", _article(tmp), "--id", SOURCE_ID],
    "article-charset": lambda tmp: ((tmp / "page.html").write_bytes("<html><p>قاعدة</p></html>".encode("cp1256")),
                                    ["add-source", "page.html"])[1],
    "article-extract": lambda tmp: (_write(tmp / "page.html", "<!DOCTYPE html><html><body><nav></nav></body></html>"),
                                    ["add-source", "page.html"])[1],
    "article-warc": lambda tmp: ((tmp / "page.warc.gz").write_bytes(b"\x1f\x8bnot gzip"), ["add-source", "page.warc.gz"])[1],
}


@pytest.mark.parametrize("code", sorted(COMMAND_CASES))
def test_each_command_code_is_printed(run, make_corpus, tmp_path, code):
    make_corpus()
    status, _, err = run(*COMMAND_CASES[code](tmp_path))
    assert status == 1
    assert any(line.endswith(f" [{code}]") for line in err.splitlines()), err


def test_output_and_pdf_codes(monkeypatch, run, make_corpus):
    from builder.rendering.site_files import SiteFiles, safe_relative

    with pytest.raises(BriefingError) as unsafe:
        safe_relative("../outside")
    assert unsafe.value.report().startswith("error: unsafe output path '../outside' [output-path]")
    files = SiteFiles()
    files.add("a/index.html", b"1")
    with pytest.raises(BriefingError) as twice:
        files.add("a/index.html", b"2")
    assert twice.value.report().startswith("error: two pages would be written to a/index.html [output-clash]")
    from builder.pipeline import build

    monkeypatch.setattr(build, "print_layout", lambda templates: b"#let data = json(bytes(sys.inputs.brief))\n#data.nothing")
    make_corpus()
    status, _, err = run("build", "--no-search", pdf=True)
    assert status == 1 and "the PDF of briefs/2025-05/ could not be made: dictionary does not contain key \"nothing\"" in err, err
    assert err.rstrip().endswith("nothing was written.") and "[pdf]" in err and "Traceback" not in err, err


def test_every_listed_code_has_a_test_that_expects_it_printed():
    text = "\n".join(path.read_text(encoding="utf-8") for path in Path(__file__).parent.glob("test_*.py"))
    tested = {code for code in CODES if f"[{code}]" in text} | set(CORPUS_CASES) | set(COMMAND_CASES)
    assert sorted(set(CODES) - tested) == []
