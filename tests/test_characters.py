"""One character rule for every text field, however the characters arrive, and messages that show them
as escapes instead of sending them to the editor's terminal."""

from __future__ import annotations

import textwrap

import pytest

from builder.common import characters
from builder.common.diagnostics import Diagnostic
from builder.common.diagnostics import BriefingError
from builder.pipeline.settings import Settings
from conftest import VALID, errors_of

EVENT = "events/2025/2025-05-02-convoy.yaml"
REFUSED = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\x9f", "\u202a", "\u202e", "\u2066", "\u2069", "\ud800",
           "\udfff", "\ufdd0", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff", "\r", "\x0b"]
ALLOWED = ["\t", "\n", " ", "ا", "\u200f", "\u200e", "\u061c", "\u200d", "\ufeff", "\ufffd", "\U0001f600", "\u00a0"]


@pytest.mark.parametrize("char", REFUSED, ids=lambda c: f"U+{ord(c):04X}")
def test_the_rule_refuses_invisible_controls_and_what_xml_cannot_hold(char):
    found = characters.refused(f"نص {char} نص")
    assert found == (3, char) and f"U+{ord(char):04X}" in found.message


@pytest.mark.parametrize("char", ALLOWED, ids=lambda c: f"U+{ord(c):04X}")
def test_the_rule_lets_text_through(char):
    assert characters.refused(f"نص {char} نص") is None


def test_every_character_the_rule_allows_is_an_xml_character():
    for code in range(0x110000):
        char = chr(code)
        xml = code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000
        if characters.refused(char) is None:
            assert xml, f"U+{code:04X}"


def test_printable_escapes_what_a_terminal_would_obey():
    shown = characters.printable('"\x1b[2J\x1b]0;owned\x07…" \u202eأسرار\nسطر\t')
    assert shown == '"\\x1b[2J\\x1b]0;owned\\x07…" \\u202eأسرار\\nسطر\\t'


def test_a_diagnostic_never_prints_a_control_character():
    text = Diagnostic("content/x\x1b.yaml", 3, 4, "quote-not-found", 'quote "\x1b[2J\x1b]0;owned\x07" not found',
                      "closest: \u202eنص\r").format()
    assert text == ('content/x\\x1b.yaml:3:4: error: quote "\\x1b[2J\\x1b]0;owned\\x07" not found [quote-not-found]\n'
                    "    hint: closest: \\u202eنص\\r")


def test_a_file_name_with_a_terminal_escape_is_printed_escaped(run, make_corpus, tmp_path):
    make_corpus({"events/2025/x\x1b]0;owned\x07.yaml": "id: x\n"})
    code, _, err = run("check")
    assert code == 1 and "\x1b" not in err and "\x07" not in err and "x\\x1b]0;owned\\x07.yaml" in err


YAML_ESCAPES = {
    "title-override": ('title: "جديد \\u202Eأسرار\\x01"', "bidirectional control U+202E"),
    "actor-isolates": ('actors: ["\\u2066قسد\\u2069"]', "bidirectional control U+2066"),
    "nul": ('title: "نص\\0"', "control character U+0000"),
    "ansi": ('title: "\\x1b[31mنص"', "control character U+001B"),
    "noncharacter": ('title: "نص\\uFFFE"', "noncharacter U+FFFE"),
}


@pytest.mark.parametrize("line, message", YAML_ESCAPES.values(), ids=YAML_ESCAPES.keys())
def test_yaml_escapes_are_refused_by_check(run, make_corpus, line, message):
    title = "title: نحو 200 شاحنة تغادر حقل كونيكو"
    event = textwrap.dedent(VALID[EVENT])
    event = event.replace(title, line) if line.startswith("title") else event + line + "\n"
    make_corpus({EVENT: event})
    code, _, err = run("check")
    (error,) = errors_of(err)
    assert code == 1 and error.startswith(f"content/{EVENT}:") and message in error, err


@pytest.mark.parametrize("name", ["موجز \u202eسري", "موجز\x00", "\ufffe"])
def test_the_site_name_obeys_the_rule(name):
    with pytest.raises(BriefingError, match="site_name has .* U\\+"):
        Settings(site_name=name)
