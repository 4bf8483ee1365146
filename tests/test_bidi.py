"""Left-to-right runs inside Arabic text are isolated, so they cannot reorder the sentence around them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from builder.arabic.bidi import isolate, isolate_html


@pytest.mark.parametrize("text, expected", [
    ("السبت 2025/05/03", 'السبت <bdi dir="ltr">2025/05/03</bdi>'),
    ("الساعة 11:47 AM", 'الساعة <bdi dir="ltr">11:47 AM</bdi>'),
    ("صحيفة Al-Arab", 'صحيفة <bdi dir="ltr">Al-Arab</bdi>'),
    ("منظومات HIMARS الأميركية", 'منظومات <bdi dir="ltr">HIMARS</bdi> الأميركية'),
    ("المصدر https://anbaaexpress.ma/x06dt", 'المصدر <bdi dir="ltr">https://anbaaexpress.ma/x06dt</bdi>'),
    ("نحو 200 شاحنة", "نحو 200 شاحنة"),  # a plain number needs no help
    # A path with placeholders is one run; split at "<" it printed «yaml.<id>/<yyyy>/events».
    ("مخطط ملف الحدث events/<yyyy>/<id>.yaml", 'مخطط ملف الحدث <bdi dir="ltr">events/&lt;yyyy&gt;/&lt;id&gt;.yaml</bdi>'),
    ("الـ55 كيلومترًا", "الـ55 كيلومترًا"),
])
def test_runs_are_isolated(text, expected):
    assert isolate(text) == expected


def test_text_is_escaped_before_wrapping():
    assert isolate("<b>x</b>") == '<bdi dir="ltr">&lt;b&gt;x&lt;/b&gt;</bdi>'


def test_html_tags_and_references_stay_whole():
    html = '<p>قال <a href="https://x.org/a">New York Times</a> &#34;نعم&#34;</p>'
    assert isolate_html(html) == '<p>قال <a href="https://x.org/a"><bdi dir="ltr">New York Times</bdi></a> &#34;نعم&#34;</p>'


@given(st.text(max_size=60))
def test_isolating_never_changes_the_text_a_reader_sees(text):
    import re
    shown = re.sub(r"</?bdi[^>]*>", "", str(isolate(text)))
    assert shown == str(escape(text))


def test_markup_goes_through_the_html_path():
    assert isolate(Markup("<em>CNN</em>")) == '<em><bdi dir="ltr">CNN</bdi></em>'
