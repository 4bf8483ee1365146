"""Every folding rule of the one normaliser, run through the readers that apply it (and checked not to
apply in the others): quote matching and place finding here, a real Pagefind query in test_browser.py."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.arabic.normalise import (INVISIBLE_NAMES, PLACES, QUOTES, RULES, SEARCH, loose, search_forms,
                                      visible, without_particles)
from builder.checking.quotes import ONE_FOR_ONE, SourceText, one_for_one
from builder.pipeline.build import check
from builder.curation.suggest import Suggester

# Per rule: a sentence as a source may write it, the same as an editor or reader may type it, the
# place it names, and the readers expected to read the two alike. Written here, not taken from the code.
CASES = {
    "invisible": ("توجه رتل نحو\u200b الشد\u00adادي\u200f جنوب الحسكة\ufeff\u2060",
                  "توجه رتل نحو الشدادي جنوب الحسكة", "shaddadi", {QUOTES, PLACES, SEARCH}),
    "tashkeel": ("وصل رتل إلى الشدّادي جنوب الحسكة", "وصل رتل إلى الشدادي جنوب الحسكة", "shaddadi",
                 {QUOTES, PLACES, SEARCH}),
    "tatweel": ("غادر رتل الشـــدادي جنوب الحسكة", "غادر رتل الشدادي جنوب الحسكة", "shaddadi",
                {QUOTES, PLACES, SEARCH}),
    "persian": ("هبطت مروحية قرب حقل کونیکو شرق دير الزور", "هبطت مروحية قرب حقل كونيكو شرق دير الزور", "conoco",
                {QUOTES, PLACES, SEARCH}),
    "hamza": ("هبطت طائرة شحن في مطار أبو حجر", "هبطت طائرة شحن في مطار ابو حجر", "abu-hajar", {PLACES, SEARCH}),
    "alef-maqsura": ("انتشرت دورية في الشدادى جنوب الحسكة", "انتشرت دورية في الشدادي جنوب الحسكة", "shaddadi",
                     {PLACES, SEARCH}),
    "ta-marbuta": ("أغلقت نقطة في القرية الخضراء", "أغلقت نقطة في القريه الخضراء", "conoco", {PLACES, SEARCH}),
    "particles": ("انسحبت القوات من الحسكة والشدادي", "انسحبت القوات من الحسكة الشدادي", "shaddadi",
                  {PLACES, SEARCH}),
}

PLACES_FILES = {
    "shaddadi": "id: shaddadi\nname: {ar: الشدادي, en: Shaddadi}\nkind: base\n",
    "conoco": "id: conoco\nname: {ar: حقل كونيكو, en: Conoco gas field}\naliases: [كونيكو, القرية الخضراء]\n"
              "kind: gas-field\n",
    "abu-hajar": "id: abu-hajar\nname: {ar: مطار أبو حجر, en: Abu Hajar airfield}\nkind: airfield\n",
}
WHERE = "governorate: {ar: الحسكة, en: Hasakah}\nlocation: {lat: 36.4, lon: 40.9, precision: approximate}\n"


def write_rules_corpus(root: Path) -> Path:
    """A corpus of the places above and one source per rule whose whole text is the rule's written
    sentence, so a query that finds that source's page found it through the rule."""
    content = root / "content"
    for folder in ("bases", "sources", "events"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    for place, body in PLACES_FILES.items():
        (content / "bases" / f"{place}.yaml").write_text(body + WHERE, encoding="utf-8")
    for rule, (written, *_rest) in CASES.items():
        ident = f"rule-{rule}"
        (content / "sources" / f"{ident}.txt").write_text(written + "\n", encoding="utf-8")
        (content / "sources" / f"{ident}.yaml").write_text(textwrap.dedent(f"""\
            id: {ident}
            outlet: {{ar: وكالة تجريبية, en: Test agency}}
            title: خبر تجريبي
            published: 2025-05-03
            language: ar
            reliability: C
            """), encoding="utf-8")
    return content


def test_every_rule_has_a_case_and_the_readers_the_case_expects():
    assert set(CASES) == {rule.name for rule in RULES}
    for rule in RULES:
        assert set(rule.readers) == CASES[rule.name][3], rule.name


@pytest.mark.parametrize("rule", list(CASES))
def test_quote_matching(rule):
    written, typed, _, readers = CASES[rule]
    source = SourceText(f"وقال مراسل محلي إن {written}، بحسب شهود.")
    assert (source.find(typed) is not None) == (QUOTES in readers)


@pytest.fixture(scope="module")
def suggester(tmp_path_factory):
    return Suggester(check(write_rules_corpus(tmp_path_factory.mktemp("rules"))).corpus)


@pytest.mark.parametrize("rule", list(CASES))
def test_place_matching(suggester, rule):
    written, typed, place, readers = CASES[rule]
    assert place in [m.base for m in suggester.mentions(loose(typed))]
    assert (place in [m.base for m in suggester.mentions(loose(written))]) == (PLACES in readers)


@pytest.mark.parametrize("char", sorted(INVISIBLE_NAMES))
def test_each_invisible_character_is_ignored_by_quotes_and_places(suggester, char):
    written = f"توجه رتل نحو{char} الشد{char}ادي جنوب الحسكة"
    assert SourceText(written).find("توجه رتل نحو الشدادي جنوب") is not None
    assert "shaddadi" in [m.base for m in suggester.mentions(loose(written))]


@pytest.mark.parametrize("word, read", [
    ("وانسحبت", "انسحبت"), ("وأكدت", "أكدت"), ("والشدادي", "الشدادي"), ("للشدادي", "الشدادي"),
    ("بالحسكة", "الحسكة"), ("وبالحسكة", "الحسكة"), ("فالقوات", "القوات"), ("كالعادة", "العادة"),
    ("لقاعدة", "قاعدة"), ("وصل", "وصل"), ("بلد", "بلد"), ("بلدة", "بلدة"), ("الشدادي", "الشدادي"),
    ("ولل", "ولل"), ("و", "و"),
])
def test_particles_are_read_apart_but_short_words_keep_their_first_letter(word, read):
    assert without_particles(word) == read


def test_search_forms_are_the_words_that_read_differently():
    assert search_forms("وانسحبت القوات من الشدّادي نحو\u200bکونیکو") == ["انسحبت", "الشدادي", "نحوكونيكو"]


def test_hints_show_invisible_characters_by_name():
    assert visible("نحو\u200b القاعدة\u00ad") == "نحو⟨ZWSP⟩ القاعدة⟨SHY⟩"


def test_the_closest_passage_is_the_sources_own_text_with_invisibles_shown():
    source = SourceText("وقال مراسل إن رتلا توجه نحو\u200b القاعدة الشمالية مساء الأحد.")
    assert source.closest("رتلا توجه نحو القاعده الشمالية") == "رتلا توجه نحو⟨ZWSP⟩ القاعدة الشمالية"


def test_the_readme_prints_the_table_of_rules():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        row = next((line for line in readme.splitlines() if line.startswith(f"| {rule.name} |")), None)
        assert row is not None, f"README's Arabic section has no row for the rule '{rule.name}'"
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[-3:] == ["yes" if reader in rule.readers else "no" for reader in (QUOTES, PLACES, SEARCH)], row


@given(st.text(alphabet=st.one_of(st.sampled_from(sorted(ONE_FOR_ONE)), st.sampled_from("قاعدة رتل\u064e"),
                                  st.characters()), max_size=60))
def test_the_one_for_one_replacement_is_the_table_applied_to_every_character(text):
    assert one_for_one(text) == text.translate(str.maketrans(ONE_FOR_ONE))
