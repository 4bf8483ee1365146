"""Errors as data: every problem found in a corpus, with where it is and how to fix it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, NamedTuple


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file, positioned as `path:line:column` (1-based; 0 when unknown)."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""

    def format(self) -> str:
        """Render as `path:line:col: error: message (hint)` for terminals and CI logs."""
        text = f"{self.path}:{self.line}:{self.column}: error: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class Mark(NamedTuple):
    """Where a value starts in its file (1-based line and column).

    A NamedTuple rather than a frozen dataclass: the loader makes one per YAML value, and a frozen
    dataclass costs far more to construct.
    """

    path: str
    line: int = 0
    column: int = 0


@dataclass
class Diagnostics:
    """Collects problems across every file so a build reports them all at once."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, mark: Mark, code: str, message: str, hint: str = "") -> None:
        """Record a problem at `mark`."""
        self.items.append(Diagnostic(mark.path, mark.line, mark.column, code, message, hint))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        """Take over problems found elsewhere."""
        self.items.extend(other)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Diagnostic]:
        """Return the problems in file, line and column order, without repeats."""
        return sorted(set(self.items))

    def report(self) -> str:
        """Render every problem, then a one-line count."""
        lines = [d.format() for d in self.sorted()]
        count = len(lines)
        lines.append(f"{count} error{'s' if count != 1 else ''}; nothing was written.")
        return "\n".join(lines)


class BuildFailed(Exception):
    """Raised once, before anything is written, when a corpus has problems."""

    def __init__(self, diagnostics: Diagnostics):
        super().__init__(diagnostics.report())
        self.diagnostics = diagnostics


def display_path(path: Path) -> str:
    """Show a path as the editor typed it: relative to the working directory when inside it."""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.absolute().as_posix()


def _likeness(a: str, b: str) -> float:
    # SequenceMatcher is not symmetric ('konico' vs 'conoco' scores 0.33 one way, 0.67 the other).
    return max(difflib.SequenceMatcher(None, a, b).ratio(), difflib.SequenceMatcher(None, b, a).ratio())


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Suggest the closest known spelling, or nothing when none is close."""
    scored = sorted((-_likeness(word, choice), choice) for choice in choices)
    if scored and -scored[0][0] >= 0.6:
        return f"did you mean '{scored[0][1]}'?"
    return ""
