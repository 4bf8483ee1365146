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
    assert (found.iso, found.precision) == expected


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
    corpus = tmp_path / "corpus"
    shutil.copytree(CONTENT, corpus)
    curated = set(check(corpus).corpus.events)
    for source in sorted(p.stem for p in (corpus / "sources").glob("*.yaml")):
        code, out, err = run("suggest", source, "--content", str(corpus), "--write")
        assert code == 0, err
        assert "`briefing check` passes" in out
    after = check(corpus).corpus  # raises, listing every problem, if any stub does not validate
    written = [e for e in after.events.values() if e.id not in curated]
    assert len(written) > 20
    assert all(e.credibility == "6" and e.bases for e in written)  # ungraded, and each names a place


def test_printed_stubs_quote_their_sentence_verbatim(run):
    code, out, err = run("suggest", "alarab-2025-05-03-deir-ezzor", "--content", str(CONTENT))
    assert code == 0, err
    text = (CONTENT / "sources/alarab-2025-05-03-deir-ezzor.txt").read_text(encoding="utf-8")
    assert 'quote: "كما أفادت مصادر أهلية في محافظة دير الزور الجمعة بانسحاب رتل عسكري جديد من قاعدتي العمر وكونيكو باتجاه العراق."' in out
    assert "كما أفادت مصادر أهلية في محافظة دير الزور الجمعة بانسحاب رتل عسكري جديد من قاعدتي العمر وكونيكو باتجاه العراق." in text
    assert "date: {start: 2025-05-02, precision: day}" in out
    assert not list((CONTENT / "events").rglob("*-withdrawal-omar-conoco-2.yaml"))  # printing writes nothing


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
