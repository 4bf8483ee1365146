"""A place's status is the effect of the latest event that has certainly happened, linked to that event."""

from __future__ import annotations

from builder.pipeline.build import check
from conftest import SOURCE_ID


def touching(event_id: str, date: str, effect: str, base: str = "conoco") -> dict[str, str]:
    year = date.split("start: ")[1][:4]
    return {f"events/{year}/{event_id}.yaml": f"""\
        id: {event_id}
        date: {date}
        type: statement
        title: حدث {event_id}
        summary: ملخص.
        bases: [{{id: {base}, effect: {effect}}}]
        citations: [{{source: {SOURCE_ID}, quote: "توجه نحو 200 شاحنة"}}]
        credibility: 3
        """}


def status(make_corpus, *events):
    files: dict = {"events/2025/2025-05-02-convoy.yaml": None}  # only the events under test touch conoco
    for e in events:
        files.update(touching(*e))
    index = check(make_corpus(files)).index
    change = index.status("conoco")
    return change.effect, change.event.id


def test_latest_effect_wins(make_corpus):
    assert status(make_corpus, ("a", "{start: 2024-01-01, precision: day}", "established"),
                  ("b", "{start: 2024-03-01, precision: day}", "withdrawn")) == ("withdrawn", "b")


def test_event_known_only_to_the_month_counts_after_a_day_inside_it(make_corpus):
    # 'Closed during May' is only certain by 31 May; a reduction on 2 May does not override it.
    assert status(make_corpus, ("closed", "{start: 2025-05, precision: month}", "closed"),
                  ("trimmed", "{start: 2025-05-10, precision: day}", "reduced")) == ("closed", "closed")


def test_mentions_do_not_change_status(make_corpus):
    assert status(make_corpus, ("a", "{start: 2024-01-01, precision: day}", "active"),
                  ("b", "{start: 2024-06-01, precision: day}", "mentioned")) == ("active", "a")


def test_vague_old_range_does_not_override_recent_news(make_corpus):
    assert status(make_corpus, ("old", "{start: 2019, end: 2025, precision: year}", "established"),
                  ("new", "{start: 2020-06-01, precision: day}", "reduced")) == ("reduced", "new")


def test_place_without_effects_has_no_status(make_corpus):
    index = check(make_corpus({"events/2025/2025-05-02-convoy.yaml": None})).index
    assert index.status("qasrak") is None


def test_year_only_events_get_their_own_brief_not_january(make_corpus):
    index = check(make_corpus(touching("vague", "{start: 2014, precision: year}", "mentioned"))).index
    assert list(index.by_month) == ["2025-05", "2014"]


def test_week_across_months_belongs_to_the_month_it_ends_in(make_corpus):
    index = check(make_corpus(touching("week", "{start: 2025-04-27, precision: week}", "mentioned"))).index
    assert [e.id for e in index.by_month["2025-05"]] == ["week", "2025-05-02-convoy"]


def test_a_years_unknown_month_brief_follows_its_months(make_corpus):
    files = {**touching("vague", "{start: 2025, precision: year}", "mentioned"),
             **touching("january", "{start: 2025-01, precision: month}", "mentioned")}
    assert list(check(make_corpus(files)).index.by_month) == ["2025-05", "2025-01", "2025"]
