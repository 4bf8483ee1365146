"""The usual shape of a content file, composed straight from its lines, or declined.

Nearly every file the editors and the curation tools write is a block mapping of `key: value` lines
whose values are one-line plain or quoted text, one-line flow collections (`{id: x, effect: y}`,
`[a, b]`), `|` blocks, and block lists and mappings of those. `compose` gives for exactly such a file
the nodes the strict reader (`strict_yaml`) composes from libyaml's events, the same values, marks,
styles and block indentation, at a fraction of the cost. For anything else it returns None and the
strict reader reads the file: it never refuses, never reports and never guesses, so every problem is
found and worded by the strict reader alone. What it accepts is narrower than YAML on purpose: no
tag, anchor or alias can start one of its values, no key repeats, nesting is shallow, and any
character that could move a line or column count (tabs, CR and the other line breaks, controls, BOM)
sends the file to the strict reader. tests/test_simple_yaml.py holds the two equal on generated texts,
hostile ones among them, and on every file of the repository's corpus.
"""

from __future__ import annotations

import re
import unicodedata

from builder.common import characters
from builder.common.diagnostics import Mark
from builder.reading.yaml_nodes import Mapping, Node, Scalar, Sequence

MAX_DEPTH = 16  # below the strict reader's limit, so a file it would refuse as too deep is never accepted here

_DECLINED = re.compile("[\t\r\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")
_NAME = r"[A-Za-z0-9_][A-Za-z0-9_-]{0,63}"  # far below libyaml's 1,024-character limit on a simple key
_KEY = re.compile(rf"({_NAME}):(?: +|$)")
_FLOW_KEY = re.compile(rf"({_NAME}): +")
# A plain value may not start with an indicator, and holds no ` #` (a comment) and no `: ` (a mapping);
# in a flow collection, no `#`, `:` or `,[]{}` at all.
_STARTS = r"""\s\-?:,\[\]{}#&*!|>'"%@`"""
_PLAIN = re.compile(rf"[^{_STARTS}](?:[^\s:]|:(?=\S)| +(?=[^\s#]))*")
_FLOW_PLAIN = re.compile(rf"[^{_STARTS}](?:[^\s,\[\]{{}}#:]| +(?=[^\s,\[\]{{}}#:]))*")
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_FLOW_PAIR = re.compile(rf"({_NAME}): +(?:'((?:[^']|'')*)'|({_FLOW_PLAIN.pattern})) *")
_SCALAR = re.compile(rf"'((?:[^']|'')*)'|{_PLAIN.pattern}")  # one-line text, quoted or plain
_DOUBLE = re.compile(r'"([^"\\]*)"')  # with no escape: a backslash sends the file to the strict reader


# Nodes and marks are made with tuple.__new__, as pickle remakes them: a NamedTuple's own __new__ is a
# Python call, and a file has dozens of them.
_tuple = tuple.__new__


class _Declined(Exception):
    """The file is not of the shape read here."""


def compose(text: str, path: str) -> Mapping | None:
    """The file's top-level mapping, exactly as strict_yaml composes it; None when the file is not of
    the usual shape (strict_yaml then reads it, and reports whatever is wrong)."""
    if not text.endswith("\n") or _DECLINED.search(text):
        return None
    lines = text.split("\n")
    lines.pop()
    # Each line's indentation, -1 for a blank line or a comment (which the block structure skips).
    indents = [len(line) - len(text) if (text := line.lstrip(" ")) and text[0] != "#" else -1 for line in lines]
    reader = _Reader(path, lines, indents)
    try:
        start, column = reader.skip()
        if start == len(lines) or column:
            return None
        root = reader.mapping(0, 1)
        if reader.skip()[0] != len(lines):
            return None
    except _Declined:
        return None
    return root


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


class _Reader:
    def __init__(self, path: str, lines: list[str], indents: list[int]):
        self.path, self.lines, self.indents, self.at = path, lines, indents, 0

    def skip(self) -> tuple[int, int]:
        """The index of the next line that is neither blank nor a comment (len(lines) at the end), and
        its indentation."""
        indents, at = self.indents, self.at
        while at < len(indents):
            if indents[at] >= 0:
                self.at = at
                return at, indents[at]
            at += 1
        self.at = at
        return at, 0

    def mapping(self, indent: int, depth: int, first: int = -1) -> Mapping:
        """A block mapping whose keys stand at column `indent`; `first` is the line of a list item
        (`- key: …`) that holds its first key."""
        if depth > MAX_DEPTH:
            raise _Declined
        lines, path = self.lines, self.path
        items: dict[str, Node] = {}
        keys: dict[str, Mark] = {}
        mark = None
        while True:
            if first >= 0:
                at, first = first, -1
            else:
                at, column = self.skip()
                if at == len(lines) or column < indent:
                    break
                if column > indent:
                    raise _Declined
            line = lines[at]
            found = _KEY.match(line, indent)
            if found is None:
                raise _Declined
            key = found.group(1)
            if key in items:
                raise _Declined
            keys[key] = key_mark = _tuple(Mark, (path, at + 1, indent + 1))
            if mark is None:
                mark = key_mark
            self.at = at + 1
            end = found.end()
            if end < len(line):
                # Most values are one-line text: read here, without the general path's calls.
                value = _SCALAR.fullmatch(line, end)
                if value is None:
                    items[key] = self.inline(line, end, at, indent, depth + 1, True)
                else:
                    quoted = value.group(1)
                    items[key] = _tuple(Scalar, (value.group() if quoted is None else quoted.replace("''", "'"),
                                                 _tuple(Mark, (path, at + 1, end + 1)), quoted is None, 0))
                continue
            below, column = self.skip()
            if below == len(lines):
                raise _Declined
            if column >= indent and lines[below].startswith("- ", column):
                items[key] = self.sequence(column, depth + 1)
            elif column > indent:
                items[key] = self.mapping(column, depth + 1)
            else:
                raise _Declined  # an empty value: its mark is the strict reader's to give
        return Mapping(items, keys, mark)

    def sequence(self, indent: int, depth: int) -> Sequence:
        """A block list whose `- ` stand at column `indent`."""
        if depth > MAX_DEPTH:
            raise _Declined
        lines = self.lines
        items: list[Node] = []
        mark = _tuple(Mark, (self.path, self.at + 1, indent + 1))
        while True:
            at, column = self.skip()
            if at == len(lines):
                break
            line = lines[at]
            if column < indent or (column == indent and not line.startswith("- ", column)):
                break
            if column > indent:
                raise _Declined
            start = column + 2
            while start < len(line) and line[start] == " ":
                start += 1
            if start == len(line):
                raise _Declined
            if _KEY.match(line, start):
                items.append(self.mapping(start, depth + 1, first=at))
            else:
                self.at = at + 1
                items.append(self.inline(line, start, at, indent, depth + 1, False))
        return Sequence(tuple(items), mark)

    def inline(self, line: str, start: int, at: int, indent: int, depth: int, block: bool) -> Node:
        """The value written from `start` to the end of line `at` (a `|` block, when `block`, runs on
        below it)."""
        if depth > MAX_DEPTH:
            raise _Declined
        first = line[start]
        mark = _tuple(Mark, (self.path, at + 1, start + 1))
        if first == "{" or first == "[":
            node, end = self.flow(line, start, at, depth)
        elif first == "|" and block and start == len(line) - 1:
            return self.block(at, indent, mark)
        else:
            node, end = self.scalar(line, start, mark, _PLAIN)
        if end != len(line):
            raise _Declined
        return node

    def scalar(self, line: str, start: int, mark: Mark, plain: re.Pattern) -> tuple[Scalar, int]:
        if start == len(line):
            raise _Declined
        first = line[start]
        if first == "'":
            found = _SINGLE.match(line, start)
            if found is None:
                raise _Declined
            return _tuple(Scalar, (found.group(1).replace("''", "'"), mark, False, 0)), found.end()
        if first == '"':
            found = _DOUBLE.match(line, start)
            # The strict reader holds double-quoted text to the character rule and NFC: it reports these.
            if found is None or characters.refused(value := found.group(1)) or not unicodedata.is_normalized("NFC", value):
                raise _Declined
            return _tuple(Scalar, (value, mark, False, 0)), found.end()
        found = plain.match(line, start)
        if found is None:
            raise _Declined
        return _tuple(Scalar, (found.group(), mark, True, 0)), found.end()

    def flow(self, line: str, start: int, at: int, depth: int) -> tuple[Node, int]:
        """A one-line `{key: value, …}` or `[value, …]` of scalars, and where it ends."""
        if depth + 1 > MAX_DEPTH:
            raise _Declined
        path, closing = self.path, "}" if line[start] == "{" else "]"
        mark = _tuple(Mark, (path, at + 1, start + 1))
        items: dict[str, Node] = {}
        keys: dict[str, Mark] = {}
        values: list[Node] = []
        pos = _spaces(line, start + 1)
        if line.startswith(closing, pos):
            return (Mapping(items, keys, mark) if closing == "}" else Sequence((), mark)), pos + 1
        while True:
            if closing == "}" and (found := _FLOW_PAIR.match(line, pos)) is not None:
                # The usual pair, `key: text`, in one match.
                key, quoted = found.group(1, 2)
                if key in items:
                    raise _Declined
                keys[key] = _tuple(Mark, (path, at + 1, pos + 1))
                if quoted is None:
                    value = _tuple(Scalar, (found.group(3), _tuple(Mark, (path, at + 1, found.start(3) + 1)), True, 0))
                else:
                    value = _tuple(Scalar, (quoted.replace("''", "'"), _tuple(Mark, (path, at + 1, found.start(2))), False, 0))
                items[key] = value
                pos = found.end()
            elif closing == "}":
                found = _FLOW_KEY.match(line, pos)
                if found is None or (key := found.group(1)) in items:
                    raise _Declined
                keys[key] = _tuple(Mark, (path, at + 1, pos + 1))
                pos = found.end()
                items[key], pos = self.scalar(line, pos, _tuple(Mark, (path, at + 1, pos + 1)), _FLOW_PLAIN)
                pos = _spaces(line, pos)
            else:
                value, pos = self.scalar(line, pos, _tuple(Mark, (path, at + 1, pos + 1)), _FLOW_PLAIN)
                values.append(value)
                pos = _spaces(line, pos)
            if line.startswith(",", pos):
                pos = _spaces(line, pos + 1)
            elif line.startswith(closing, pos):
                return (Mapping(items, keys, mark) if closing == "}" else Sequence(tuple(values), mark)), pos + 1
            else:
                raise _Declined

    def block(self, at: int, indent: int, mark: Mark) -> Scalar:
        """A `|` block below line `at`, inside a mapping whose keys stand at column `indent`."""
        lines = self.lines
        below = at + 1
        if below == len(lines) or not lines[below].strip():
            raise _Declined  # leading empty lines: the parser decides the indentation from them
        inside = _indent(lines[below])
        if inside <= indent:
            raise _Declined  # an empty block
        content = []
        while below < len(lines):
            line = lines[below]
            if line:
                column = _indent(line)
                if column == len(line):
                    raise _Declined  # a line of spaces alone: chomping and indentation rules meet there
                if column < inside:
                    break
                line = line[inside:]
            content.append(line)
            below += 1
        while content[-1] == "":
            content.pop()
        self.at = below
        return _tuple(Scalar, ("\n".join(content) + "\n", mark, False, inside))


def _spaces(line: str, pos: int) -> int:
    while pos < len(line) and line[pos] == " ":
        pos += 1
    return pos
