"""Errors as data: every problem found in a corpus, with where it is and how to fix it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, NamedTuple

from builder.common.characters import printable
from builder.common.codes import CODES

NOTHING_WRITTEN = "nothing was written."  # what a failed command did to its output, by default
STRICT = "warnings fail under --strict; nothing was written."  # the outcome of a strict check with warnings only
SEVERITIES = ("error", "warning")  # an error stops a command; a warning is printed and the command goes on


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file, positioned as `path:line:column` (1-based; 0 when unknown).

    `severity` is "error" (the command fails) or "warning" (something is probably wrong, and the command
    goes on unless run with --strict)."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: str = "error"

    def __post_init__(self):
        if self.code not in CODES:  # a builder bug: every code is listed, and tested, in common/codes.py
            raise ValueError(f"diagnostic code {self.code!r} is not listed in builder/common/codes.py")
        if self.severity not in SEVERITIES:
            raise ValueError(f"diagnostic severity {self.severity!r} is not one of {SEVERITIES}")

    @property
    def where(self) -> str:
        """`path:line:col`, `path:line` or `path` (a folder, or a file as a whole), as far as it is known;
        empty for a problem that belongs to no file."""
        if not self.path:
            return ""
        line = f":{self.line}" if self.line else ""
        column = f":{self.column}" if self.line and self.column else ""
        return f"{printable(self.path)}{line}{column}"

    def format(self) -> str:
        """Render as `path:line:col: error: message [code]` (or `warning:`), then `    hint: …`, for terminals
        and CI logs.

        An unknown line or column is left out (`path: error: …`), and a problem that belongs to no file (a
        command-line option, the environment) starts at `error:`. Messages quote what editors wrote;
        control characters in them are shown as escapes (`\\x1b`), never sent to the terminal
        (characters.printable)."""
        where = f"{self.where}: " if self.path else ""
        text = f"{where}{self.severity}: {printable(self.message)} [{self.code}]"
        if self.hint:
            text += f"\n    hint: {printable(self.hint)}"
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
    """Collects problems across every file so a build reports them all at once.

    True when it holds an error: warnings alone never stop a command (see `warnings`)."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, mark: Mark, code: str, message: str, hint: str = "") -> None:
        """Record a problem at `mark`."""
        self.items.append(Diagnostic(mark.path, mark.line, mark.column, code, message, hint))

    def warn(self, mark: Mark, code: str, message: str, hint: str = "") -> None:
        """Record, at `mark`, something that is probably wrong but may be right: printed, never fatal
        unless the command runs with --strict."""
        self.items.append(Diagnostic(mark.path, mark.line, mark.column, code, message, hint, "warning"))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        """Take over problems found elsewhere."""
        self.items.extend(other)

    @property
    def errors(self) -> list[Diagnostic]:
        """The errors, in file, line and column order."""
        return [d for d in self.sorted() if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The warnings, in file, line and column order."""
        return [d for d in self.sorted() if d.severity == "warning"]

    def __bool__(self) -> bool:
        return any(d.severity == "error" for d in self.items)

    def __len__(self) -> int:
        return sum(d.severity == "error" for d in set(self.items))  # `errors`, without sorting them

    def sorted(self) -> list[Diagnostic]:
        """Return the problems in file, line and column order, without repeats."""
        return sorted(set(self.items))

    def report(self, outcome: str = NOTHING_WRITTEN) -> str:
        """Render every problem, then a one-line count (errors, then warnings when there are any) and what
        became of the output."""
        shown = self.sorted()
        lines = [d.format() for d in shown]
        lines.append(f"{summary(shown)}; {outcome}")
        return "\n".join(lines)



def counted(count: int, noun: str, plural: str = "") -> str:
    """`1 event`, `0 events`, `2 draft places`: a count and its English noun agreeing in number, for
    every message the tools print (the site's Arabic counted nouns are arabic/wording.py's)."""
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    """`2 errors`, `1 error, 3 warnings` or `0 errors, 1 warning`: the count a report ends with."""
    shown = list(diagnostics)
    errors = sum(d.severity == "error" for d in shown)
    warnings = len(shown) - errors
    return counted(errors, "error") + (f", {counted(warnings, 'warning')}" if warnings else "")


class BriefingError(Exception):
    """Everything a user can cause: a corpus, an output folder, a setting, the search index, a PDF, a
    publication, an article to add, stubs to suggest. It carries one or more Diagnostics; each host
    (the CLI, the MkDocs plugin) catches this one type and prints `report()`, so every failure reads
    `path:line:col: error: message [code]` with its hint, whichever stage it came from. The
    subclasses only say which stage, for callers that care; each code is listed in common/codes.py.
    Raised before anything is written, or with the previous output restored: `outcome` says which."""

    def __init__(self, diagnostics: Diagnostics | Iterable[Diagnostic], outcome: str = NOTHING_WRITTEN):
        self.diagnostics = diagnostics if isinstance(diagnostics, Diagnostics) else Diagnostics(list(diagnostics))
        self.outcome = outcome
        super().__init__(self.report())

    def __reduce__(self):
        # How a worker's error crosses to the parent process (builder/common/workers.py): rebuilt from its
        # diagnostics. Exception's default would call __init__ with the report text as the diagnostics.
        return type(self), (self.diagnostics, self.outcome)

    @classmethod
    def at(cls, path: str | Path, line: int, column: int, code: str, message: str, hint: str = "",
           outcome: str = NOTHING_WRITTEN) -> "BriefingError":
        """One problem at `path:line:column` (a Path is shown as the editor would type it)."""
        shown = display_path(path) if isinstance(path, Path) else path
        return cls([Diagnostic(shown, line, column, code, message, hint)], outcome)

    @classmethod
    def anywhere(cls, code: str, message: str, hint: str = "", outcome: str = NOTHING_WRITTEN) -> "BriefingError":
        """One problem that belongs to no file: a command-line option, the environment, a missing tool."""
        return cls([Diagnostic("", 0, 0, code, message, hint)], outcome)

    def report(self) -> str:
        """Every problem, one after the other, then how many and what became of the output."""
        return self.diagnostics.report(self.outcome)


class BuildFailed(BriefingError):
    """The corpus has problems; raised once, with all of them, before anything is written."""


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
