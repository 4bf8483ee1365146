"""Shared helpers: write a corpus from a dict of files, run the CLI, read a built page."""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests are fuzzing with a fixed budget: the same examples every run, so CI is deterministic.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("ci")

from builder.hosts.cli import main


@pytest.fixture(autouse=True, scope="session")
def _record_cache(tmp_path_factory):
    """Parsed records are cached by content; the suite keeps its cache to itself, never ~/.cache."""
    os.environ["BRIEFING_CACHE"] = str(tmp_path_factory.mktemp("record-cache"))

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE_ID = "alarab-2025-05-03"
SOURCE_TEXT = """واشنطن تعيد رسم خريطتها العسكرية بشرق سوريا
السبت 2025/05/03

وأكدت مصادر محلية، توجه نحو 200 شاحنة من حقلي الغاز "كونيكو" و"العمر" في محافظة الدير الزور.

وانسحبت هذه المراكب باتجاه قواعد أميركية تقع في منطقتي "قسرك" و"الشدادي" بريف الحسكة.
"""

# A small valid corpus; tests replace or add one file to make the case they are about.
VALID = {
    f"sources/{SOURCE_ID}.txt": SOURCE_TEXT,
    f"sources/{SOURCE_ID}.yaml": f"""\
        id: {SOURCE_ID}
        outlet: {{ar: صحيفة العرب, en: Al-Arab}}
        title: واشنطن تعيد رسم خريطتها العسكرية بشرق سوريا
        published: 2025-05-03
        url: https://example.org/article
        language: ar
        reliability: C
        """,
    "bases/conoco.yaml": """\
        id: conoco
        name: {ar: حقل كونيكو, en: Conoco gas field}
        aliases: [كونيكو, القرية الخضراء]
        kind: gas-field
        governorate: {ar: دير الزور, en: Deir ez-Zor}
        location: {lat: 35.37, lon: 40.28, precision: approximate}
        """,
    "bases/qasrak.yaml": """\
        id: qasrak
        name: {ar: قسرك, en: Qasrak}
        kind: base
        governorate: {ar: الحسكة, en: Hasakah}
        location: {lat: 36.62, lon: 40.73, precision: approximate}
        """,
    "events/2025/2025-05-02-convoy.yaml": f"""\
        id: 2025-05-02-convoy
        date: {{start: 2025-05-02, precision: day}}
        type: withdrawal
        title: نحو 200 شاحنة تغادر حقل كونيكو
        summary: أكدت مصادر محلية توجه **نحو 200 شاحنة** إلى الحسكة.
        bases:
          - {{id: conoco, effect: reduced}}
          - {{id: qasrak, effect: reinforced}}
        quantities:
          - {{count: 200, unit: truck}}
        citations:
          - {{source: {SOURCE_ID}, quote: "توجه نحو 200 شاحنة من حقلي الغاز", stance: supports}}
        credibility: 2
        """,
}


def write_corpus(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write VALID overlaid with `files` (None deletes a file) under root/content; return that folder."""
    content = root / "content"
    merged = {**VALID, **files}
    for rel, body in merged.items():
        if body is None:
            continue
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(textwrap.dedent(body), encoding="utf-8")
    return content


@pytest.fixture
def make_corpus(tmp_path):
    return lambda files=None: write_corpus(tmp_path, files or {})


@pytest.fixture
def run(capsys, monkeypatch, tmp_path):
    """Run `briefing ARGS…` from tmp_path; return (exit code, stdout, stderr).

    Builds skip the PDF briefs (the slowest part of a build) unless called with pdf=True;
    test_pdf.py is where PDFs are checked.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")

    def _run(*args: str, pdf: bool = False):
        if args[:1] == ("build",) and not pdf:
            args = (*args, "--no-pdf")
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


def errors_of(stderr: str) -> list[str]:
    """The `path:line:col: error: …` lines of a report, without hints and without the code each ends
    with (tests/test_codes.py checks the codes)."""
    return [re.sub(r" \[[a-z0-9-]+\]$", "", line) for line in stderr.splitlines() if ": error: " in line]


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root, by relative path, for byte-for-byte comparisons of sites."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
