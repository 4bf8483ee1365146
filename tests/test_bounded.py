"""Inputs at the size limits cost work in proportion to their size: the closest-passage hint compares a
bounded number of windows, and Markdown whose rendering would grow faster than its text is refused by
`check` before `build` renders it. Asserted on operations counted, never on time."""

from __future__ import annotations

import difflib
import random

import pytest

from builder.checking import quotes
from builder.checking.quotes import SourceText
from builder.prose import rules
from builder.reading.records import MAX_PROSE, MAX_QUOTE
from conftest import VALID, errors_of

EVENT = "events/2025/2025-05-02-convoy.yaml"
# Words of an invented agency report, to make long sources and quotes.
VOCABULARY = ("رتل عسكري أمريكي دخل إلى قاعدة الشدادي قادما من معبر الوليد الحدودي وضم شاحنات محملة بمعدات "
              "لوجستية وصهاريج وقود وعربات مدرعة بحسب مصادر محلية في ريف الحسكة الجنوبي وقالت المصادر إن "
              "طائرات مروحية رافقت القافلة حتى وصولها إلى القاعدة صباح يوم الخميس الماضي").split()


def _words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCABULARY) for _ in range(count)]


class _Counting(difflib.SequenceMatcher):
    compared = 0

    def set_seq1(self, a):
        _Counting.compared += 1
        super().set_seq1(a)


@pytest.fixture
def comparisons(monkeypatch):
    _Counting.compared = 0
    monkeypatch.setattr(quotes.difflib, "SequenceMatcher", _Counting)
    quotes._closest.cache_clear()
    yield _Counting
    quotes._closest.cache_clear()


def test_a_mistyped_word_in_a_long_quote_is_found_with_few_comparisons(comparisons):
    source = _words(6_500, seed=1)  # about 35 KB of text
    text = " ".join(source)
    assert len(text.encode("utf-8")) > 35_000
    passage = source[3_000:3_300]  # a 300-word quote
    mistyped = passage.copy()
    mistyped[150] = "شاحنه" if mistyped[150] != "شاحنه" else "قاعده"
    quote = " ".join(mistyped)
    assert len(quote) <= MAX_QUOTE * 2
    assert SourceText(text).closest(quote) == " ".join(passage)
    # Every window of the source, as before, would be about 6,200 comparisons.
    assert comparisons.compared <= quotes.MAX_CANDIDATES


def test_a_made_up_quote_costs_a_bounded_number_of_comparisons(comparisons):
    text = " ".join(_words(700, seed=2))  # about 4 KB
    made_up = " ".join(random.Random(3).choice(["انسحاب", "مطار", "التنف", "قوات", "الدولي", "التحالف"]) for _ in range(300))
    SourceText(text).closest(made_up + " الحسكة")
    assert comparisons.compared <= quotes.MAX_CANDIDATES
    quotes._closest.cache_clear()
    assert SourceText(text).closest(made_up) == ""  # no word in common: the hint says to copy the passage


def test_the_closest_passage_is_still_the_near_miss_in_a_short_source(comparisons):
    text = "وأكدت مصادر محلية، توجه نحو 200 شاحنة من حقلي الغاز إلى الحسكة."
    assert SourceText(text).closest("توجه نحو 300 شاحنة من حقلي") == "توجه نحو 200 شاحنة من حقلي"


def test_a_summary_of_brackets_at_the_size_limit_is_refused_by_check(run, make_corpus):
    event = VALID[EVENT].replace("summary: أكدت مصادر محلية توجه **نحو 200 شاحنة** إلى الحسكة.",
                                 "summary: '" + "[" * 19_000 + "'")
    make_corpus({EVENT: event})
    code, _, err = run("build")
    assert code == 1
    (error,) = errors_of(err)
    assert error.startswith(f"content/{EVENT}:5:11: error: too many unclosed or nested brackets"), error


@pytest.mark.parametrize("unit", ["[", "[أ](", "[أ]", "\\[", "`[`", "[أ](https://example.org/x) "])
def test_bracket_work_is_estimated_in_one_pass_at_the_size_limit(unit):
    """The estimate visits each bracket once: its work, counted, is linear in the text even where
    Python-Markdown's would not be."""
    text = (unit * (MAX_PROSE // len(unit) + 1))[:MAX_PROSE]
    visited = sum(1 for _ in rules._BRACKETS.finditer(text))
    assert visited <= len(text)
    work, _ = rules.bracket_work(text)
    refused = work > rules.BRACKET_WORK_PER_CHAR * len(text) + rules.BRACKET_WORK_FREE
    # Brackets inside code spans count as if outside: the estimate errs high, never low.
    assert refused == (unit in ("[", "[أ](", "`[`")), (unit, work)


def test_a_two_megabyte_page_is_refused_only_for_a_paragraph_over_the_limit():
    paragraph = " ".join(_words(1_500, seed=4))
    page = "# صفحة\n\n" + "\n\n".join([paragraph] * (2_000_000 // len(paragraph)))
    assert len(page) > 1_900_000
    assert rules.located(page, titled=True) == []
    title = len("# صفحة\n\n")
    joined = page[:title] + page[title:].replace("\n\n", " ", 5)
    (problem,) = rules.located(joined, titled=True)
    assert "over the 20,000 limit" in problem.message and problem.offset == title
