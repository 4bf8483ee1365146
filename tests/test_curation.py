"""The curation assistant: `add-source` archives an article with what its text says about itself,
`suggest` reads it as an editor would, and every stub it prints passes `briefing check` unchanged."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest

from builder.curation.news_dates import find_dates, loose, publication_date
from builder.pipeline.build import check
from builder.common.model import PartialDate
from builder.curation.suggest import Suggester, find_quantities, likely_type

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
sys.path.insert(0, str(REPO / "tools"))

SAT = PartialDate(dt.date(2025, 5, 3), "day")  # a Saturday, Al-Arab's publication date
JUNE = PartialDate(dt.date(2025, 6, 1), "month")  # an article known only to its month


def dates(text: str, published: PartialDate = SAT) -> list[tuple[str, str]]:
    return [(h.date.iso, h.date.precision) for h in find_dates(loose(text), published)]


# Dates


@pytest.mark.parametrize("header, expected", [
    ("السبت 2025/05/03", ("2025-05-03", "day")),
    ("الإثنين, 10 نوفمبر 2025 11:47 AM", ("2025-11-10", "day")),
    ("10 أيار 2025", ("2025-05-10", "day")),
    ("نُشر في 3/5/2025", ("2025-05-03", "day")),
    ("تشرين الأول 2024", ("2024-10", "month")),
])
def test_datelines_in_both_month_systems_and_numeric_forms(header, expected):
    found = publication_date(f"عنوان المقال في سطره الأول وهو طويل بما يكفي\n{header}\nنص المقال")
    assert (found.date.iso, found.date.precision) == expected


def test_a_date_inside_a_sentence_is_not_the_dateline():
    assert publication_date("منذ تأسيسه في أيلول 2014، لعب التحالف الدولي دوراً محورياً في دعم القوات المحلية.") is None


@pytest.mark.parametrize("text, expected", [
    ("أفادت مصادر أهلية الجمعة بانسحاب رتل", [("2025-05-02", "day")]),  # the Friday before Saturday
    ("وفي منتصف أبريل الماضي، نشرت الصحيفة", [("2025-04", "month")]),
    ("عززت وجودها أواخر العام الماضي", [("2024", "year")]),
    ("خلال شهر أيار الفائت", [("2025-05", "month")]),
    ("في الشهر الماضي", [("2025-04", "month")]),
    ("في الأيام الماضية", [("2025-04-27", "week")]),
    ("أمس", [("2025-05-02", "day")]),
    ("استعادة كوباني (كانون الثاني 2015)، الموصل (تموز 2017)", [("2015-01", "month"), ("2017-07", "month")]),
    ("في يناير 2015، أُعلن", [("2015-01", "month")]),
    ("في نهاية عام 2014", [("2014", "year")]),
    ("من 2000 إلى 1400 جندي", []),  # counts are not years
])
def test_date_expressions_resolve_against_the_publication_date(text, expected):
    assert dates(text) == expected


def test_relative_dates_are_no_more_precise_than_the_publication_date():
    # «Friday» in an article known only to June 2025 is June, not a guessed day.
    assert dates("الجمعة", JUNE) == [("2025-06", "month")]
    assert dates("الأسبوع الماضي", JUNE) == [("2025-06", "month")]
    assert dates("أكتوبر الجاري", PartialDate(dt.date(2024, 10, 1), "month")) == [("2024-10", "month")]


def test_a_range_of_years_keeps_both_ends():
    hit = find_dates(loose("في عامي 2024 و2025، بدأت أنشطة جديدة"), SAT)[0]
    assert (hit.date.iso, hit.until.iso) == ("2024", "2025")


# Quantities and types


@pytest.mark.parametrize("text, expected", [
    ("توجه نحو 200 شاحنة من حقلي الغاز", [(200, "truck")]),
    ("هبوط سبع طائرات شحن عسكرية", [(7, "cargo-aircraft")]),
    ("نفّذ التحالف ست تدريبات عسكرية", [(6, "exercise")]),
    ("هبطت برفقة مروحيتين حربيتين", [(2, "helicopter")]),
    ("أكثر من ٧٠ شاحنة لوجستية", [(70, "truck")]),
])
def test_quantities_in_digits_and_number_words(text, expected):
    assert find_quantities(loose(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("وانسحبت هذه المراكب باتجاه قواعد أميركية", "withdrawal"),
    ("قاعدة دعم المهام التي سلّمها التحالف لقسد", "handover"),
    ("طائرة شحن هبطت بقاعدة خراب الجير", "airlift"),
    ("وصلت قافلة من 25 شاحنة", "convoy"),
    ("نفذ التحالف تدريبات مشتركة", "exercise"),
    ("شنت الطائرات ضربات جوية على مواقع", "airstrike"),
    ("قال المتحدث إن القوات باقية", "statement"),
])
def test_likely_type_from_the_verbs(text, expected):
    assert likely_type(loose(text)) == expected


# Places


@pytest.fixture(scope="module")
def suggester():
    return Suggester(check(CONTENT).corpus)


@pytest.mark.parametrize("text, base", [
    ("هبطت طائرة بقاعدة خراب الجير", "kharab-al-jir"),
    ("وصلت تعزيزات لقاعدة الشدادي", "shaddadi"),
    ("من قسرك والشدادي", "shaddadi"),
    ("قافلة تتجه للشدادي", "shaddadi"),
    ("في حقل كونيكو للغاز", "conoco"),
    ("عند القرية الخضراء", "conoco"),
    ("في مطار روباريا", "kobani-base"),
    ("قرب إثريا", "ithriya"),
    ("في اثريا", "ithriya"),  # hamza left off
])
def test_places_are_found_by_any_name_with_joined_particles(suggester, text, base):
    assert base in [m.base for m in suggester.mentions(loose(text))]


def test_a_longer_name_wins_over_a_shorter_one_inside_it(suggester):
    found = [m.base for m in suggester.mentions(loose("قاعدة كوباني مركز رئيسي في كوباني"))]
    assert found == ["kobani-base", "kobani"]


def test_unknown_places_after_a_place_noun_are_proposed(suggester):
    corpus = check(CONTENT).corpus
    source = corpus.sources["alarab-2025-05-03-deir-ezzor"]
    text = "وأفادت مصادر بوصول رتل إلى قاعدة التنف قرب الحدود.\n"
    _, places = suggester.suggest(type(source)(**{**source.__dict__, "text": text}))
    assert [(p.name, p.kind) for p in places] == [("قاعدة التنف", "base")]


# The commands, end to end


def test_every_suggestion_for_the_seed_corpus_passes_check_when_written(tmp_path, run):
    # Without the curated events, so that every sentence is proposed (a sentence an event already quotes
    # is not: test_a_second_run_proposes_no_sentence_already_cited).
    corpus = tmp_path / "corpus"
    shutil.copytree(CONTENT, corpus)
    shutil.rmtree(corpus / "events")
    for source in sorted(p.stem for p in (corpus / "sources").glob("*.yaml")):
        code, out, err = run("suggest", source, "--content", str(corpus), "--write")
        assert code == 0, err
        assert "`briefing check` passes" in out
    written = list(check(corpus).corpus.events.values())  # raises, listing every problem, if any stub does not validate
    assert len(written) > 20
    assert all(e.credibility == "6" and e.bases for e in written)  # ungraded, and each names a place


def _quoted(corpus) -> dict[tuple[str, str], set[str]]:
    """(source, quote) → the events citing it."""
    out: dict[tuple[str, str], set[str]] = {}
    for event in corpus.events.values():
        for citation in event.citations:
            out.setdefault((citation.source, citation.quote), set()).add(event.id)
    return out


def test_a_second_run_proposes_no_sentence_already_cited(tmp_path, run):
    """Over every seed source, with the curated events and after a first `--write` of its own: no event
    a run writes quotes a sentence of its source that an event written before already quotes."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CONTENT, corpus)
    sources = sorted(p.stem for p in (corpus / "sources").glob("*.yaml"))
    for attempt in range(2):
        for source in sources:
            before = check(corpus).corpus
            quoted_before = {source_id for source_id, _ in _quoted(before)}
            assert quoted_before  # the seed corpus's events cite its sources
            code, out, err = run("suggest", source, "--content", str(corpus), "--write")
            assert code == 0, err
            after = check(corpus).corpus
            new = {e.id for e in after.events.values()} - set(before.events)
            old_quotes = {key for key in _quoted(before)}
            for event_id in new:
                for citation in after.events[event_id].citations:
                    assert (citation.source, citation.quote) not in old_quotes, (attempt, event_id, citation.quote)
                    assert not any(citation.source == s and (citation.quote in q or q in citation.quote)
                                   for s, q in old_quotes), (attempt, event_id, citation.quote)
            assert not any(e.endswith("-2") for e in new), new


def test_suggest_says_which_event_already_cites_a_sentence_and_writes_nothing_for_it(make_corpus, tmp_path, run):
    content = make_corpus()
    article = tmp_path / "twice.txt"
    article.write_text("أفاد مراسل محلي بأن رتلاً من عشرين آلية غادر حقل كونيكو فجر اليوم باتجاه قاعدة قسرك.\n"
                       "وأضاف أن طائرة شحن هبطت في قاعدة قسرك في 20 من الشهر الماضي.\n", encoding="utf-8")
    assert run("add-source", str(article), "--content", str(content), "--id", "twice", "--published", "2025-05-10")[0] == 0
    code, out, err = run("suggest", "twice", "--content", str(content), "--write")
    assert code == 0, err
    first = sorted(p.relative_to(content) for p in (content / "events").rglob("*.yaml"))
    assert len(first) == 3, out  # the corpus's event and one per sentence
    code, out, err = run("suggest", "twice", "--content", str(content), "--write")
    assert code == 0, err
    assert sorted(p.relative_to(content) for p in (content / "events").rglob("*.yaml")) == first  # nothing written
    for path in first:
        if path.name != "2025-05-02-convoy.yaml":  # the corpus's own, citing Al-Arab
            assert f"already cited by {content.name / path} (" in out, out
    assert "0 events and 0 draft places written." in out and "Review every field" not in out
    # An editor's shortened quote still marks its sentence as cited.
    event = next(p for p in (content / "events").rglob("*.yaml") if "airlift" in p.name)
    text = event.read_text(encoding="utf-8")
    full = "وأضاف أن طائرة شحن هبطت في قاعدة قسرك في 20 من الشهر الماضي."
    event.write_text(text.replace(full, "طائرة شحن هبطت في قاعدة قسرك"), encoding="utf-8")
    code, out, err = run("suggest", "twice", "--content", str(content))
    assert code == 0 and "already cited by" in out and full not in out.split("already cited by")[0]
    assert "# 0 suggested events, 0 possible new places" in err


def test_a_sentence_cited_from_another_source_is_still_a_second_report(make_corpus, tmp_path, run):
    # The corpus's event quotes the same words, but from Al-Arab: this source's sentence is a new citation.
    out, content = _second_report(make_corpus, tmp_path, run,
                                  "قال مصدر محلي إن 200 شاحنة غادرت حقل كونيكو أمس باتجاه قاعدة قسرك.\n")
    assert "already cited by" not in out and "already reports this; add to its citations:" in out


def test_printed_stubs_quote_their_sentence_verbatim(run, tmp_path):
    sentence = "كما أفادت مصادر أهلية في محافظة دير الزور الجمعة بانسحاب رتل عسكري جديد من قاعدتي العمر وكونيكو باتجاه العراق."
    assert sentence in (CONTENT / "sources/alarab-2025-05-03-deir-ezzor.txt").read_text(encoding="utf-8")
    # The seed corpus cites that sentence already: suggest names the event instead of proposing it again.
    code, out, err = run("suggest", "alarab-2025-05-03-deir-ezzor", "--content", str(CONTENT))
    assert code == 0, err
    assert f"2025-05-02-convoy-leaves-omar-conoco-for-iraq.yaml (2025-05-02-convoy-leaves-omar-conoco-for-iraq): \"{sentence}\"" in out
    assert f'quote: "{sentence}"' not in out
    # Without the curated events, it is a stub quoting the sentence word for word.
    corpus = tmp_path / "corpus"
    shutil.copytree(CONTENT, corpus, ignore=shutil.ignore_patterns("events"))
    code, out, err = run("suggest", "alarab-2025-05-03-deir-ezzor", "--content", str(corpus))
    assert code == 0, err
    assert f'quote: "{sentence}"' in out
    assert "date: {start: 2025-05-02, precision: day}" in out
    assert not (corpus / "events").exists()  # printing writes nothing


def test_unknown_source_is_an_error_with_a_hint(run):
    code, _, err = run("suggest", "alarab-2025-05-03", "--content", str(CONTENT))
    assert code == 1
    assert "no source 'alarab-2025-05-03'" in err and "alarab-2025-05-03-deir-ezzor" in err


def test_add_source_archives_verbatim_and_reads_the_dateline(tmp_path, run, make_corpus):
    content = make_corpus()
    article = tmp_path / "article.txt"
    raw = ("التحالف الدولي في سوريا: من مكافحة داعش إلى بناء توازنات جديدة\r\n"
           "الإثنين, 10 نوفمبر 2025 11:47 AM\r\n"
           "نص المقال. المصدر: https://example.org/news/42\r\n").encode("utf-8")
    article.write_bytes(raw)
    code, out, err = run("add-source", str(article), "--content", str(content), "--outlet", "نورث برس",
                         "--outlet-en", "North Press")
    assert code == 0, err
    [text] = list(content.glob("sources/north-press-2025-11-10-*.txt"))
    assert text.read_bytes() == raw, "the archive must be byte for byte what was published"
    meta = text.with_suffix(".yaml").read_text(encoding="utf-8")
    assert "published: 2025-11-10" in meta and "url: https://example.org/news/42" in meta
    assert 'title: "التحالف الدولي في سوريا: من مكافحة داعش إلى بناء توازنات جديدة"' in meta
    # The notes are shown on the source's page: in Arabic, naming what was read for the editor to check.
    assert ("notes: \"أُضيف بالأمر `briefing add-source`؛ قُرئ من النص آليًا: تاريخ النشر من سطر التاريخ، "
            "الرابط من النص، العنوان من أول الأسطر، فراجِعه.\"") in meta
    assert run("check", "--content", str(content))[0] == 0
    # The same text again (whatever its file name) is refused.
    again = tmp_path / "copy.txt"
    again.write_bytes(raw)
    code, _, err = run("add-source", str(again), "--content", str(content))
    assert code == 1 and "already archived as sources/north-press-2025-11-10-" in err


def test_add_source_without_a_dateline_asks_for_the_date(tmp_path, run, make_corpus):
    content = make_corpus()
    article = tmp_path / "undated.txt"
    article.write_text("قال مصدر مسؤول إن التحالف سلّم نقاطه في دير الزور خلال شهر أيار الفائت.\n", encoding="utf-8")
    code, _, err = run("add-source", str(article), "--content", str(content))
    assert code == 1 and "--published" in err
    assert not list(content.glob("sources/source-*"))
    code, _, err = run("add-source", str(article), "--content", str(content), "--published", "2025-06")
    assert code == 0, err
    assert run("check", "--content", str(content))[0] == 0


@pytest.mark.parametrize("given, published", [
    ("2025-06-03", "published: 2025-06-03"), ("٢٠٢٥-٠٦", "published: 2025-06"), ("2025-02-30", None), ("03/06/2025", None),
])
def test_add_source_reads_published_as_a_corpus_file_does(tmp_path, run, make_corpus, given, published):
    """--published is read by the same rule as `published:` in a source file (reading.fields.parse_date)."""
    content = make_corpus()
    article = tmp_path / "undated.txt"
    article.write_text("قال مصدر محلي إن رتلًا غادر القاعدة ليلًا باتجاه الحدود.\n", encoding="utf-8")
    code, _, err = run("add-source", str(article), "--content", str(content), "--published", given)
    if published is None:
        assert code == 1 and f"--published '{given}' is not YYYY-MM-DD or YYYY-MM" in err
        return
    assert code == 0, err
    meta = next(p for p in content.glob("sources/*.yaml") if p.stem.startswith("source-"))
    assert published in meta.read_text(encoding="utf-8")


def test_add_source_refuses_text_that_is_not_utf8(tmp_path, run, make_corpus):
    content = make_corpus()
    article = tmp_path / "cp1256.txt"
    article.write_bytes("قاعدة".encode("cp1256"))
    code, _, err = run("add-source", str(article), "--content", str(content), "--published", "2025-06")
    assert code == 1 and "not valid UTF-8" in err


# The evaluation


def test_suggestions_recall_at_least_80_percent_of_curated_place_date_pairs():
    from evaluate_suggest import score

    table, _, _ = score(CONTENT)
    found, _, curated = table["base+date"]
    assert found / curated >= 0.8, table


# Agency copy: each kind of miss, with text written for these tests


def _suggest(suggester, text: str, published: PartialDate = SAT):
    source = check(CONTENT).corpus.sources["alarab-2025-05-03-deir-ezzor"]
    return suggester.suggest(type(source)(**{**source.__dict__, "text": text, "published": published}))


def _pairs(stubs) -> set[tuple[str, str, str]]:
    return {(b, s.date.iso, s.date.precision) for s in stubs for b, _ in s.bases}


BODY = "رصد ناشطون دخول رتل للتحالف الدولي إلى قاعدة الشدادي يوم الخميس قادماً من العراق."


def test_the_dateline_beside_the_body_wins_over_a_page_clock_and_says_why():
    text = ("الأحد 12 تشرين الأول 2025 | 08:40\nالرئيسية | أخبار\n"
            "عنوان الخبر عن رتل جديد\nالقامشلي – 29/01/2021\n" + BODY)
    found = publication_date(text)
    assert (found.date.iso, found.line) == ("2021-01-29", 4)
    assert "line 1 gives 2025-10-12" in found.why and "--published" in found.why
    # A menu long enough to push the dateline past the twelfth line: a banner date near the top loses.
    menu = "\n".join(["الرئيسية", "أخبار", "تقارير", "رأي", "فيديو", "الجمعة 26 نيسان 2024", "بحث", "القائمة",
                      "اتصل بنا", "من نحن", "أرشيف", "عنوان الخبر", "الثلاثاء 5 تشرين الأول 2021"])
    assert publication_date(menu + "\n" + BODY).date.iso == "2021-10-05"


@pytest.mark.parametrize("text, published, expected", [
    ("وصل الرتل قبل يومين", SAT, [("2025-05-01", "day")]),
    ("استهدفت مسيرة القاعدة ليلة أمس الأول", SAT, [("2025-05-01", "day")]),
    ("وأول أمس هبطت طائرة", SAT, [("2025-05-01", "day")]),
    ("وفي 19 من الشهر الحالي دخل رتل", PartialDate(dt.date(2025, 5, 28), "day"), [("2025-05-19", "day")]),
    ("في 30 من الشهر الماضي", SAT, [("2025-04-30", "day")]),
    ("مساء الأحد الفائت", PartialDate(dt.date(2025, 11, 2), "day"), [("2025-10-26", "day")]),  # a Sunday's article
    ("يوم السبت الماضي", SAT, [("2025-04-26", "day")]),
    ("مساء الأحد المقبل", SAT, []),  # still to come: no event
    ("قبل ثلاثة أيام", SAT, [("2025-04-30", "day")]),
    ("فجر الیوم", SAT, [("2025-05-03", "day")]),  # Persian ی
    ("في 19 أيار", PartialDate(dt.date(2025, 6, 2), "day"), [("2025-05-19", "day")]),
    ("قبل يومين", JUNE, [("2025-06", "month")]),  # no more precise than the publication date
    ("7 مارس، 2024", SAT, [("2024-03-07", "day")]),  # Arabic comma before the year
    ("أقامت القوات نقطة قبل أسبوعين", SAT, [("2025-04-19", "week")]),
])
def test_relative_dates_resolve_with_the_precision_the_words_allow(text, published, expected):
    assert dates(text, published) == expected


def test_a_section_label_keeps_the_date_read_so_far(suggester):
    stubs, _ = _suggest(suggester, f"{BODY}\nخاص – سوريا\nوأفادت المصادر أن الرتل توجه بعدها إلى قاعدة قسرك محملاً بالمعدات.\n")
    assert ("qasrak", "2025-05-01", "day") in _pairs(stubs)


def test_sentences_typed_without_a_space_after_the_full_stop_are_split(suggester):
    text = ("دخلت قافلة من 25 شاحنة إلى قاعدة الشدادي يوم الإثنين.وفي سياق آخر، هبطت مروحيتان "
            "في قاعدة قسرك أمس.ولم ترد معلومات أخرى عن الحمولة.\n")
    stubs, _ = _suggest(suggester, text)
    assert {(s.bases[0][0], s.type, s.date.iso, tuple(s.quantities)) for s in stubs} == {
        ("shaddadi", "convoy", "2025-04-28", ((25, "truck"),)),
        ("qasrak", "airlift", "2025-05-02", ((2, "helicopter"),)),
    }


def test_a_headline_is_context_not_a_second_event(suggester):
    text = ("المرصد: طائرتا شحن تهبطان في قاعدة خراب الجير بعد دخول رتل إلى قاعدة الشدادي\n"
            "3 أيار 2025\n" + BODY + "\n")
    stubs, _ = _suggest(suggester, text)
    assert _pairs(stubs) == {("shaddadi", "2025-05-01", "day")}
    assert [s.quantities for s in stubs] == [[]]  # the headline's «طائرتا شحن» stays with the headline


@pytest.mark.parametrize("sentence", [
    "وتعد قاعدة الشدادي من أكبر القواعد في المنطقة.",
    "ويقع حقل العمر على الضفة الشرقية للنهر قرب الحدود.",
])
def test_background_is_not_an_event(suggester, sentence):
    stubs, _ = _suggest(suggester, BODY + "\n" + sentence + "\n")
    assert _pairs(stubs) == {("shaddadi", "2025-05-01", "day")}


@pytest.mark.parametrize("sentence, places", [
    ("اتجه الرتل إلى قاعدة تل البيدر بريف الحسكة الشمالي أمس.", {"tal-baydar"}),
    ("هبطت طائرة في قاعدة قسرك قرب مدينة الرقة أمس.", {"qasrak"}),
    ("انسحبت القوات من النقطة في قرية الحوايج القريبة من حقل العمر أمس.", set()),
    ("دخل رتل إلى قاعدة الشدادي جنوبي الحسكة أمس بحسب مراسلنا في الرقة.", {"shaddadi"}),
    ("أفاد مراسلنا في الرقة بأن رتلاً وصل أمس إلى قاعدة الشدادي.", {"shaddadi"}),
    ("استهدف هجوم قوات أمريكية قرب مدينة تدمر أمس.", {"palmyra"}),  # nothing else named: the place itself
])
def test_a_place_that_locates_another_gets_no_event(suggester, sentence, places):
    stubs, _ = _suggest(suggester, sentence + "\n")
    assert {b for s in stubs for b, _ in s.bases} == places


@pytest.mark.parametrize("sentence, names", [
    ("أنشأت القوات نقطة عسكرية في قرية تل فارس بريف الحسكة.", ["قرية تل فارس"]),
    ("دخلت آليات إلى منطقة اليعربية شرقي القامشلي.", ["منطقة اليعربية"]),
    ("تعمل القوات على تثبيت موقع في بلدة الصور.", ["بلدة الصور"]),
    ("قصفت المدفعية مواقع في مدينة البوكمال.", ["مدينة البوكمال"]),
    ("وهذه القاعدة الرابعة التي تعززها القوات هذا الشهر.", []),
    ("وأعلن التحالف إغلاق القاعدة رسميًا بعد تفريغها.", []),
    ("ونقلت القوات معداتها إلى قاعدة رسميًا معلنة.", []),
    ("ودخلت التعزيزات إلى المدينة ليلاً.", []),
])
def test_new_places_after_place_nouns_and_no_junk(suggester, sentence, names):
    _, places = _suggest(suggester, sentence + "\n")
    assert [p.name for p in places] == names


@pytest.mark.parametrize("text, expected", [
    ("تعمل القوات على تثبيت قاعدة جديدة", "establishment"),
    ("أنشأت القوات نقطة مراقبة", "establishment"),
    ("الشاحنات الأمريكية دخلت القاعدة", "convoy"),
    ("وصل رتل تعزيزات عسكرية إلى القاعدة", "convoy"),
    ("أخلت القوات موقعها", "withdrawal"),
])
def test_types_from_cues_an_article_does_not_hide(text, expected):
    assert likely_type(loose(text)) == expected


def test_a_convoy_of_reinforcements_reinforces_its_destination(suggester):
    stubs, _ = _suggest(suggester, "وصل رتل تعزيزات عسكرية أمس إلى قاعدة رميلان قادماً من العراق.\n")
    assert [(s.type, s.bases) for s in stubs] == [("convoy", [("rmeilan", "reinforced")])]


# Bounded time: sources may be 2 MB


@pytest.mark.parametrize("text", [
    "في أيار" + " " * 2_000_000,
    "• " + " " * 2_000_000 + "•",
    # Dense copy, a place and a date in every sentence: a twentieth of the limit keeps the suite quick.
    ("هبطت طائرة في قاعدة الشدادي يوم الأحد 3 أيار 2025. " * 2_000)[:100_000],
])
def test_suggest_and_add_source_take_linear_time_at_the_size_limit(suggester, tmp_path, text):
    import time

    from builder.curation.add_source import add_source

    started = time.perf_counter()
    _suggest(suggester, text)
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    add_source(tmp_path / "big.txt", tmp_path / "content", published="2025-05-03")
    # Quadratic matching took minutes on a tenth of this; linear work is a few seconds at most even
    # on a loaded machine.
    assert time.perf_counter() - started < 20


def test_held_out_articles_meet_the_targets():
    """bench/curation/heldout.yaml is never tuned on; the issue's targets hold on it."""
    sys.path.insert(0, str(REPO / "bench"))
    from curation_eval import score_set

    tally, _ = score_set("heldout")
    found = tally.expected & tally.proposed
    assert len(found) / len(tally.expected) >= 0.9 and len(found) / len(tally.proposed) >= 0.8
    assert tally.types_right / len(found) >= 0.8
    assert len(tally.places_expected & tally.places_proposed) / len(tally.places_expected) >= 0.8


# A second report of an event already in the corpus


def _second_report(make_corpus, tmp_path, run, text: str) -> tuple[str, Path]:
    content = make_corpus()
    article = tmp_path / "second.txt"
    article.write_text(text, encoding="utf-8")
    code, _, err = run("add-source", str(article), "--content", str(content), "--id", "second-2025-05-03",
                       "--published", "2025-05-03")
    assert code == 0, err
    code, out, err = run("suggest", "second-2025-05-03", "--content", str(content), "--write")
    assert code == 0, err
    return out, content


def test_a_matching_second_report_becomes_a_citation_on_the_existing_event(make_corpus, tmp_path, run):
    # The corpus's event: 200 trucks leave Conoco for Qasrak on 2 May, from another outlet.
    out, content = _second_report(make_corpus, tmp_path, run,
                                  "قال مصدر محلي إن 200 شاحنة غادرت حقل كونيكو أمس باتجاه قاعدة قسرك.\n")
    assert "2025-05-02-convoy (" in out and "already reports this; add to its citations:" in out
    assert ('#   - {source: second-2025-05-03, quote: "قال مصدر محلي إن 200 شاحنة غادرت حقل كونيكو أمس '
            'باتجاه قاعدة قسرك.", stance: supports}') in out
    assert sorted(p.name for p in (content / "events").rglob("*.yaml")) == ["2025-05-02-convoy.yaml"]  # no new event


@pytest.mark.parametrize("text, difference", [
    ("قال مصدر محلي إن 150 شاحنة غادرت حقل كونيكو أمس باتجاه قاعدة قسرك.", "count: 150 truck, not 200"),
    ("قال مصدر محلي إن 200 شاحنة غادرت حقل كونيكو يوم الخميس باتجاه قاعدة قسرك.", "date: 2025-05-01, not 2025-05-02"),
])
def test_a_second_report_that_differs_is_proposed_as_a_disagreement(make_corpus, tmp_path, run, text, difference):
    out, _ = _second_report(make_corpus, tmp_path, run, text + "\n")
    assert f"reports this differently ({difference})" in out and "stance: contradicts}" in out


def test_a_report_of_another_day_is_a_new_event(make_corpus, tmp_path, run):
    out, content = _second_report(make_corpus, tmp_path, run,
                                  "قال مصدر محلي إن رتلاً غادر حقل كونيكو في 20 من الشهر الماضي باتجاه قاعدة قسرك.\n")
    assert "already reports" not in out and "differently" not in out
    assert len(list((content / "events").rglob("*.yaml"))) == 2


# --write: every file or none, new places kept as drafts


def test_write_drafts_new_places_for_review_and_check_passes(make_corpus, tmp_path, run):
    content = make_corpus()
    article = tmp_path / "villages.txt"
    article.write_text("قال مصدر إن القوات الأمريكية انسحبت أمس من حقل كونيكو إلى نقطة في قرية تل فارس.\n",
                       encoding="utf-8")
    assert run("add-source", str(article), "--content", str(content), "--id", "villages", "--published", "2025-05-10")[0] == 0
    code, out, err = run("suggest", "villages", "--content", str(content), "--write")
    assert code == 0, err
    assert "1 event and 1 draft place written" in out and "review: pending" in out
    [draft] = list((content / "bases").glob("draft-*.yaml"))
    text = draft.read_text(encoding="utf-8")
    assert 'name: {ar: "تل فارس"}' in text and "review: pending" in text and "قرية تل فارس بريف" not in text
    assert "انسحبت أمس من حقل كونيكو إلى نقطة في قرية تل فارس." in text  # the sentence it came from
    corpus = check(content).corpus
    assert corpus.bases[draft.stem].pending and not corpus.bases[draft.stem].governorate.ar
    site = tmp_path / "site"
    assert run("build", "--content", str(content), "--site-dir", str(site))[0] == 0
    assert "بانتظار المراجعة" in (site / "bases" / draft.stem / "index.html").read_text(encoding="utf-8")


def test_a_reviewed_place_still_needs_its_governorate(make_corpus, run):
    content = make_corpus({"bases/village.yaml": "id: village\nname: {ar: قرية}\nkind: area\nreview: reviewed\n"})
    code, _, err = run("check", "--content", str(content))
    assert code == 1 and "governorate" in err


def test_write_validates_every_stub_first_and_writes_all_or_none(make_corpus, tmp_path, run, monkeypatch):
    import builder.curation.suggest as suggest

    content = make_corpus()
    article = tmp_path / "two.txt"
    article.write_text("قال مصدر محلي إن القوات الأمريكية انسحبت من حقل كونيكو أمس.\n"
                       "وصل رتل إلى قاعدة قسرك في 20 من الشهر الماضي.\n",
                       encoding="utf-8")
    assert run("add-source", str(article), "--content", str(content), "--id", "two", "--published", "2025-05-10")[0] == 0
    real, calls = suggest.stub_yaml, []

    def one_broken(stub, source):
        calls.append(stub)
        text = real(stub, source)
        return text.replace("type: ", "type: nonsense-") if len(calls) == 2 else text

    monkeypatch.setattr(suggest, "stub_yaml", one_broken)
    before = sorted(p.relative_to(content) for p in content.rglob("*"))
    code, out, err = run("suggest", "two", "--content", str(content), "--write")
    assert code == 1 and "nonsense" in err and str(content) in err and "nothing was written" in err, out + err
    assert sorted(p.relative_to(content) for p in content.rglob("*")) == before


# Counts in the tools' English messages agree with their nouns


@pytest.mark.parametrize("count, noun, plural, expected", [
    (0, "event", "", "0 events"), (1, "event", "", "1 event"), (2, "draft place", "", "2 draft places"),
    (1, "possible new place", "", "1 possible new place"), (3, "entry", "entries", "3 entries"),
])
def test_counted_agrees_in_number(count, noun, plural, expected):
    from builder.common.diagnostics import counted

    assert counted(count, noun, plural) == expected


def test_every_message_counts_through_one_helper():
    """No message builds a plural by hand (`{n} thing{'s' if n != 1 else ''}` or a bare `{len(x)} things`
    before a noun): each goes through diagnostics.counted, so none says «1 possible new places»."""
    import re

    root = Path(__file__).resolve().parent.parent / "builder"
    by_hand = re.compile(r"""'s' if|"s" if|\{(?:len|sum)\(.*\)\} (?!awaiting)[a-z]""")
    found = [f"{path.relative_to(root)}:{n}: {line.strip()}" for path in sorted(root.rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if by_hand.search(line)]
    assert found == []


def test_one_suggestion_is_counted_in_the_singular(make_corpus, tmp_path, run):
    content = make_corpus()
    article = tmp_path / "one.txt"
    article.write_text("قال مصدر إن القوات الأمريكية انسحبت أمس من حقل كونيكو إلى نقطة في قرية تل فارس.\n",
                       encoding="utf-8")
    assert run("add-source", str(article), "--content", str(content), "--id", "one", "--published", "2025-05-10")[0] == 0
    code, _, err = run("suggest", "one", "--content", str(content))
    assert code == 0 and "# 1 suggested event, 1 possible new place" in err
