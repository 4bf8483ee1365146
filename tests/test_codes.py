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
POSITION = {"error": 1, "refuse": 1, "_Refused": 1, "Diagnostic": 3, "at": 3, "anywhere": 0}


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
