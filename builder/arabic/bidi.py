"""Isolate left-to-right runs inside Arabic text, so a Latin name, a URL or a date written with
slashes never reorders the sentence around it."""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape

# A URL; or Latin words and digits joined by light punctuation ("Al-Arab", "New York Times",
# "11:47 AM", "2025/05/03", "30-90"). Plain numbers ("200") are left alone: the bidi algorithm
# already places them correctly, and isolating every number would only add noise.
# A path with placeholders ("events/<yyyy>/<id>.yaml") is one run: split at "<", it read backwards.
_RUN = re.compile(r"https?://[^\s<>\"']+|[A-Za-z0-9<>]+(?:[ .\-_/:,'’&+][A-Za-z0-9<>]+)*")
_NEEDS_ISOLATION = re.compile(r"[A-Za-z]|\d[/:.\-]\d")
# In HTML, only text between tags is touched, and character references stay whole.
_HTML_TOKEN = re.compile(r"(<[^>]*>|&[#\w]+;)")


_LATIN = re.compile("[A-Za-z]")
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")


def arabic_script(text: str) -> bool:
    """Whether the text holds a letter of the Arabic script (Arabic, Persian, their presentation forms)."""
    return _ARABIC_SCRIPT.search(text) is not None


def latin_only(text: str) -> bool:
    """Whether the text is written in Latin script alone (some Latin letter, no Arabic-script one)."""
    return bool(_LATIN.search(text)) and not arabic_script(text)


def _html_run(run: str) -> str:
    return f'<bdi dir="ltr">{run}</bdi>'


# Unicode's own isolates (LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE): what <bdi dir="ltr"> is
# in text that is not HTML, such as the PDF briefs' typeset text. Default-ignorable: never drawn.
LRI, PDI = "\u2066", "\u2069"


def _text_run(run: str) -> str:
    return f"{LRI}{run}{PDI}"


def _wrap(text: str, esc=lambda s: str(escape(s)), wrap=_html_run) -> str:
    """Wrap the runs needing isolation with `wrap`; `esc` escapes the pieces (identity for
    already-escaped HTML text and for plain text)."""
    out, last = [], 0
    for match in _RUN.finditer(text):
        if not _NEEDS_ISOLATION.search(match.group()):
            continue
        out.append(esc(text[last:match.start()]))
        out.append(wrap(esc(match.group())))
        last = match.end()
    out.append(esc(text[last:]))
    return "".join(out)


def isolate_text(text: str) -> str:
    """Plain text with the same runs as `isolate` wraps in <bdi dir="ltr"> between LRI and PDI. Markup
    (a grade, say) keeps the runs it isolated itself: its <bdi dir="ltr"> become LRI…PDI, its
    character references the characters."""
    if isinstance(text, Markup):
        html = _BDI.sub(lambda m: LRI if m.group(1) is not None else PDI, str(isolate_html(text)))
        return Markup(html).unescape()
    return _wrap(text, esc=str, wrap=_text_run)


_BDI = re.compile(r'(<bdi dir="ltr">)|</bdi>')


def ltr(text: str) -> Markup:
    """Escape `text` and isolate it whole as a left-to-right run, its brackets and punctuation included:
    a Latin code in brackets after Arabic words («… (C)») otherwise leaves its brackets to the
    surrounding right-to-left text, and a line break or a PDF's text layer splits them off («(C»)."""
    return Markup('<bdi dir="ltr">{}</bdi>').format(text)


def isolate(text: str) -> Markup:
    """Escape plain text and wrap its left-to-right runs in <bdi dir="ltr">."""
    if isinstance(text, Markup):
        return isolate_html(text)
    return _isolate_plain(str(text))


@lru_cache(maxsize=65536)
def _isolate_plain(text: str) -> Markup:
    # The same names and titles recur on many pages; each is wrapped once per build.
    return Markup(_wrap(text))


def isolate_html(html: str) -> Markup:
    """The same for sanitised HTML: text between tags only, links' own text included."""
    parts = _HTML_TOKEN.split(str(html))
    inside_bdi = 0
    out = []
    for part in parts:
        if part.startswith("<"):
            inside_bdi += part.startswith("<bdi") - part.startswith("</bdi")
            out.append(part)
        elif part.startswith("&") and part.endswith(";"):
            out.append(part)
        else:
            # Already-escaped text: wrap the runs without escaping again.
            out.append(part if inside_bdi else _wrap(part, esc=str))
    return Markup("".join(out))

