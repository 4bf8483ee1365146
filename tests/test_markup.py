"""Editors' Markdown: the shortcut for plain one-line summaries must print what the full path prints."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from builder.prose.markdown import plain_paragraph, render_full, render_markdown

# Arabic and Latin letters, digits, spaces and the punctuation summaries use, plus every character
# Markdown or the sanitiser might treat specially.
ALPHABET = st.sampled_from(list("قاعدة الشدادي رتل Al-Arab CENTCOM 0123456789٠١٢ .,:;!?\"'()/«»،؛؟-+=#>|~*_`[]<>&\\\n\t\u00a0\u2028\u200f"))


@settings(max_examples=600, deadline=None)
@given(st.text(ALPHABET, min_size=1, max_size=60))
@example("رتل من 40 شاحنة دخل إلى قاعدة الشدادي عبر معبر الوليد.")
@example("1. قائمة")
@example("# عنوان")
@example("- بند")
@example("نص مع <script>alert(1)</script>")
@example("AT&T و Al-Arab في 2025/05/03 الساعة 11:47 AM")
@example('قال "المتحدث" إن القوات \'انسحبت\'')
@example("سطر\n")
def test_plain_shortcut_prints_what_markdown_and_the_sanitiser_print(text):
    assert render_markdown(text) == render_full(text)


def test_the_shortcut_takes_ordinary_summaries_and_leaves_markup_to_markdown():
    assert plain_paragraph("دخل رتل من 40 شاحنة إلى قاعدة الشدادي (الحسكة) يوم الجمعة.\n") is not None
    for text in ("**مهم**", "1. أول", "> اقتباس", "سطر\nسطر", "[رابط](https://example.org)", "a & b", "    شيفرة"):
        assert plain_paragraph(text) is None, text


@settings(max_examples=600, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_plain_shortcut_holds_for_any_characters(text):
    assert render_markdown(text) == render_full(text)


@pytest.mark.parametrize("text, expected", [
    ("Added with the command line tool.", '<p lang="en" dir="ltr"><bdi dir="ltr">Added with the command line tool</bdi>.</p>'),
    ("ملاحظة عن BBC.", '<p>ملاحظة عن <bdi dir="ltr">BBC</bdi>.</p>'),  # Arabic with a Latin name stays RTL
    ("## Background", '<h2 lang="en" dir="ltr"><bdi dir="ltr">Background</bdi></h2>'),
    ("المسار `events/<yyyy>/<id>.yaml`",
     '<p>المسار <code dir="ltr"><bdi dir="ltr">events</bdi>/&lt;<bdi dir="ltr">yyyy</bdi>&gt;/&lt;'
     '<bdi dir="ltr">id</bdi>&gt;.<bdi dir="ltr">yaml</bdi></code></p>'),
])
def test_latin_paragraphs_and_code_are_marked_left_to_right(text, expected):
    assert str(render_markdown(text)) == expected
