"""Editors' Markdown reaches the page as written, or `check` refuses it at its line: a table of the
constructs that used to change without a word, and a grammar of them that proves the class closed."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown import inlinepatterns

from builder.prose import rules
from builder.reading.files import position
from builder.prose.markdown import _Tokens, removed, render_unsanitised, sanitise

REFUSED = {  # text: (line, column, message), positions 1-based inside the text
    "image": ("نص\n![صورة الرتل](https://example.org/convoy.jpg)", 2, 1, "an image is not shown"),
    "reference-image": ("![صورة][ص]\n\n[ص]: https://example.org/c.jpg", 1, 1, "an image is not shown"),
    "heading-1": ("# عنوان", 1, 1, "level-1 heading"),
    "heading-1-no-space": ("#عنوان", 1, 1, "level-1 heading"),
    "heading-5": ("نص\n##### عنوان", 2, 1, "level-5 heading"),
    "heading-6-in-quote": ("> ###### عنوان", 1, 3, "level-6 heading"),
    "setext-1": ("عنوان\n=====", 2, 1, "a line of '='"),
    "relative-link": ("[قاعدة قسرك](../qasrak)", 1, 14, "relative link '../qasrak'"),
    "protocol-relative": ("[س](//host/x)", 1, 5, "link '//host/x' has no scheme"),
    "fragment": ("[س](#x)", 1, 5, "relative link '#x'"),
    "empty-link": ("[س]()", 1, 5, "link has no address"),
    "footnote": ("نص[^1]\n\n[^1]: حاشية", 3, 1, "footnote '[^1]:' is not supported"),
    "https-javascript": ("[س](https:javascript:alert(1))", 1, 5, "is not a full web address"),
    "tab-entity-scheme": ("[س](java&#9;script:alert(1))", 1, 5, "relative link 'java&#9;script:alert(1'"),
    "entity-scheme": ("[س](&#106;avascript:alert(1))", 1, 5, "relative link '&#106;avascript"),
    "data-reference": ("[س][ص]\n\n[ص]: data:text/html,1", 3, 6, "'data:' address"),
    "ftp-autolink": ("<ftp://example.org/x>", 1, 2, "'ftp:' address"),
    "reference-in-quote": ("> [ص]: https://example.org\n\n[س][ص]", 1, 1, "a link definition inside a quote"),
    "reference-in-list": ("- [ص]: https://example.org\n\n[س][ص]", 1, 1, "a link definition inside a quote"),
    "bidi-reference": ("نص &#x202e; نص", 1, 4, "'&#x202e;' stands for a bidirectional control U+202E"),
    "nul-reference": ("نص &#0;", 1, 4, "'&#0;' stands for a control character U+0000"),
    "c1-reference": ("&#x85;", 1, 1, "U+0085"),
    "noncharacter-reference": ("&#xFFFE;", 1, 1, "noncharacter U+FFFE"),
    "beyond-unicode": ("&#x110000;", 1, 1, "is not a character"),
    "brackets": ("[" * 19_000, 1, 1, "too many unclosed or nested brackets"),
    "parentheses": ("[أ](" * 5_000, 1, 4, "too many unclosed or nested brackets"),
    "long-paragraph": ("نص\n\n" + "كلمة " * 4_001, 3, 1, "a paragraph of 20,005 characters is over the 20,000 limit"),
}


@pytest.mark.parametrize("text, line, column, message", REFUSED.values(), ids=REFUSED.keys())
def test_what_the_page_would_change_is_refused_at_its_line(text, line, column, message):
    found = rules.located(text)
    assert found, text
    first = found[0]
    assert message in first.message and first.hint
    assert position(text, first.offset) == (line - 1, column - 1)


FAITHFUL = {  # text: what the page must show
    "ordered-start": ("2019. أكدت المصادر", '<ol start="2019">'),
    "ordered-start-3": ("3. أ\n4. ب", '<ol start="3">'),
    "table-alignment": ("|أ|ب|\n|:--|--:|\n|1|2|", '<th align="left">أ</th>\n<th align="right">ب</th>'),
    "headings-2-to-4": ("## أ\n\n### ب\n\n#### ج", "<h2>أ</h2>\n<h3>ب</h3>\n<h4>ج</h4>"),
    "link": ('[أ](https://example.org/?a=1&b=2 "ع")', '<a href="https://example.org/?a=1&amp;b=2" title="ع"'),
    "mail-autolink": ("<a@example.org>", "<a href="),
    "entity": ("أ &copy; ب &amp; ج", "أ © ب &amp; ج"),
    "reference-link": ("[س][ص]\n\n[ص]: https://example.org/x", '<a href="https://example.org/x"'),
    "literal-brackets": ("[[[[أ]]]] و \\[ و [ب]", "[[[[أ]]]] و [ و [ب]"),
    "setext-2": ("عنوان\n---", "<h2>عنوان</h2>"),
}


@pytest.mark.parametrize("text, shown", FAITHFUL.values(), ids=FAITHFUL.keys())
def test_what_is_accepted_is_shown_as_written(text, shown):
    assert rules.problems(text) == []
    html = render_unsanitised(text)
    assert _Tokens(sanitise(html)).tokens == _Tokens(html).tokens
    assert shown in sanitise(html)


def test_a_page_may_have_its_title_and_no_second_one():
    assert rules.problems("# عن الموجز\n\nنص\n\n## قسم\n", titled=True) == []
    (second,) = rules.problems("# عن الموجز\n\nنص\n\n# عنوان آخر\n", titled=True)
    assert "level-1 heading" in second.message and position("# عن الموجز\n\nنص\n\n# عنوان آخر\n", second.offset) == (4, 0)


def test_what_the_rules_miss_is_still_refused_before_the_page_changes(monkeypatch):
    monkeypatch.setattr(rules, "_images", lambda text: [])
    (problem,) = rules.problems("![صورة](https://example.org/c.jpg)")
    assert problem.offset == 0 and "would not reach the page as written: <img" in problem.message


def test_a_text_with_many_problems_lists_twenty_and_counts_the_rest():
    found = rules.problems("[س](../x) " * 50)
    assert len(found) == rules.MAX_PROBLEMS + 1 and found[-1].message == "30 more Markdown problems in this text are not listed"


# The grammar: every construct above, good and bad forms, in any order and nesting the line structure allows.
WORDS = st.sampled_from(["رتل", "قاعدة الشدادي", "Al-Arab", "200", "٢٠٠", "نحو", "قسد", "«الحسكة»", "؟", "،"])
ADDRESSES = st.sampled_from(["https://example.org/x", "HTTP://EXAMPLE.ORG", "mailto:a@example.org", "../qasrak",
                             "//host/x", "#x", "", "https:javascript:alert(1)", "java&#9;script:1", "&#106;avascript:1",
                             "javascript:alert(1)", "data:text/html,1", "ftp://example.org", "حاشية",
                             "<https://example.org/y>", "https://example.org/a_(b)"])
REFERENCES = st.sampled_from(["&copy;", "&amp;", "&#x202e;", "&#0;", "&#1601;", "&#x85;", "&#xFFFE;", "&lt;", "&nbsp;"])


@st.composite
def inline(draw):
    word = draw(WORDS)
    kind = draw(st.integers(0, 12))
    address = draw(ADDRESSES)
    return [
        word, f"**{word}**", f"*{word}*", f"`{word}`", f"[{word}]({address})", f"![{word}]({address})",
        f"[{word}][ص]", f"<{address}>", draw(REFERENCES), f"{word}[^1]", "[" * draw(st.integers(1, 3)),
        f"\\[{word}", f"{word}  ",
    ][kind]


def _line(parts):
    return " ".join(parts)


@st.composite
def block(draw):
    text = _line(draw(st.lists(inline(), min_size=1, max_size=4)))
    kind = draw(st.integers(0, 10))
    if kind == 0:
        return "#" * draw(st.integers(1, 7)) + draw(st.sampled_from(["", " "])) + text
    if kind == 1:
        return f"{draw(st.integers(0, 3000))}. {text}\n{draw(st.integers(0, 9))}. {text}"
    if kind == 2:
        return f"- {text}\n- {text}"
    if kind == 3:
        align = draw(st.sampled_from(["---", ":--", "--:", ":-:"]))
        return f"|{text}|ب|\n|{align}|{draw(st.sampled_from(['---', ':--', '--:', ':-:']))}|\n|1|{text}|"
    if kind == 4:
        return f"> {text}"
    if kind == 5:
        prefix = draw(st.sampled_from(["", "> ", "- ", "1. ", "   "]))
        label = draw(st.sampled_from(["ص", "^1"]))
        return f"{prefix}[{label}]: {draw(ADDRESSES)}"
    if kind == 6:
        return f"{text}\n{draw(st.sampled_from(['===', '---', '=']))}"
    return text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(block(), min_size=1, max_size=5), st.sampled_from(["\n\n", "\n"]))
@example(["2019. أكدت المصادر"], "\n\n")
@example(["|أ|ب|\n|:--|--:|\n|1|2|"], "\n\n")
@example(["> [ص]: https://example.org", "[س][ص]"], "\n\n")
def test_every_summary_check_accepts_reaches_the_page_as_written(blocks, joiner):
    text = joiner.join(blocks)
    if rules.located(text):
        return
    html = render_unsanitised(text)
    # Nothing the rules let through is changed by the sanitiser: the same elements, attributes and text
    # (the serialisations differ only in how references are spelled and in links' rel="noopener noreferrer").
    assert _Tokens(sanitise(html)).tokens == _Tokens(html).tokens, (text, html, sanitise(html))
    assert removed(text) == ""


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("[]()\\\"'أب \n")), max_size=300))
@example("[" * 50)
@example("[أ](" * 30)
@example('[أ](ب "ج) د) ه)')
def test_bracket_work_bounds_what_the_link_patterns_scan(text):
    """The linear estimate check makes is never below what Python-Markdown's link patterns scan."""
    scanned = 0
    get_text, get_link = inlinepatterns.LinkInlineProcessor.getText, inlinepatterns.LinkInlineProcessor.getLink

    def counting_text(self, data, index):
        nonlocal scanned
        result = get_text(self, data, index)
        scanned += result[1] - index
        return result

    def counting_link(self, data, index):
        nonlocal scanned
        result = get_link(self, data, index)
        scanned += result[2] - index
        return result

    inlinepatterns.LinkInlineProcessor.getText, inlinepatterns.LinkInlineProcessor.getLink = counting_text, counting_link
    try:
        render_unsanitised(text)
    finally:
        inlinepatterns.LinkInlineProcessor.getText, inlinepatterns.LinkInlineProcessor.getLink = get_text, get_link
    patterns = 6  # link, image link, reference, image reference, short reference, short image reference
    assert scanned <= patterns * rules.bracket_work(text)[0] + 2 * len(text)


# Markdown nested `n` levels deep (quotes, lists, emphases and links inside one another), each way an
# editor can nest: the deepest level is on the last line, after its quote and list markers.
NESTED = {
    "quotes": lambda n: "\n".join("> " * (i + 1) + "سطر مقتبس" for i in range(n)),
    "quotes-on-one-line": lambda n: "> " * n + "نص مقتبس",
    "bullet-lists": lambda n: "\n".join("    " * i + "- بند" for i in range(n)),
    "numbered-lists": lambda n: "\n".join("    " * i + f"{i + 1}. بند" for i in range(n)),
    "lists-in-a-quote": lambda n: "\n".join("> " + "    " * i + "- بند" for i in range(n - 1)),
    "bold-in-bold": lambda n: "**أ " * n + "ب" + " أ**" * n,
    "styled-link-in-lists": lambda n: "\n".join("    " * i + "- بند" for i in range(n - 4))
    + " **قوي *مائل [رابط `رمز`](https://example.org/)***",
}


@pytest.mark.parametrize("make", NESTED.values(), ids=NESTED.keys())
def test_nesting_is_accepted_to_the_limit_and_refused_past_it_at_its_deepest_line(make):
    """The PDF layout stops at a depth of its own (maximum function call depth): a corpus check passed
    must not fail there, so check refuses what nests deeper than MAX_NESTING, where the editor nested."""
    assert rules.problems(make(rules.MAX_NESTING)) == []
    text = make(rules.MAX_NESTING + 1)
    [problem] = rules.problems(text)
    assert f"stand {rules.MAX_NESTING + 1} levels inside one another" in problem.message and problem.hint
    last = text.rsplit("\n", 1)[-1]
    line, column = position(text, problem.offset)
    assert line == text.count("\n")
    assert column == re.match(r"[ >]*(?:[-*] |\d+\. )?", last).end(), (last, column)


def test_a_pages_nesting_is_found_below_its_title():
    text = "# العنوان\n" + NESTED["bullet-lists"](rules.MAX_NESTING + 1)
    [problem] = rules.problems(text, titled=True)
    assert position(text, problem.offset) == (rules.MAX_NESTING + 1, 4 * rules.MAX_NESTING + 2)
