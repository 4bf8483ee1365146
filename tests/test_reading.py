"""Files as editors save them: encodings, line endings, invisible characters, links out of the corpus."""

from __future__ import annotations

import hashlib
import os

from conftest import SOURCE_ID, SOURCE_TEXT, errors_of

META = f"sources/{SOURCE_ID}.yaml"
TEXT = f"sources/{SOURCE_ID}.txt"


def test_windows_1256_text_is_refused_with_byte_offset(run, make_corpus):
    make_corpus({TEXT: "سطر أول\n".encode("utf-8") + "نص عربي".encode("cp1256")})
    code, _, err = run("check")
    assert code == 1
    assert errors_of(err) == [f"content/{TEXT}:2: error: not valid UTF-8 at byte 14 (0xe4)"]
    assert "never guesses an encoding" in err


def test_bom_and_crlf_are_accepted_and_hashed_as_lf(run, make_corpus, tmp_path):
    make_corpus({TEXT: ("\ufeff" + SOURCE_TEXT.replace("\n", "\r\n")).encode("utf-8")})
    assert run("build")[0] == 0
    page = (tmp_path / "site/sources" / SOURCE_ID / "index.html").read_text(encoding="utf-8")
    assert hashlib.sha256(SOURCE_TEXT.encode("utf-8")).hexdigest() in page


def test_nfd_text_is_stored_as_nfc(run, make_corpus, tmp_path):
    import unicodedata
    make_corpus({TEXT: unicodedata.normalize("NFD", SOURCE_TEXT + "إأآ\n")})
    assert run("build")[0] == 0
    page = (tmp_path / "site/sources" / SOURCE_ID / "index.html").read_text(encoding="utf-8")
    assert "إأآ" in page


def test_bidi_override_in_a_title_is_refused(run, make_corpus):
    make_corpus({META: f"id: {SOURCE_ID}\noutlet: {{ar: العرب}}\ntitle: عنوان \u202e مقلوب\n"
                       "published: 2025-05-03\nlanguage: ar\nreliability: C\n"})
    code, _, err = run("check")
    assert errors_of(err) == [f"content/{META}:3:14: error: a bidirectional control U+202E is not allowed"]


def test_nul_in_a_source_text_is_refused(run, make_corpus):
    make_corpus({TEXT: SOURCE_TEXT + "ذيل\x00\n"})
    _, _, err = run("check")
    assert errors_of(err) == [f"content/{TEXT}:7:4: error: a control character U+0000 is not allowed"]


def test_right_to_left_mark_in_prose_is_allowed(run, make_corpus):
    make_corpus({TEXT: SOURCE_TEXT + "نص\u200f مع علامة\n"})
    assert run("check")[0] == 0


def test_oversized_source_refused_before_reading(run, make_corpus):
    make_corpus({TEXT: "ا" * (1024 * 1024 + 10)})
    _, _, err = run("check")
    assert f"content/{TEXT}:1:1: error: file is 2,097,172 bytes, over the 2,097,152-byte limit" in err


def test_symlink_out_of_the_corpus_is_refused(run, make_corpus, tmp_path):
    content = make_corpus()
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: secret\n")
    os.symlink(secret, content / "bases" / "secret.yaml")
    _, _, err = run("check")
    assert errors_of(err) == ["content/bases/secret.yaml: error: symbolic link points outside the corpus"]
