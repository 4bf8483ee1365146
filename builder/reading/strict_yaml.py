"""A strict, safe YAML reader: plain data with a position on every value, and nothing clever.

It composes nodes itself from the parser's event stream, so it can refuse what editors never
need and attackers love (tags, anchors, aliases, merge keys, several documents, deep nesting,
duplicate keys) and keep every scalar a string until the schema converts it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple, Union

import yaml

from builder.common import characters
from builder.common.diagnostics import Diagnostics, Mark

# libyaml's parser is the faster; both give the same events and marks.
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 32
MAX_YAML_BYTES = 256 * 1024


class Scalar(NamedTuple):
    """A scalar, kept exactly as written; `plain` is False when it was quoted or a block."""

    value: str
    mark: Mark
    plain: bool = True
    block_indent: int = 0  # for `|` and `>` blocks: the content's indentation, to position its lines

    @property
    def is_null(self) -> bool:
        """True for an empty plain value, `~` or `null`, which YAML means as 'nothing'."""
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


class Mapping(NamedTuple):
    """A mapping with string keys in file order; `keys` holds where each key was written."""

    items: dict[str, "Node"]
    keys: dict[str, Mark]
    mark: Mark


class Sequence(NamedTuple):
    """A list of nodes in file order."""

    items: tuple["Node", ...]
    mark: Mark


Node = Union[Scalar, Mapping, Sequence]  # NamedTuples: the loader makes hundreds of thousands

# Keyed by a fragment of the parser's message; libyaml and the pure-Python parser word them differently.
_HINTS = {
    "tab": "indent with spaces; YAML does not allow tabs",
    "mapping values are not allowed": "a value containing ': ' must be quoted, e.g. title: \"…: …\"",
    "unknown escape character": "inside double quotes a backslash starts an escape; use single quotes",
    "could not find expected ':'": "each line of a mapping is `key: value`; check the indentation",
}


class _Refused(Exception):
    def __init__(self, mark: Mark, code: str, message: str, hint: str = ""):
        super().__init__(message)
        self.mark, self.code, self.message, self.hint = mark, code, message, hint


def _mark(path: str, event) -> Mark:
    m = event.start_mark
    return Mark(path, m.line + 1, m.column + 1)


_Scalar, _SequenceStart, _SequenceEnd = yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MappingEnd, _Alias = yaml.MappingEndEvent, yaml.AliasEvent


class _Composer:
    """Builds nodes from parser events, refusing every feature the content model does not use.

    It runs once per value of every file, the innermost loop of a check, so it asks the
    parser for events directly and tells them apart by their exact type."""

    def __init__(self, path: str, parser, text: str):
        self.path = path
        self.next = parser.get_event
        self.text = text
        self.lines: list[str] | None = None  # split when a `|` or `>` block needs its indentation

    def document(self) -> Node | None:
        event = self.next()
        assert isinstance(event, yaml.StreamStartEvent)
        event = self.next()
        if isinstance(event, yaml.StreamEndEvent):
            return None
        root = self.node(self.next(), 1)
        self.next()  # DocumentEnd
        event = self.next()
        if isinstance(event, yaml.DocumentStartEvent):
            raise _Refused(_mark(self.path, event), "yaml-documents", "several YAML documents in one file",
                           "keep one document per file; remove the `---` separator")
        return root

    def node(self, event, depth: int) -> Node:
        start = event.start_mark
        mark = Mark(self.path, start.line + 1, start.column + 1)
        kind = type(event)
        if depth > MAX_DEPTH:
            raise _Refused(mark, "yaml-depth", f"nesting deeper than {MAX_DEPTH} levels",
                           "content files are shallow; flatten this value")
        if kind is _Alias:
            raise _Refused(mark, "yaml-alias", f"alias '*{event.anchor}' is not allowed",
                           "write the value out in full; anchors and aliases are refused")
        if event.anchor is not None:
            raise _Refused(mark, "yaml-anchor", f"anchor '&{event.anchor}' is not allowed",
                           "write the value out in full; anchors and aliases are refused")
        tag = event.tag
        if tag is not None and tag != "!":
            raise _Refused(mark, "yaml-tag", f"tag '{tag}' is not allowed",
                           "remove the tag; values are plain text, lists and mappings")
        if kind is _Scalar:
            style = event.style
            if style == "|" or style == ">":
                return Scalar(event.value, mark, plain=False, block_indent=self.block_indent(start.line))
            if style == '"':  # the only style with escapes; every other value is text the file reader vetted
                return Scalar(_unescaped(event.value, mark), mark, False)
            return Scalar(event.value, mark, not style)
        if kind is _SequenceStart:
            items = []
            following = self.next
            while type(event := following()) is not _SequenceEnd:
                items.append(self.node(event, depth + 1))
            return Sequence(tuple(items), mark)
        return self.mapping(mark, depth)

    def block_indent(self, indicator_line: int) -> int:
        if self.lines is None:
            self.lines = self.text.split("\n")
        for line in self.lines[indicator_line + 1:]:
            if line.strip():
                return len(line) - len(line.lstrip(" "))
        return 0

    def mapping(self, mark: Mark, depth: int) -> Mapping:
        items: dict[str, Node] = {}
        keys: dict[str, Mark] = {}
        following = self.next
        while type(event := following()) is not _MappingEnd:
            key = self.node(event, depth + 1)
            if type(key) is not Scalar:
                raise _Refused(key.mark, "yaml-key", "a key must be plain text",
                               "write keys as simple words, e.g. `title:`")
            value = key.value
            if value == "<<" and key.plain:
                raise _Refused(key.mark, "yaml-merge", "merge keys (`<<`) are not allowed",
                               "write the fields out in full")
            if value in items:
                first = keys[value]
                raise _Refused(key.mark, "yaml-duplicate-key", f"duplicate key '{value}'",
                               f"the same key is already set on line {first.line}; keep one")
            keys[value] = key.mark
            items[value] = self.node(following(), depth + 1)
        return Mapping(items, keys, mark)


def _unescaped(value: str, mark: Mark) -> str:
    """A double-quoted value after YAML's escapes (`\\u202E`, `\\x1b`, `\\0`), held to the same character
    rule as text typed into the file, and NFC like it."""
    if found := characters.refused(value):
        raise _Refused(mark, "text-control", f"{found.message} (written as an escape in this quoted value)",
                       characters.HINT)
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


_QUOTED_FIELD = re.compile(r"""^\s*(?:-\s+)?[\w-]+:\s+(["'])""")


def _unclosed_quote(text: str, before: int) -> tuple[int, int] | None:
    """A `key: "…` line above the error whose quote the line never closes (YAML lets it run on)."""
    for number, line in enumerate(text.split("\n")[:before], start=1):
        found = _QUOTED_FIELD.match(line)
        if found:
            quote, rest = found.group(1), line[found.end():]
            closed = rest.replace("\\" + quote, "").count(quote) if quote == '"' else rest.replace("''", "").count("'")
            if closed == 0:
                return number, found.end()
    return None


def parse(text: str, path: str, diagnostics: Diagnostics) -> Node | None:
    """Parse one YAML document strictly; on failure record one diagnostic and return None."""
    if len(text.encode("utf-8")) > MAX_YAML_BYTES:
        diagnostics.error(Mark(path, 1, 1), "yaml-size", f"file is larger than {MAX_YAML_BYTES // 1024} KiB",
                          "a content file holds one record; split it")
        return None
    try:
        parser = _Parser(text)
        try:
            root = _Composer(path, parser, text).document()
        finally:
            parser.dispose()
    except _Refused as refused:
        diagnostics.error(refused.mark, refused.code, refused.message, refused.hint)
        return None
    except yaml.MarkedYAMLError as exc:
        problem = exc.problem or exc.context or "invalid YAML"
        mark = exc.problem_mark or exc.context_mark
        if exc.context == "while scanning a quoted scalar" and exc.context_mark:
            # The end of the file is where the parser gave up; the editor needs the opening quote.
            mark, problem = exc.context_mark, "a quoted value starts here and is never closed"
            hint = "add the closing quote"
        else:
            hint = next((h for key, h in _HINTS.items() if key in problem), "check the YAML syntax here")
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        opened = _unclosed_quote(text, line)
        if opened:
            (line, column), problem, hint = opened, "a quoted value starts here and is never closed", "add the closing quote"
        diagnostics.error(Mark(path, line, column), "yaml-syntax", f"invalid YAML: {problem}", hint)
        return None
    except yaml.YAMLError as exc:  # reader errors (e.g. a control character) carry no problem_mark
        diagnostics.error(Mark(path, 1, 1), "yaml-syntax", f"invalid YAML: {exc}", "check the YAML syntax")
        return None
    if root is None:
        diagnostics.error(Mark(path, 1, 1), "yaml-empty", "file is empty",
                          "write the record's fields, or delete the file")
        return None
    if not isinstance(root, Mapping):
        diagnostics.error(root.mark, "yaml-top-level", "the file must be a mapping of fields",
                          "start with `id: …` at the beginning of a line")
        return None
    return root
