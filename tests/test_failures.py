"""What used to end in a traceback is an error with its position and code: dates the site cannot draw,
a SOURCE_DATE_EPOCH past them, a broken mkdocs.yml, a hand-written page taking a generated address,
`replaces:` mistakes; the corpus and the previous site stay byte-identical."""

from __future__ import annotations

import os

import pytest

from conftest import SOURCE_ID, errors_of, tree

EVENT = "events/2025/2025-05-02-convoy.yaml"


def _event(date: str) -> str:
    return f"""\
        id: 2025-05-02-convoy
        date: {date}
        type: withdrawal
        title: قافلة تغادر الحقل
        summary: ملخص الحدث.
        citations: [{{source: {SOURCE_ID}, quote: "توجه نحو 200 شاحنة"}}]
        credibility: 2
        """


@pytest.fixture
def previous(run, make_corpus, tmp_path):
    """A corpus built once; returns a function that checks a failed command left corpus and site alone."""
    make_corpus()
    assert run("build", "--no-search")[0] == 0
    site = tree(tmp_path / "site")

    def unchanged(corpus: dict[str, bytes]) -> None:
        assert tree(tmp_path / "site") == site
        assert tree(tmp_path / "content") == corpus
        assert not [name for name in os.listdir(tmp_path) if name.startswith(".site.")]

    return unchanged


@pytest.mark.parametrize(("folder", "date", "error"), [
    ("9999", "{start: 9999-12-27, precision: week}", "2:15: error: 'start' is 9999-12-27, outside the years 1900 … 2999"),
    ("9999", "{start: 9999-12, precision: month}", "2:15: error: 'start' is 9999-12, outside the years 1900 … 2999"),
    ("9999", "{start: 9999-12-31, precision: day}", "2:15: error: 'start' is 9999-12-31, outside the years 1900 … 2999"),
    ("9999", "{start: 9999, precision: year}", "2:15: error: 'start' is 9999, outside the years 1900 … 2999"),
    ("2025", "{start: 2025-05-02, end: 9999-12-31, precision: day}", "2:32: error: 'end' is 9999-12-31, outside the years 1900 … 2999"),
    ("1899", "{start: 1899-12-31, precision: day}", "2:15: error: 'start' is 1899-12-31, outside the years 1900 … 2999"),
])
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_date_the_site_cannot_draw_is_refused_at_its_position(run, make_corpus, tmp_path, previous, folder, date, error, command):
    path = f"events/{folder}/2025-05-02-convoy.yaml"
    (tmp_path / "content" / EVENT).unlink()
    make_corpus({EVENT: None, path: _event(date)})
    corpus = tree(tmp_path / "content")
    code, _, err = run(command, *(["--no-search"] if command == "build" else []))
    assert code == 1
    assert f"content/{path}:{error}" in errors_of(err), err
    assert "[bad-date]" in err and "Traceback" not in err
    previous(corpus)


@pytest.mark.parametrize(("epoch", "message"), [
    ("99999999999999999999", "SOURCE_DATE_EPOCH 99999999999999999999 is after the year 2999"),
    ("32503680000", "SOURCE_DATE_EPOCH 32503680000 is after the year 2999"),
    ("-5", "SOURCE_DATE_EPOCH must be whole seconds since 1970, not '-5'"),
    ("1.5e9", "SOURCE_DATE_EPOCH must be whole seconds since 1970, not '1.5e9'"),
])
def test_a_source_date_epoch_past_the_years_or_not_whole_seconds_is_an_error(run, tmp_path, previous, monkeypatch,
                                                                               epoch, message):
    corpus = tree(tmp_path / "content")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    code, _, err = run("build", "--no-search")
    assert code == 1
    assert err.splitlines()[0] == f"error: {message} [build-time]", err
    previous(corpus)


@pytest.mark.parametrize(("config", "error"), [
    ("site_name: موجز\nplugins: [briefing\n", "mkdocs.yml:3:1: error: invalid YAML: expected ',' or ']', but got '<stream end>'"),
    ("site_name: موجز\nplugins:\n  - briefing: [months, digits]\n",
     "mkdocs.yml:3:15: error: the 'briefing' plugin entry must be a mapping of options"),
    ("- site_name\n", "mkdocs.yml:1:1: error: the MkDocs config must be a mapping of settings"),
    ("plugins: briefing\n", "mkdocs.yml:1:10: error: 'plugins' must be a list of plugin entries"),
    ("plugins:\n  - briefing:\n      months: julian\n",
     "mkdocs.yml:3:15: error: months must be one of levantine, gregorian, not 'julian'"),
    ("plugins:\n  - briefing:\n      jobs: many\n", "mkdocs.yml:3:13: error: jobs must be 0 (one per core) or more, not 'many'"),
])
def test_a_broken_mkdocs_yml_is_an_error_at_its_position(run, tmp_path, previous, config, error):
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    corpus = tree(tmp_path / "content")
    code, _, err = run("build", "--no-search")
    assert code == 1
    assert errors_of(err) == [error], err
    previous(corpus)


@pytest.mark.parametrize("name", ["data", "search", "changes"])
def test_a_page_taking_a_generated_address_is_refused_at_check(run, make_corpus, tmp_path, previous, name):
    make_corpus({f"pages/{name}.md": "# صفحة\n\nنص.\n"})
    corpus = tree(tmp_path / "content")
    for command in ("check", "build"):
        code, _, err = run(command)
        assert code == 1
        (line,) = errors_of(err)
        assert line.startswith(f"content/pages/{name}.md:1:1: error: a page may not be called '{name}'"), err
        assert "[reserved-page]" in err
    previous(corpus)


def test_replaces_mistakes_are_reported_at_the_item(run, make_corpus, tmp_path, previous):
    make_corpus({"events/2025/2025-05-03-other.yaml": f"""\
        id: 2025-05-03-other
        date: {{start: 2025-05-03, precision: day}}
        type: statement
        title: حدث آخر
        summary: ملخص.
        citations: [{{source: {SOURCE_ID}, quote: "توجه نحو 200 شاحنة"}}]
        credibility: 3
        replaces:
          - 2025-04-01-old-name
          - 2025-05-02-convoy
        """, "events/2025/2025-05-04-third.yaml": f"""\
        id: 2025-05-04-third
        date: {{start: 2025-05-04, precision: day}}
        type: statement
        title: حدث ثالث
        summary: ملخص.
        citations: [{{source: {SOURCE_ID}, quote: "توجه نحو 200 شاحنة"}}]
        credibility: 3
        replaces: [2025-04-01-old-name]
        """})
    corpus = tree(tmp_path / "content")
    code, _, err = run("build", "--no-search")
    assert code == 1
    assert errors_of(err) == [
        "content/events/2025/2025-05-03-other.yaml:10:5: error: '2025-05-02-convoy' is replaced but an event still has that id",
        "content/events/2025/2025-05-04-third.yaml:8:12: error: '2025-04-01-old-name' is also replaced by '2025-05-03-other'",
    ], err
    previous(corpus)


def test_jobs_are_capped_at_the_cores(monkeypatch):
    """--jobs 300 forked 302 processes; more processes than cores only cost forks and memory."""
    import multiprocessing

    from builder.common import workers

    started = []

    class FakePool:  # records how many processes were asked for, and runs the chunks here
        def __init__(self, processes, initializer=None, initargs=()):
            started.append(processes)
            if initializer is not None:
                initializer(*initargs)

        def imap(self, run, chunks):
            return map(run, chunks)

        def close(self):
            pass

        def terminate(self):
            pass

        def join(self):
            pass

    class Context:
        Pool = FakePool

    monkeypatch.setattr(multiprocessing, "get_context", lambda method: Context())
    monkeypatch.setattr(workers, "cores", lambda: 2)
    assert list(workers.forked_map(abs, range(-500, 0), jobs=300)) == list(range(500, 0, -1))
    assert started == [2]
