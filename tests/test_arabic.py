"""Quote matching, Arabic dates and plurals: what a reader of the site sees."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.arabic import wording
from builder.arabic.printing import Style, coordinate
from builder.arabic.normalise import fold_text
from builder.common import model as m
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


# Counted units as an Arabic editor writes them, for 1, 2, 3, 10, 11, 99, 100, 101, 102 and 1000:
# one the singular with «واحد/واحدة», two the dual, 3–10 the plural, 11–99 the singular accusative,
# hundreds and thousands (and 101, 102) the singular.
COUNTS = (1, 2, 3, 10, 11, 99, 100, 101, 102, 1000)
UNIT_FORMS = {
    "truck": ("شاحنة واحدة", "شاحنتان", "3 شاحنات", "10 شاحنات", "11 شاحنة", "99 شاحنة", "100 شاحنة",
              "101 شاحنة", "102 شاحنة", "1000 شاحنة"),
    "aircraft": ("طائرة واحدة", "طائرتان", "3 طائرات", "10 طائرات", "11 طائرة", "99 طائرة", "100 طائرة",
                 "101 طائرة", "102 طائرة", "1000 طائرة"),
    "cargo-aircraft": ("طائرة شحن واحدة", "طائرتا شحن", "3 طائرات شحن", "10 طائرات شحن", "11 طائرة شحن",
                       "99 طائرة شحن", "100 طائرة شحن", "101 طائرة شحن", "102 طائرة شحن", "1000 طائرة شحن"),
    "helicopter": ("مروحية واحدة", "مروحيتان", "3 مروحيات", "10 مروحيات", "11 مروحية", "99 مروحية",
                   "100 مروحية", "101 مروحية", "102 مروحية", "1000 مروحية"),
    "soldier": ("جندي واحد", "جنديان", "3 جنود", "10 جنود", "11 جنديًا", "99 جنديًا", "100 جندي", "101 جندي",
                "102 جندي", "1000 جندي"),
    "troops": ("جندي واحد", "جنديان", "3 جنود", "10 جنود", "11 جنديًا", "99 جنديًا", "100 جندي", "101 جندي",
               "102 جندي", "1000 جندي"),
    "vehicle": ("آلية واحدة", "آليتان", "3 آليات", "10 آليات", "11 آلية", "99 آلية", "100 آلية", "101 آلية",
                "102 آلية", "1000 آلية"),
    "exercise": ("تدريب واحد", "تدريبان", "3 تدريبات", "10 تدريبات", "11 تدريبًا", "99 تدريبًا", "100 تدريب",
                 "101 تدريب", "102 تدريب", "1000 تدريب"),
    "operation": ("عملية واحدة", "عمليتان", "3 عمليات", "10 عمليات", "11 عملية", "99 عملية", "100 عملية",
                  "101 عملية", "102 عملية", "1000 عملية"),
    "base": ("قاعدة واحدة", "قاعدتان", "3 قواعد", "10 قواعد", "11 قاعدة", "99 قاعدة", "100 قاعدة", "101 قاعدة",
             "102 قاعدة", "1000 قاعدة"),
    "country": ("دولة واحدة", "دولتان", "3 دول", "10 دول", "11 دولة", "99 دولة", "100 دولة", "101 دولة",
                "102 دولة", "1000 دولة"),
    "day": ("يوم واحد", "يومان", "3 أيام", "10 أيام", "11 يومًا", "99 يومًا", "100 يوم", "101 يوم", "102 يوم",
            "1000 يوم"),
    "km": ("كيلومتر واحد", "كيلومتران", "3 كيلومترات", "10 كيلومترات", "11 كيلومترًا", "99 كيلومترًا",
           "100 كيلومتر", "101 كيلومتر", "102 كيلومتر", "1000 كيلومتر"),
    "percent": ("1 في المئة", "2 في المئة", "3 في المئة", "10 في المئة", "11 في المئة", "99 في المئة",
                "100 في المئة", "101 في المئة", "102 في المئة", "1000 في المئة"),
}


def test_every_unit_of_the_vocabulary_has_its_forms_written_down():
    assert set(UNIT_FORMS) == set(m.UNITS)


@pytest.mark.parametrize("unit", sorted(UNIT_FORMS))
def test_counted_units_agree_with_their_number(unit):
    assert [LEVANTINE.quantity(n, unit) for n in COUNTS] == list(UNIT_FORMS[unit])


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


@pytest.mark.parametrize("value, expected", [(35.37, "35.37"), (40.28, "40.28"), (36.0, "36"), (-0.5, "-0.5")])
def test_coordinates_print_as_written(value, expected):
    assert coordinate(value) == expected


@pytest.mark.parametrize("kind, name, expected", [
    ("gas-field", "حقل كونيكو", "حقل كونيكو"), ("base", "الشدادي", "قاعدة الشدادي"),
    ("airfield", "مطار أبو حجر", "مطار أبو حجر"), ("oil-field", "العمر", "حقل نفط العمر"),
])
def test_a_place_is_named_with_its_kind_once(kind, name, expected):
    assert wording.place_with_kind(kind, name) == expected
