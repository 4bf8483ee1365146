"""The strict YAML reader: scalars stay strings, and every risky or ambiguous construct is refused."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.common import characters
from builder.common.diagnostics import Diagnostics
from builder.reading.strict_yaml import Mapping, Scalar, Sequence, parse


def refuse(text: str) -> str:
    diagnostics = Diagnostics()
    assert parse(text, "f.yaml", diagnostics) is None
    (only,) = diagnostics.sorted()
    first = only.format().splitlines()[0]
    assert first.endswith(f" [{only.code}]")
    return first.removesuffix(f" [{only.code}]")


def test_scalars_stay_strings_until_the_schema_converts_them():
    root = parse("a: no\nb: 012\nc: 12:30\nd: 2025-05-03\ne: 1e3\nf: true\n", "f.yaml", Diagnostics())
    assert {k: v.value for k, v in root.items.items()} == {
        "a": "no", "b": "012", "c": "12:30", "d": "2025-05-03", "e": "1e3", "f": "true"}


def test_every_value_knows_its_line_and_column():
    root = parse("id: x\nlist:\n  - {k: v}\n", "f.yaml", Diagnostics())
    item = root.items["list"].items[0]
    assert (item.items["k"].mark.line, item.items["k"].mark.column) == (3, 9)


REFUSED = {
    "tab-indentation": ("id: a\n\tx: 1\n", "f.yaml:2:1: error: invalid YAML: found a tab character"),
    "unquoted-colon": ("title: a: b\n", "f.yaml:1:9: error: invalid YAML: mapping values are not allowed"),
    "unclosed-quote": ('id: x\ntitle: "abc\n', "f.yaml:2:8: error: invalid YAML: a quoted value starts here and is never closed"),
    "duplicate-key": ("id: a\nid: b\n", "f.yaml:2:1: error: duplicate key 'id'"),
    "several-documents": ("id: a\n---\nid: b\n", "f.yaml:2:1: error: several YAML documents in one file"),
    "top-level-list": ("- a\n", "f.yaml:1:1: error: the file must be a mapping of fields"),
    "top-level-scalar": ("just text\n", "f.yaml:1:1: error: the file must be a mapping of fields"),
    "empty-file": ("", "f.yaml:1:1: error: file is empty"),
    "comments-only": ("# nothing\n", "f.yaml:1:1: error: file is empty"),
    "anchor": ("a: &x 1\nb: 2\n", "f.yaml:1:4: error: anchor '&x' is not allowed"),
    "alias": ("a: 1\nb: *x\n", "f.yaml:2:4: error: alias '*x' is not allowed"),
    "merge-key": ("a: 1\nb:\n  <<: {y: 1}\n", "f.yaml:3:3: error: merge keys (`<<`) are not allowed"),
    "python-tag": ("a: !!python/object/apply:os.system ['echo pwned']\n",
                   "f.yaml:1:4: error: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    "local-tag": ("a: !thing 1\n", "f.yaml:1:4: error: tag '!thing' is not allowed"),
    "mapping-as-key": ("? {a: 1}\n: 2\n", "f.yaml:1:3: error: a key must be plain text"),
    "deep-nesting": ("a: " + "[" * 40 + "]" * 40 + "\n", "f.yaml:1:35: error: nesting deeper than 32 levels"),
}


@pytest.mark.parametrize("text, expected", REFUSED.values(), ids=REFUSED.keys())
def test_refused_with_position(text, expected):
    assert refuse(text).startswith(expected)


def test_anchor_bomb_is_refused_before_expanding():
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: &d [*c, *c]\n"
    assert refuse(bomb) == "f.yaml:1:4: error: anchor '&a' is not allowed"


def test_depth_that_crashes_libyaml_composer_is_refused_without_crashing():
    # libyaml's C composer recurses per level and kills the process near depth 25,000.
    assert "nesting deeper than 32 levels" in refuse("a: " + "[" * 30_000 + "]" * 30_000 + "\n")


def test_oversized_file_refused_before_parsing():
    assert refuse("a: " + "x" * 300_000 + "\n") == "f.yaml:1:1: error: file is larger than 256 KiB"


def test_tab_hint_tells_the_fix():
    diagnostics = Diagnostics()
    parse("id: a\n\tx: 1\n", "f.yaml", diagnostics)
    assert diagnostics.sorted()[0].hint == "indent with spaces; YAML does not allow tabs"


def _plain(node):
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [_plain(n) for n in node.items]
    return {k: _plain(v) for k, v in node.items.items()}


# Control characters never reach the parser: reading.read_text refuses them first. Written as escapes
# they are refused (test_escaped_characters_obey_the_file_rule); text is NFC, as the file reader makes it.
_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=30).map(
    lambda t: unicodedata.normalize("NFC", t)).filter(lambda t: characters.refused(t) is None)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text_either_parses_or_gives_one_positioned_error(text):
    diagnostics = Diagnostics()
    root = parse(text, "f.yaml", diagnostics)
    if root is None:
        (problem,) = diagnostics.sorted()
        assert problem.path == "f.yaml" and problem.line >= 1
    else:
        assert isinstance(root, Mapping) and not diagnostics


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True),
                       st.one_of(_text, st.lists(_text, max_size=4)), min_size=1, max_size=6))
def test_round_trips_plain_data_as_strings(data):
    import json
    text = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in data.items())
    root = parse(text, "f.yaml", Diagnostics())
    assert root is not None
    assert _plain(root) == data


ESCAPES = {  # YAML escapes that would smuggle past the file reader what it refuses typed in
    "bidi-override": ('title: "جديد \\u202Eأسرار"', "bidirectional control U+202E"),
    "isolate-in-list": ('actors: ["\\u2066قسد\\u2069"]', "bidirectional control U+2066"),
    "nul": ('title: "a\\0b"', "control character U+0000"),
    "terminal-escape": ('title: "\\x1b[31mأحمر"', "control character U+001B"),
    "c1": ('title: "\\x85"', "control character U+0085"),
    "noncharacter": ('title: "\\uFFFE"', "noncharacter U+FFFE"),
    "astral-noncharacter": ('title: "\\U0010FFFF"', "noncharacter U+10FFFF"),
    "in-a-key": ('"a\\x01": b', "control character U+0001"),
}


@pytest.mark.parametrize("text, message", ESCAPES.values(), ids=ESCAPES.keys())
def test_escaped_characters_obey_the_file_rule(text, message):
    assert message in refuse(text + "\n") and "written as an escape" in refuse(text + "\n")


def test_escapes_of_allowed_characters_stay_and_come_out_nfc():
    root = parse('title: "\\u0627\\u0653 \\t e\\u0301 \\u200f"\n', "f.yaml", Diagnostics())
    assert root.items["title"].value == "\u0622 \t \u00e9 \u200f"
