"""Turn parsed YAML nodes into model records, checking every field rule of the content model."""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable, TypeVar
from urllib.parse import urlsplit

from builder.common import model as m
from builder.prose import rules as prose
from builder.arabic.normalise import ascii_digits
from builder.common.diagnostics import Diagnostics, Mark, counted, did_you_mean
from builder.reading.files import position
from builder.reading.strict_yaml import Mapping, Node, Scalar, Sequence

T = TypeVar("T")

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID = 120
MAX_TITLE = 300
MAX_SHORT = 200
_DATE_FORMS = {
    "year": (re.compile(r"(\d{4})"), "YYYY"),
    "month": (re.compile(r"(\d{4})-(\d{2})"), "YYYY-MM"),
    "week": (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "YYYY-MM-DD"),
    "day": (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "YYYY-MM-DD"),
}


def parse_date(text: str, forms: tuple[str, ...] = ("day", "month")) -> m.PartialDate | None:
    """A date written in one of `forms` (keys of _DATE_FORMS: YYYY-MM-DD, YYYY-MM, YYYY), Arabic-Indic
    digits accepted; None when the text has none of those shapes. ValueError when it has one but names
    no calendar day (2025-02-30)."""
    text = ascii_digits(text.strip())
    for form in forms:
        found = _DATE_FORMS[form][0].fullmatch(text)
        if found:
            parts = [int(p) for p in found.groups()] + [1] * (3 - len(found.groups()))
            return m.PartialDate(dt.date(*parts), form)
    return None


def _describe(node: Node) -> str:
    return {Scalar: "text", Mapping: "a mapping", Sequence: "a list"}[type(node)]


def _inside(value: Scalar, offset: int) -> Mark:
    """The file position of a character of a scalar's value."""
    line, column = position(value.value, offset)
    mark = value.mark
    if value.block_indent:
        return Mark(mark.path, mark.line + 1 + line, value.block_indent + column + 1)
    if line == 0:
        return Mark(mark.path, mark.line, mark.column + column + (0 if value.plain else 1))
    return Mark(mark.path, mark.line + line, column + 1)


class Fields:
    """Reads typed fields from one mapping, recording every problem instead of stopping."""

    def __init__(self, node: Mapping, diagnostics: Diagnostics, known: tuple[str, ...]):
        self.node, self.diagnostics = node, diagnostics
        for key, mark in node.keys.items():
            if key not in known:
                hint = did_you_mean(key, known) or f"known fields: {', '.join(known)}"
                diagnostics.error(mark, "unknown-field", f"unknown field '{key}'", hint)

    def error(self, mark: Mark, code: str, message: str, hint: str = "") -> None:
        """Record one problem at `mark`; reading goes on, so a file's problems are all reported together."""
        self.diagnostics.error(mark, code, message, hint)

    def mark(self, key: str) -> Mark:
        """Where a field's value is, or where the mapping starts when the field is missing."""
        value = self.node.items.get(key)
        return value.mark if value is not None else self.node.mark

    def get(self, key: str, required: bool) -> Node | None:
        """The field's node, None when it is absent or null (reported as missing-field when `required`)."""
        value = self.node.items.get(key)
        if value is None or (isinstance(value, Scalar) and value.is_null):
            if required:
                self.error(self.node.keys.get(key, self.node.mark), "missing-field",
                           f"missing required field '{key}'", f"add `{key}: …`")
            return None
        return value

    def scalar(self, key: str, required: bool = True) -> Scalar | None:
        """The field as a scalar node; None when absent (reported when `required`) or when it is a
        mapping or list (reported as wrong-type)."""
        value = self.get(key, required)
        if value is None:
            return None
        if not isinstance(value, Scalar):
            self.error(value.mark, "wrong-type", f"'{key}' must be text, not {_describe(value)}",
                       "write a single value on the same line")
            return None
        return value

    def text(self, key: str, required: bool = True, limit: int = MAX_SHORT, one_line: bool = True) -> str:
        """The field as stripped text, at most `limit` characters and, when `one_line`, one line; '' when
        absent. Problems (multi-line, too-long, empty) are reported, and the text is returned all the same."""
        value = self.scalar(key, required)
        if value is None:
            return ""
        text = value.value.strip()
        if one_line and "\n" in text:
            self.error(value.mark, "multi-line", f"'{key}' must be one line", "join the lines")
        if len(text) > limit:
            self.error(value.mark, "too-long", f"'{key}' is {counted(len(text), 'character')}, over the limit of {limit}",
                       "shorten it; put detail in the summary")
        if required and not text:
            self.error(value.mark, "missing-field", f"'{key}' is empty", f"write the {key}")
        return text

    def markdown(self, key: str, required: bool = True, limit: int = 20_000) -> str:
        """Markdown prose; raw HTML and unsafe links are reported where they stand."""
        text = self.text(key, required=required, limit=limit, one_line=False)
        value = self.node.items.get(key)
        if isinstance(value, Scalar):
            for problem in prose.problems(value.value):
                self.error(_inside(value, problem.offset), "markdown", problem.message, problem.hint)
        return text

    def choice(self, key: str, choices: tuple[str, ...], required: bool = True, default: str = "") -> str:
        """The field's value when it is one of `choices`; else `default`, with a bad-value or missing-field
        problem whose hint names the nearest choice."""
        value = self.scalar(key, required)
        if value is None:
            return default
        if value.value not in choices:
            hint = did_you_mean(value.value, choices) or f"use one of: {', '.join(choices)}"
            self.error(value.mark, "bad-value", f"'{key}' is '{value.value}', not one of the allowed values", hint)
            return default
        return value.value

    def mapping(self, key: str, required: bool = True) -> Mapping | None:
        """The field as a mapping node, None when absent (reported when `required`) or not a mapping."""
        value = self.get(key, required)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self.error(value.mark, "wrong-type", f"'{key}' must be a mapping, not {_describe(value)}",
                       f"write `{key}: {{…: …}}`")
            return None
        return value

    def sequence(self, key: str, required: bool = False) -> tuple[Node, ...]:
        """The field's items, () when absent or not a list; a required list must have an item."""
        value = self.get(key, required)
        if value is None:
            return ()
        if not isinstance(value, Sequence):
            self.error(value.mark, "wrong-type", f"'{key}' must be a list, not {_describe(value)}",
                       f"write `{key}: [ … ]` or one `- item` per line")
            return ()
        if required and not value.items:
            self.error(value.mark, "missing-field", f"'{key}' needs at least one item", f"add an item to '{key}'")
        return value.items

    def records(self, key: str, known: tuple[str, ...], read: Callable[["Fields"], T], required: bool = False) -> tuple[T, ...]:
        """Read a list of mappings, each with its own fields."""
        out = []
        for item in self.sequence(key, required):
            if not isinstance(item, Mapping):
                self.error(item.mark, "wrong-type", f"each item of '{key}' must be a mapping, not {_describe(item)}",
                           f"write `- {{{known[0]}: …}}`")
                continue
            record = read(Fields(item, self.diagnostics, known))
            if record is not None:
                out.append(record)
        return tuple(out)

    def strings(self, key: str, limit: int = MAX_SHORT) -> tuple[str, ...]:
        """The text items of a list field, each stripped and at most `limit` characters."""
        return tuple(text for text, _ in self.marked_strings(key, limit))

    def marked_strings(self, key: str, limit: int = MAX_SHORT) -> list[tuple[str, Mark]]:
        """Text items of a list, each with where it was written."""
        out = []
        for item in self.sequence(key):
            if not isinstance(item, Scalar) or item.is_null:
                self.error(item.mark, "wrong-type", f"each item of '{key}' must be text", "write one name per item")
            elif len(item.value) > limit:
                self.error(item.mark, "too-long", f"an item of '{key}' is over {limit} characters", "shorten it")
            else:
                out.append((item.value.strip(), item.mark))
        return out

    def names(self, key: str, required: bool = True) -> m.Names:
        """A `{ar: …, en: …}` pair of names (ar required, en optional); empty names when the field is absent."""
        node = self.mapping(key, required)
        if node is None:
            return m.Names("")
        inner = Fields(node, self.diagnostics, ("ar", "en"))
        return m.Names(inner.text("ar"), inner.text("en", required=False))

    def identifier(self, stem: str) -> str:
        """The record's `id`: lowercase ASCII words joined by hyphens (ID), at most MAX_ID characters,
        and equal to the file name `stem`; `stem` itself when no id is written. Problems are reported."""
        value = self.scalar("id")
        if value is None:
            return stem
        ident = value.value
        if len(ident) > MAX_ID or not ID.fullmatch(ident):
            self.error(value.mark, "bad-id", f"id '{ident}' is not lowercase ASCII words joined by hyphens",
                       "use only a-z, 0-9 and single hyphens, e.g. `2025-05-02-convoy-leaves-omar`")
        elif ident != stem:
            self.error(value.mark, "id-mismatch", f"id '{ident}' differs from the file name '{stem}'",
                       f"rename the file to '{ident}' or set `id: {stem}`")
        return ident

    def partial_date(self, key: str, precision: str | None = None, required: bool = True,
                     allowed: tuple[str, ...] = ("day", "month")) -> m.PartialDate | None:
        """A date as YYYY-MM-DD, YYYY-MM or YYYY; with `precision` given the form must match it."""
        value = self.scalar(key, required)
        if value is None:
            return None
        text = ascii_digits(value.value.strip())
        try:
            date = parse_date(text, (precision,) if precision else allowed)
        except ValueError:
            self.error(value.mark, "bad-date", f"'{key}' is {text}, which is not a calendar date",
                       "check the month and the day")
            return None
        if date is not None and not m.FIRST_YEAR <= date.value.year <= m.LAST_YEAR:
            self.error(value.mark, "bad-date", f"'{key}' is {text}, outside the years {m.FIRST_YEAR} … {m.LAST_YEAR}",
                       "check the year")
            return None
        if date is not None:
            return date
        if precision:
            shape = _DATE_FORMS[precision][1]
            self.error(value.mark, "bad-date", f"'{key}' is '{text}', but a {precision}-precision date is written {shape}",
                       f"write {shape}, or change `precision` to match the date")
        else:
            shapes = " or ".join(_DATE_FORMS[f][1] for f in allowed)
            self.error(value.mark, "bad-date", f"'{key}' is '{text}', not an ISO date ({shapes})",
                       "write e.g. 2025-05-03; times and other formats are not accepted")
        return None

    def url(self, key: str) -> str:
        """An http or https address without white space; '' when absent or refused (bad-url)."""
        value = self.scalar(key, required=False)
        if value is None:
            return ""
        url = value.value.strip()
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or re.search(r"\s", url):
            self.error(value.mark, "bad-url", f"'{key}' must be an http or https address, not '{url[:80]}'",
                       "paste the article's web address, starting with https://")
            return ""
        return url

    def number(self, key: str, low: float, high: float) -> float | None:
        """A decimal number (Arabic-Indic digits accepted) within [low, high]; None with a problem otherwise."""
        value = self.scalar(key)
        if value is None:
            return None
        try:
            number = float(ascii_digits(value.value))
        except ValueError:
            self.error(value.mark, "bad-number", f"'{key}' is '{value.value}', not a number", "write e.g. 36.97")
            return None
        if not low <= number <= high:
            self.error(value.mark, "out-of-range", f"'{key}' is {number}, outside {low} … {high}",
                       "check the coordinate; latitude comes first")
            return None
        return number

    def count(self, key: str) -> int | None:
        """A whole number of things, 0 or more (Arabic-Indic digits accepted); None with a problem otherwise."""
        value = self.scalar(key)
        if value is None:
            return None
        text = ascii_digits(value.value.strip())
        if not text.isdigit():
            self.error(value.mark, "bad-number", f"'{key}' is '{value.value}', not a whole number", "write e.g. 200")
            return None
        return int(text)
