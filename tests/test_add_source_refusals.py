"""`briefing add-source` checks everything before writing: metadata `briefing check` would refuse, a
folder or a missing file are errors with a position, and the corpus is left byte-identical."""

from __future__ import annotations

import pytest

from conftest import errors_of, tree

HEADLINE = "قوات التحالف تعيد انتشارها قرب حقل العمر"
ARTICLE = f"{HEADLINE}\nالثلاثاء 2025/06/03\n\nأفاد مراسلون بوصول تعزيزات جديدة إلى القاعدة.\n"


@pytest.fixture
def corpus(make_corpus, tmp_path):
    content = make_corpus()
    return content, tree(content)


def _refused(run, tmp_path, corpus, *args: str) -> list[str]:
    content, before = corpus
    code, out, err = run("add-source", *args, "--content", "content")
    assert code == 1, out + err
    assert "Traceback" not in err and "nothing was written." in err
    assert tree(content) == before
    return errors_of(err)


@pytest.mark.parametrize(("extra", "expected"), [
    (("--url", "javascript:alert(1)"),
     ":5:6: error: 'url' must be an http or https address, not 'javascript:alert(1)' (in the metadata add-source would write)"),
    (("--url", "https:///path"),
     ":5:6: error: 'url' must be an http or https address, not 'https:///path' (in the metadata add-source would write)"),
    (("--title", "ع" * 400),
     ":3:8: error: 'title' is 400 characters, over the limit of 300 (in the metadata add-source would write)"),
])
def test_metadata_check_would_refuse_is_refused_before_writing(run, tmp_path, corpus, extra, expected):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    lines = _refused(run, tmp_path, corpus, str(article), "--outlet-en", "Sham", *extra)
    assert len(lines) == 1 and lines[0].startswith("content/sources/sham-2025-06-03-") and lines[0].endswith(expected), lines


def test_an_address_found_in_the_text_is_checked_too(run, tmp_path, corpus):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE + "المصدر: https:///path\n", encoding="utf-8")
    (line,) = _refused(run, tmp_path, corpus, str(article), "--outlet-en", "Sham")
    assert line.endswith(":5:6: error: 'url' must be an http or https address, not 'https:///path' "
                         "(in the metadata add-source would write)"), line


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.mkdir(), "is a folder, not an article"),
    (lambda p: None, "no such file"),
])
def test_a_folder_or_a_missing_file_is_an_error(run, tmp_path, corpus, make, message):
    make(tmp_path / "article")
    assert _refused(run, tmp_path, corpus, "article", "--published", "2025-06-03") == [f"article: error: {message}"]


def test_a_control_character_in_the_article_is_reported_at_its_line(run, tmp_path, corpus):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE.replace("وصول", "وص\u0007ول"), encoding="utf-8")
    (line,) = _refused(run, tmp_path, corpus, str(article))
    assert line == "article.txt:4:17: error: a control character U+0007 is not allowed"
