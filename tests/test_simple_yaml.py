"""simple_yaml composes the usual content file exactly as the strict reader does, or declines it.

The strict reader (strict_yaml.parse_events) is the reference: whenever simple_yaml gives nodes, the
strict reader gives the same ones (values, marks, styles, block indentation, key order) and reports
nothing. Every refusal stays the strict reader's: tests/test_strict_yaml.py runs through `parse`,
which tries simple_yaml first.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.common.diagnostics import Diagnostics
from builder.reading import simple_yaml
from builder.reading.strict_yaml import Mapping, Scalar, Sequence, parse, parse_events

ROOT = Path(__file__).resolve().parents[1]


def same(a, b) -> bool:
    """Equal nodes, with mappings' keys in the same order (dict equality ignores the order)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, Scalar):
        return a == b
    if isinstance(a, Sequence):
        return a.mark == b.mark and len(a.items) == len(b.items) and all(map(same, a.items, b.items))
    return (a.mark == b.mark and list(a.keys.items()) == list(b.keys.items()) and list(a.items) == list(b.items)
            and all(same(a.items[k], b.items[k]) for k in a.items))


def declined_or_same(text: str) -> bool:
    """The property: simple_yaml declines `text`, or the strict reader reads it without a problem into the
    very same nodes. Returns whether simple_yaml accepted it."""
    fast = simple_yaml.compose(text, "f.yaml")
    if fast is None:
        return False
    diagnostics = Diagnostics()
    slow = parse_events(text, "f.yaml", diagnostics)
    assert not diagnostics.items, (text, diagnostics.items)
    assert same(fast, slow), (text, fast, slow)
    return True


EVENT = """id: 2025-05-02-convoy
date: {start: 2025-05-02, precision: day}
type: convoy
title: 'رتل من الشاحنات يغادر القاعدة: خبر أول'
summary: |
  غادر رتل من ثلاثين شاحنة القاعدة فجرًا، بحسب المصدر.

    سطر بمسافة زائدة، وآخر فارغ قبله.
bases:
  - {id: omar-field, effect: withdrawn}
  - {id: 'tanf', effect: mentioned}
actors: [التحالف الدولي, "قسد"]
quantities:
- count: 30
  unit: truck
citations:
  - source: enab-2025-05-03
    quote: 'غادر رتل من ثلاثين شاحنة القاعدة'
    stance: supports
credibility: 3
notes:
  inner:
    deep: value with a url https://example.org/a?b=c#d
"""


def test_the_usual_shapes_are_composed_here():
    # Every form the corpus uses; were it declined, the fast path would be dead code.
    assert declined_or_same(EVENT)


def test_every_file_of_the_repository_corpora_reads_the_same():
    files = sorted((ROOT / "content").rglob("*.yaml")) + sorted((ROOT / "tests").rglob("*.yaml"))
    accepted = sum(declined_or_same(path.read_text(encoding="utf-8")) for path in files)
    assert accepted >= 0.9 * len(files)


HOSTILE = [
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: !t x\n", "<<: {b: 1}\n", "a:\n  <<: {y: 1}\n", "a: {<<: 1}\n",
    "a: 1\na: 2\n", "a: {b: 1, b: 2}\n", "a: 1\n---\nb: 2\n", "---\na: 1\n", "a: 1\n...\n",
    "a: " + "[" * 40 + "]" * 40 + "\n", "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 40)) + "  " * 40 + "z: 1\n",
    'a: "\\u202e"\n', 'a: "\\x1b"\n', 'a: "e\\u0301"\n', 'a: "e\u0301"\n', 'a: "\u202e"\n', "a: '\u202e'\n",
    "a: b: c\n", "a: b #c\n", "a: 'x' y\n", "a: |\n\n  x\n", "a: |-\n  x\n", "a: |\n  x\n   \n", "a: |\nb: 1\n",
    "a: >\n  x\n", "a: |\n  x", "a:\n", "a:\nb: 1\n", "a: \tb\n", "a: b\r\n", "a: b\u2028c\n", "a: b\x85c\n",
    "\ufeffa: b\n", " a: b\n", "- a\n", "a\n", "a: [b, [c]]\n", "a: {b: {c: d}}\n", "a: {b: c:d}\n", "a: [b,]\n",
    "a: {b: }\n", "a:\n  - \n", "a:\n  -\n", "a:\n   - x\n  - y\n", "a:\n  - x\n   y\n", "a: x\n  y\n",
    "? a\n: b\n", "'a': b\n", "a : b\n", "a: -1\n", "a: ?x\n", "a: %x\n", "a: @x\n", "a: `x`\n",
    "a: 'it''s'\n", 'a: "tab\\t"\n', "a: 'x\n  y'\n", "k" * 2000 + ": v\n", "a: b\n# c\n", "a: b\n  # c\n",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_texts_are_declined_or_read_the_same(text):
    declined_or_same(text)


def test_what_is_refused_is_refused_through_parse():
    # A refusal never depends on the fast path: each of these is declined, and parse reports it.
    for text in ("a: &x 1\n", "a: 1\na: 2\n", "<<: {b: 1}\n", 'a: "\\u202e"\n', "a: 1\n---\nb: 2\n"):
        assert simple_yaml.compose(text, "f.yaml") is None
        diagnostics = Diagnostics()
        assert parse(text, "f.yaml", diagnostics) is None and diagnostics.items


# Generated texts: the usual shapes put together at random from words that are hard to quote, then, in
# the second test, spoilt with a hostile fragment put anywhere (an indicator, a tag, an anchor, a
# comment, a document marker, a stray line break, a character that moves line counts), so that both
# what is composed here and what is declined are tried.
_EASY = st.sampled_from(["x", "place-038", "قاعدة", "رتل شاحنات", "2025-05", "12:30", "https://e.org/a#b", "x y",
                         "a-b", "x#", "a:b", "e\u0301", "null", "~"])
_HARD = st.sampled_from(["a'b", 'a"b', "a, b", "[x]", "a #b", "  ", "\u00a0x", "x\u3000", "#x", "a: b", "-x", "x:",
                         "{x}", "\\", "?x", "*x", "&x", "!x"])
_EASY_TEXT = st.lists(_EASY, min_size=1, max_size=3).map("".join)
_HARD_TEXT = st.lists(st.one_of(_EASY, _HARD), min_size=1, max_size=3).map("".join)
_KEYS = st.sampled_from(["id", "title", "a", "b", "x-y", "2025", "k_1", "quote", "y", "on"])
_HOSTILE = st.sampled_from(["&a ", "*a", "!!str ", "!t ", "<<: x", "<<", "#", ": ", ":", "- ", "-", "? ", "|", ">",
                            "{", "}", "[", "]", ",", "'", '"', "\\", "\\u202e", "\\x1b", "\t", "\r", "\u2028",
                            "\x85", "\ufeff", "\u202e", "\n---\n", "\n...\n", "%", "@", "`", "\n", "\n  ", "\n\n",
                            " ", "  ", "-1", "\ndup: 1\ndup: 2\n", "[" * 40, "{a: {b: [c]}}"])


def _scalar(text: str, style: int) -> str:
    return [text, f"'{text}'", f'"{text}"', text.replace("'", "''").join("''"), text][style]


@st.composite
def _value(draw, indent: int, depth: int, text: st.SearchStrategy) -> str:
    """A value as written after `key:` (with the newline that ends it, and its lines below)."""
    kind = draw(st.integers(0, 6 if depth < 4 else 2))
    pad = " " * (indent + draw(st.sampled_from([2, 2, 2, 2, 2, 1, 4, 0])))
    if kind <= 1:
        return " " + _scalar(draw(text), draw(st.integers(0, 4))) + "\n"
    if kind == 2:
        body = draw(st.lists(st.one_of(text, text, text, st.just("")), min_size=1, max_size=4))
        return " " + draw(st.sampled_from(["|", "|", "|", "|-", ">"])) + "\n" + "".join(
            (pad + line if line else "") + "\n" for line in body)
    if kind == 3:
        pairs = draw(st.lists(st.tuples(st.one_of(_KEYS, text), text, st.integers(0, 4)), max_size=3, unique_by=lambda p: p[0]))
        return " {" + draw(st.sampled_from([", ", ", ", ",", " ,  "])).join(f"{k}: {_scalar(v, s)}" for k, v, s in pairs) + "}\n"
    if kind == 4:
        items = draw(st.lists(st.tuples(text, st.integers(0, 4)), max_size=3))
        return " [" + ", ".join(_scalar(v, s) for v, s in items) + "]\n"
    if kind == 5:
        return "\n" + draw(_mapping(len(pad), depth + 1, text))
    items = draw(st.lists(st.one_of(
        _value(len(pad) + 2, depth + 1, text).map(lambda v: v.lstrip(" ")),
        _mapping(len(pad) + 2, depth + 1, text).map(lambda m: m.lstrip(" "))), min_size=1, max_size=3))
    return "\n" + "".join(pad + "- " + item for item in items)


@st.composite
def _mapping(draw, indent: int, depth: int, text: st.SearchStrategy) -> str:
    keys = draw(st.lists(st.one_of(*[_KEYS] * 7, text), min_size=1, max_size=4, unique=True))
    lines = []
    for key in keys:
        lines.append(" " * indent + key + ":" + draw(_value(indent, depth, text)))
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(["\n", "# c\n", "  \n"])))
    return "".join(lines)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_mapping(0, 1, _EASY_TEXT), _mapping(0, 1, _HARD_TEXT)))
def test_generated_texts_are_declined_or_read_the_same(text):
    declined_or_same(text)


@settings(max_examples=500, deadline=None)
@given(_mapping(0, 1, _EASY_TEXT), _HOSTILE, st.floats(0, 1))
def test_spoilt_texts_are_declined_or_read_the_same(text, fragment, where):
    at = int(where * len(text))
    declined_or_same(text[:at] + fragment + text[at:])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -'\"{}[],#|>&*!\n\t\\u") + ["\u202e", "س", "\u2028"]), max_size=40))
def test_arbitrary_texts_are_declined_or_read_the_same(text):
    declined_or_same(text)
