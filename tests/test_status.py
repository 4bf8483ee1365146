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


# What the curation assistant writes waits for an editor


def pending(event_id: str, date: str, effect: str, review: str = "pending") -> dict[str, str]:
    files = touching(event_id, date, effect)
    path, body = next(iter(files.items()))
    return {path: body.replace("credibility: 3\n", f"credibility: 3\n        review: {review}\n")}


def test_an_unreviewed_event_changes_no_status_until_an_editor_confirms_it(make_corpus):
    base = {"events/2025/2025-05-02-convoy.yaml": None, **touching("old", "{start: 2024-01-01, precision: day}", "reduced")}
    stub = pending("stub", "{start: 2024-06-01, precision: day}", "active")
    index = check(make_corpus({**base, **stub})).index
    assert index.status("conoco").event.id == "old"  # the stub is listed, not counted
    assert [e.id for e, _ in index.by_base["conoco"]] == ["old", "stub"]
    confirmed = pending("stub", "{start: 2024-06-01, precision: day}", "active", review="reviewed")
    assert check(make_corpus({**base, **confirmed})).index.status("conoco").event.id == "stub"
    plain = touching("stub", "{start: 2024-06-01, precision: day}", "active")  # the field removed
    assert check(make_corpus({**base, **plain})).index.status("conoco").event.id == "stub"


def test_review_takes_only_pending_or_reviewed(run, make_corpus):
    content = make_corpus(pending("stub", "{start: 2024-06-01, precision: day}", "active", review="maybe"))
    code, _, err = run("check", "--content", str(content))
    assert code == 1 and "review" in err and "pending" in err


def test_suggested_stubs_are_pending_shown_so_and_listed_by_check(tmp_path, run):
    import shutil
    from pathlib import Path

    corpus = tmp_path / "corpus"
    shutil.copytree(Path(__file__).resolve().parent.parent / "content", corpus)
    before = check(corpus).index
    statuses = {b: (c[-1].effect, c[-1].event.id) for b, c in before.history.items() if c}
    code, out, err = run("suggest", "alarab-2025-05-03-deir-ezzor", "--content", str(corpus), "--write")
    assert code == 0, err
    after = check(corpus)
    stubs = [e for e in after.corpus.events.values() if e.id not in before.corpus.events]
    assert stubs and all(e.pending for e in stubs)
    assert {b: (c[-1].effect, c[-1].event.id) for b, c in after.index.history.items() if c} == statuses
    drafts = [b for b in after.corpus.bases.values() if b.pending]  # places the article names that no file knew
    assert drafts and all("/bases/draft-" in b.path for b in drafts)
    code, out, _ = run("check", "--content", str(corpus))
    assert f"{len(stubs) + len(drafts)} awaiting review" in out and "--pending" in out
    code, out, _ = run("check", "--content", str(corpus), "--pending")
    listed = [line for line in out.splitlines() if ": pending: " in line]
    assert code == 0 and len(listed) == len(stubs) + len(drafts) and listed == sorted(listed)  # by file
    assert all(f"{e.path}: pending: {e.id} " in out for e in stubs)
    assert all(f"{b.path}: pending: draft place {b.id} ({b.kind}, «{b.name.ar}»)" in out for b in drafts)
    site = tmp_path / "site"
    assert run("build", "--content", str(corpus), "--site-dir", str(site))[0] == 0
    page = (site / "events" / stubs[0].id / "index.html").read_text(encoding="utf-8")
    assert "بانتظار المراجعة" in page and "لا يغيّر حالة أي موقع حتى يراجَع" in page
