"""Quote matching, Arabic dates and plurals: what a reader of the site sees."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.arabic.printing import Style
from builder.arabic.normalise import fold_text
from builder.common.model import PartialDate
from builder.checking.quotes import SourceText

TEXT = 'وأكدت مصادر محلية، توجه نحو 200 شاحنة من حقلي الغاز "كونيكو" و"العمر" في محافظة الدير الزور.'


@pytest.mark.parametrize("quote", [
    "توجه نحو 200 شاحنة",  # as written
    "تَوَجُّه نَحْوَ 200 شاحِنة",  # with tashkeel
    "توجـــه نحو 200 شاحنة",  # with tatweel
    "حقلي الغاز «كونيكو» و“العمر”",  # other quotation marks
    "توجه   نحو\n200 شاحنة",  # other white space
    "توجه\u200f نحو 200 شاحنة",  # a right-to-left mark
])
def test_quote_found_despite_invisible_differences(quote):
    assert SourceText(TEXT).find(quote) is not None


def test_match_maps_back_to_the_original_characters():
    source = SourceText(TEXT)
    match = source.find("حقلي الغاز «كونيكو»")
    assert TEXT[match.start:match.end] == 'حقلي الغاز "كونيكو"'


def test_presentation_forms_fold_to_letters():
    assert fold_text("\ufefb") == fold_text("لا")


def test_a_different_word_is_not_a_match():
    assert SourceText(TEXT).find("توجه نحو 300 شاحنة") is None


def test_closest_passage_points_at_the_near_miss():
    assert SourceText(TEXT).closest("توجه نحو 300 شاحنة") == "توجه نحو 200 شاحنة"


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=80), st.data())
def test_any_substring_of_a_text_is_found_and_maps_inside_it(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    source = SourceText(text)
    match = source.find(quote)
    if fold_text(quote):
        assert match is not None
        assert 0 <= match.start < match.end <= len(text)
        assert fold_text(text[match.start:match.end]) == fold_text(quote)


LEVANTINE, GREGORIAN, INDIC = Style(), Style(months="gregorian"), Style(digits="arabic-indic")
MAY_3 = dt.date(2025, 5, 3)


@pytest.mark.parametrize("style, value, expected", [
    (LEVANTINE, PartialDate(MAY_3, "day"), "3 أيار 2025"),
    (GREGORIAN, PartialDate(MAY_3, "day"), "3 مايو 2025"),
    (INDIC, PartialDate(MAY_3, "day"), "٣ أيار ٢٠٢٥"),
    (LEVANTINE, PartialDate(dt.date(2025, 5, 1), "month"), "أيار 2025"),
    (LEVANTINE, PartialDate(dt.date(2014, 1, 1), "year"), "2014"),
    (LEVANTINE, PartialDate(dt.date(2017, 10, 1), "month"), "تشرين الأول 2017"),
    (LEVANTINE, PartialDate(dt.date(2025, 1, 1), "month"), "كانون الثاني 2025"),
    (LEVANTINE, PartialDate(dt.date(2025, 5, 3), "week"), "أسبوع 3–9 أيار 2025"),
    (LEVANTINE, PartialDate(dt.date(2025, 4, 27), "week"), "أسبوع 27 نيسان – 3 أيار 2025"),
    (LEVANTINE, PartialDate(dt.date(2024, 12, 29), "week"), "أسبوع 29 كانون الأول 2024 – 4 كانون الثاني 2025"),
])
def test_dates_are_arabic_and_no_more_precise_than_known(style, value, expected):
    assert style.date(value) == expected


def test_month_precision_never_shows_a_day():
    text = LEVANTINE.date(PartialDate(dt.date(2025, 5, 1), "month"))
    assert not any(ch.isdigit() for ch in text.replace("2025", ""))


@pytest.mark.parametrize("n, expected", [
    (1, "حدث واحد"), (2, "حدثان"), (3, "3 أحداث"), (10, "10 أحداث"), (11, "11 حدثًا"),
    (99, "99 حدثًا"), (100, "100 حدث"), (103, "103 أحداث"),
])
def test_counts_use_arabic_plural_forms(n, expected):
    assert LEVANTINE.count(n, "event") == expected


def test_counts_follow_the_chosen_digits():
    assert INDIC.count(11, "source") == "١١ مصدرًا"


_arabicish = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهوي ءأإآةى٠١23\u064b\u064e\u0651\u0640\u200f\n\"«»“”'")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_arabicish, st.data())
def test_fast_regex_path_agrees_with_folding_path(text, data):
    start = data.draw(st.integers(0, max(0, len(text) - 1)))
    end = data.draw(st.integers(start, len(text)))
    quote = text[start:end] + data.draw(st.sampled_from(["", "ب", " "]))
    fast = SourceText(text)
    slow = SourceText(text)
    slow.simple = False  # force the character-by-character path
    assert fast.find(quote) == slow.find(quote)
