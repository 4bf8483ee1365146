"""Every validation rule, asserted as the exact `path:line:col: error: message` an editor reads."""

from __future__ import annotations

import pytest

from conftest import SOURCE_ID, errors_of

EVENT = "events/2025/2025-05-02-convoy.yaml"


def event(**overrides) -> str:
    """The valid event's YAML with some top-level lines replaced (value None drops the line)."""
    fields = {
        "id": "2025-05-02-convoy",
        "date": "{start: 2025-05-02, precision: day}",
        "type": "withdrawal",
        "title": "نحو 200 شاحنة تغادر حقل كونيكو",
        "summary": "ملخص.",
        "bases": "[{id: conoco, effect: reduced}]",
        "citations": f'[{{source: {SOURCE_ID}, quote: "توجه نحو 200 شاحنة"}}]',
        "credibility": "2",
    }
    fields.update(overrides)
    return "".join(f"{k}: {v}\n" for k, v in fields.items() if v is not None)


def check(run, make_corpus, files):
    make_corpus(files)
    code, out, err = run("check")
    assert code == 1, out
    return errors_of(err)


CASES = {
    "id-differs-from-stem": (
        {EVENT: event(id="2025-05-02-other")},
        "content/events/2025/2025-05-02-convoy.yaml:1:5: error: id '2025-05-02-other' differs from the file name '2025-05-02-convoy'",
    ),
    "id-not-lowercase-ascii": (
        {EVENT: event(id="2025-05-02-Convoy")},
        "content/events/2025/2025-05-02-convoy.yaml:1:5: error: id '2025-05-02-Convoy' is not lowercase ASCII words joined by hyphens",
    ),
    "missing-required-field": (
        {EVENT: event(title=None)},
        "content/events/2025/2025-05-02-convoy.yaml:1:1: error: missing required field 'title'",
    ),
    "unknown-field": (
        {EVENT: event() + "summery: x\n"},
        "content/events/2025/2025-05-02-convoy.yaml:9:1: error: unknown field 'summery'",
    ),
    "type-not-in-vocabulary": (
        {EVENT: event(type="withdrawl")},
        "content/events/2025/2025-05-02-convoy.yaml:3:7: error: 'type' is 'withdrawl', not one of the allowed values",
    ),
    "effect-not-in-vocabulary": (
        {EVENT: event(bases="[{id: conoco, effect: shrunk}]")},
        "content/events/2025/2025-05-02-convoy.yaml:6:30: error: 'effect' is 'shrunk', not one of the allowed values",
    ),
    "unit-not-in-vocabulary": (  # the site would print it in English: a unit needs its Arabic forms first
        {EVENT: event() + "quantities: [{count: 60, unit: countries}]\n"},
        "content/events/2025/2025-05-02-convoy.yaml:9:32: error: 'unit' is 'countries', not one of the allowed values",
    ),
    "non-iso-date": (
        {EVENT: event(date="{start: 02/05/2025, precision: day}")},
        "content/events/2025/2025-05-02-convoy.yaml:2:15: error: 'start' is '02/05/2025', but a day-precision date is written YYYY-MM-DD",
    ),
    "impossible-date": (
        {EVENT: event(date="{start: 2025-02-30, precision: day}")},
        "content/events/2025/2025-05-02-convoy.yaml:2:15: error: 'start' is 2025-02-30, which is not a calendar date",
    ),
    "datetime-refused": (
        {EVENT: event(date="{start: '2025-05-02T10:00', precision: day}")},
        "content/events/2025/2025-05-02-convoy.yaml:2:15: error: 'start' is '2025-05-02T10:00', but a day-precision date is written YYYY-MM-DD",
    ),
    "precision-inconsistent-with-value": (
        {EVENT: event(date="{start: 2025-05-02, precision: month}")},
        "content/events/2025/2025-05-02-convoy.yaml:2:15: error: 'start' is '2025-05-02', but a month-precision date is written YYYY-MM",
    ),
    "end-before-start": (
        {EVENT: event(date="{start: 2025-05-02, end: 2025-05-01, precision: day}")},
        "content/events/2025/2025-05-02-convoy.yaml:2:32: error: 'end' (2025-05-01) is before 'start' (2025-05-02)",
    ),
    "event-filed-under-wrong-year": (
        {EVENT: None, "events/2024/2025-05-02-convoy.yaml": event()},
        "content/events/2024/2025-05-02-convoy.yaml:2:7: error: the event starts in 2025 but is filed under events/2024/",
    ),
    "unknown-base": (
        {EVENT: event(bases="[{id: konico, effect: reduced}]")},
        "content/events/2025/2025-05-02-convoy.yaml:6:14: error: unknown base 'konico'",
    ),
    "unknown-source": (
        {EVENT: event(citations='[{source: alarab-2025-05-04, quote: "توجه نحو 200 شاحنة"}]')},
        "content/events/2025/2025-05-02-convoy.yaml:7:22: error: unknown source 'alarab-2025-05-04'",
    ),
    "quote-too-short": (
        {EVENT: event(citations=f'[{{source: {SOURCE_ID}, quote: "و"}}]')},
        "content/events/2025/2025-05-02-convoy.yaml:7:48: error: the quote has 1 word, too few to identify a passage",
    ),
    "quote-of-two-words": (
        {EVENT: event(citations=f'[{{source: {SOURCE_ID}, quote: "نحو 200"}}]')},
        "content/events/2025/2025-05-02-convoy.yaml:7:48: error: the quote has 2 words, too few to identify a passage",
    ),
    "quote-not-in-source": (
        {EVENT: event(citations=f'[{{source: {SOURCE_ID}, quote: "توجه نحو 300 شاحنة"}}]')},
        "content/events/2025/2025-05-02-convoy.yaml:7:48: error: quote not found in source 'alarab-2025-05-03': «توجه نحو 300 شاحنة»",
    ),
    "latitude-out-of-range": (
        {"bases/qasrak.yaml": "id: qasrak\nname: {ar: قسرك}\nkind: base\ngovernorate: {ar: الحسكة}\n"
                              "location: {lat: 136.6, lon: 40.7, precision: approximate}\n"},
        "content/bases/qasrak.yaml:5:17: error: 'lat' is 136.6, outside -90 … 90",
    ),
    "base-kind-not-in-vocabulary": (
        {"bases/qasrak.yaml": "id: qasrak\nname: {ar: قسرك}\nkind: fort\ngovernorate: {ar: الحسكة}\n"},
        "content/bases/qasrak.yaml:3:7: error: 'kind' is 'fort', not one of the allowed values",
    ),
    "javascript-url": (
        {f"sources/{SOURCE_ID}.yaml": f"id: {SOURCE_ID}\noutlet: {{ar: العرب}}\ntitle: عنوان\npublished: 2025-05-03\n"
                                      "url: javascript:alert(1)\nlanguage: ar\nreliability: C\n"},
        "content/sources/alarab-2025-05-03.yaml:5:6: error: 'url' must be an http or https address, not 'javascript:alert(1)'",
    ),
    "reliability-grade-out-of-scale": (
        {f"sources/{SOURCE_ID}.yaml": f"id: {SOURCE_ID}\noutlet: {{ar: العرب}}\ntitle: عنوان\npublished: 2025-05-03\n"
                                      "language: ar\nreliability: G\n"},
        "content/sources/alarab-2025-05-03.yaml:6:14: error: 'reliability' is 'G', not one of the allowed values",
    ),
    "credibility-grade-out-of-scale": (
        {EVENT: event(credibility="7")},
        "content/events/2025/2025-05-02-convoy.yaml:8:14: error: 'credibility' is '7', not one of the allowed values",
    ),
    "published-not-iso": (
        {f"sources/{SOURCE_ID}.yaml": f"id: {SOURCE_ID}\noutlet: {{ar: العرب}}\ntitle: عنوان\npublished: 3 May 2025\n"
                                      "language: ar\nreliability: C\n"},
        "content/sources/alarab-2025-05-03.yaml:4:12: error: 'published' is '3 May 2025', not an ISO date (YYYY-MM-DD or YYYY-MM)",
    ),
    "citations-empty": (
        {EVENT: event(citations="[]")},
        "content/events/2025/2025-05-02-convoy.yaml:7:12: error: 'citations' needs at least one item",
    ),
    "wrong-type-string-for-list": (
        {EVENT: event(bases="conoco")},
        "content/events/2025/2025-05-02-convoy.yaml:6:8: error: 'bases' must be a list, not text",
    ),
    "source-without-text": (
        {f"sources/{SOURCE_ID}.txt": None},
        "content/sources/alarab-2025-05-03.yaml: error: 'alarab-2025-05-03.txt' is missing",
    ),
    "title-too-long": (
        {EVENT: event(title="ا" * 301)},
        "content/events/2025/2025-05-02-convoy.yaml:4:8: error: 'title' is 301 characters, over the limit of 300",
    ),
    "alias-names-two-places": (
        {"bases/qasrak.yaml": "id: qasrak\nname: {ar: قسرك}\naliases: [كونيكو]\nkind: base\ngovernorate: {ar: الحسكة}\n"},
        "content/bases/qasrak.yaml:3:11: error: the name 'كونيكو' also belongs to base 'conoco'",
    ),
    "duplicate-event-id-across-years": (
        {"events/2026/2025-05-02-convoy.yaml": event()},
        "content/events/2026/2025-05-02-convoy.yaml:2:7: error: the event starts in 2025 but is filed under events/2026/",
    ),
    "page-takes-a-generated-address": (
        {"pages/events.md": "# أحداث\n"},
        "content/pages/events.md:1:1: error: a page may not be called 'events'",
    ),
    "unexpected-file-in-layout": (
        {"bases/notes.yml": "id: notes\n"},
        "content/bases/notes.yml: error: unexpected file 'notes.yml'",
    ),
}


@pytest.mark.parametrize("files, expected", CASES.values(), ids=CASES.keys())
def test_rule_reports_exact_position(run, make_corpus, files, expected):
    assert expected in check(run, make_corpus, files)


def test_hints_suggest_the_fix(run, make_corpus):
    make_corpus({EVENT: event(type="withdrawl", bases="[{id: konico, effect: reduced}]")})
    _, _, err = run("check")
    assert "hint: did you mean 'withdrawal'?" in err
    assert "hint: did you mean 'conoco'?" in err


def test_quote_error_shows_closest_passage(run, make_corpus):
    make_corpus({EVENT: event(citations=f'[{{source: {SOURCE_ID}, quote: "توجه نحو 300 شاحنة من حقلي الغاز"}}]')})
    _, _, err = run("check")
    assert "hint: the closest passage is «توجه نحو 200 شاحنة من حقلي الغاز»" in err


def test_all_problems_reported_together_sorted(run, make_corpus):
    make_corpus({
        EVENT: event(type="withdrawl", credibility="9"),
        "bases/qasrak.yaml": "id: qasrak\nname: {ar: قسرك}\nkind: fort\ngovernorate: {ar: الحسكة}\n",
    })
    code, _, err = run("check")
    lines = errors_of(err)
    assert code == 1
    assert lines == sorted(lines, key=lambda l: (l.split(":")[0], int(l.split(":")[1]), int(l.split(":")[2])))
    assert len(lines) == 3
    assert err.rstrip().endswith("3 errors; nothing was written.")


def test_broken_base_file_does_not_echo_as_unknown_base(run, make_corpus):
    lines = check(run, make_corpus, {"bases/conoco.yaml": "id: conoco\nname: [\n"})
    assert len(lines) == 1 and lines[0].startswith("content/bases/conoco.yaml:")


def test_valid_corpus_passes(run, make_corpus):
    make_corpus()
    code, out, err = run("check")
    assert (code, err) == (0, "")
    assert "1 source, 2 bases, 1 event, 1 citation" in out
