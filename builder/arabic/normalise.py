"""Arabic as it is really written, folded for matching: one table of what is folded, three readers.

Text reaches the corpus from Syrian, Kurdish, Iranian and Gulf outlets, typed on Arabic and Persian
keyboards and copied from web pages with invisible characters. Three readers compare it with what an
editor or a reader typed:

- **quotes** (`checking/quotes.py`): a citation must be the source's words, so only differences a
  reader would not see as different text are folded;
- **places** (`curation/suggest.py`): a place's name as outlets spell it, with joined particles;
- **search** (`rendering/search.py` and the search page's script): a word as a reader types it.

`RULES` is the table of every fold, the readers it applies to, and an example; the functions below
are derived from it, and the README's Arabic section prints it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

QUOTES, PLACES, SEARCH = "quotes", "places", "search"
READERS = (QUOTES, PLACES, SEARCH)

# Characters that steer display or line breaking but are not text, by the name hints show them with.
INVISIBLE_NAMES = {
    "\u200b": "ZWSP", "\u200c": "ZWNJ", "\u200d": "ZWJ", "\u200e": "LRM", "\u200f": "RLM", "\u061c": "ALM",
    "\u2060": "WJ", "\ufeff": "BOM", "\u00ad": "SHY", "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF",
    "\u202d": "LRO", "\u202e": "RLO", "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
}
INVISIBLES = "".join(INVISIBLE_NAMES)
# Tashkeel (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks).
TASHKEEL = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
TATWEEL = "\u0640"
PERSIAN = {"ی": "ي", "ک": "ك"}  # Persian yeh and keheh, as Persian and Kurdish keyboards type ي and ك
HAMZA_SEATS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي"}
QUOTE_MARKS = "\"'“”„‟«»‹›‘’‚‛″′〝〞＂＇`´"
# Particles written joined to the next word, in the order they stack: و/ف, then ب/ل/ك, then ال.
CONJUNCTIONS, PREPOSITIONS, ARTICLE = "وف", "بلك", "ال"
LAM_ARTICLE = "لل"  # ل + ال is written with one alef dropped: «للقاعدة» is ل + «القاعدة»
_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@dataclass(frozen=True)
class Rule:
    """One fold: what it folds, the readers that apply it, and an example (as written → as read)."""

    name: str
    folds: str
    readers: tuple[str, ...]
    example: str


RULES: tuple[Rule, ...] = (
    Rule("invisible", "zero-width and direction marks (ZWSP U+200B, ZWNJ, ZWJ, LRM, RLM, ALM, word joiner "
         "U+2060, U+FEFF, soft hyphen U+00AD, bidi embeddings and isolates) are ignored", READERS,
         "نحو⟨ZWSP⟩ القاعدة → نحو القاعدة"),
    Rule("tashkeel", "harakat, tanwin, shadda, sukun, superscript alef and Quranic marks are ignored", READERS,
         "الشدّادي → الشدادي"),
    Rule("tatweel", "tatweel (ـ) is ignored", READERS, "الشـــدادي → الشدادي"),
    Rule("persian", "Persian ی and ک are read as ي and ك", READERS, "کونیکو → كونيكو"),
    Rule("hamza", "hamza seats and alef variants (أ إ آ ٱ ؤ ئ) are read as ا و ي", (PLACES, SEARCH),
         "أبو حجر → ابو حجر"),
    Rule("alef-maqsura", "ى is read as ي", (PLACES, SEARCH), "الشدادى → الشدادي"),
    Rule("ta-marbuta", "ة is read as ه", (PLACES, SEARCH), "القرية → القريه"),
    Rule("particles", "و ف ب ل ك joined to a word are read apart from it (ال stays; ل + ال is written لل)",
         (PLACES, SEARCH), "وانسحبت → انسحبت، للشدادي → الشدادي"),
)


def rules_for(reader: str) -> tuple[Rule, ...]:
    """The rules one reader applies (`reader` is one of READERS)."""
    return tuple(rule for rule in RULES if reader in rule.readers)


# ---- quotes: ignore what is not text; the result maps back to the original's offsets ----

_IGNORED = re.compile(f"[{TASHKEEL}{TATWEEL}{INVISIBLES}]")
# For regex character classes: everything quote matching ignores.
IGNORABLE = TASHKEEL + TATWEEL + INVISIBLES
_QUOTES = str.maketrans({**{c: '"' for c in QUOTE_MARKS}, **PERSIAN})
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """What one character counts as when matching quotes ('' when it does not count)."""
    folded = _IGNORED.sub("", unicodedata.normalize("NFKC", _IGNORED.sub("", char))).translate(_QUOTES)
    return " " if folded.isspace() else folded


@dataclass(frozen=True)
class Folded:
    """Text folded for matching, with the offset in the original of each folded character."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded [start, end) back to the original text's [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> Folded:
    """Fold text for quote matching: the rules for QUOTES, NFKC, one kind of quotation mark, one space."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in _fold_char(char):
            if piece == " " and (not out or out[-1] == " "):
                continue
            out.append(piece)
            origin.append(index)
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    return Folded("".join(out), tuple(origin))


def fold_text(text: str) -> str:
    """The folded form alone, for comparing two strings."""
    return _SPACE.sub(" ", "".join(_fold_char(c) for c in text)).strip()


def visible(text: str) -> str:
    """Text for a message: each invisible character shown by name («نحو⟨ZWSP⟩ القاعدة»)."""
    return "".join(f"⟨{INVISIBLE_NAMES[c]}⟩" if c in INVISIBLE_NAMES else c for c in text)


def ascii_digits(text: str) -> str:
    """Read Arabic-Indic and Persian digits as ASCII digits."""
    return text.translate(_ARABIC_INDIC)


# ---- places: one character for one, so positions found are the original's ----

# What is ignored becomes this placeholder (itself ignored), so every offset stays the original's.
PLACEHOLDER = "\u200c"
_LOOSE = str.maketrans({**HAMZA_SEATS, **PERSIAN, "ى": "ي", "ة": "ه",
                        **{c: PLACEHOLDER for c in INVISIBLES + TATWEEL},
                        **{c: '"' for c in "“”«»„‟"}, "’": "'", "‘": "'"})
_LOOSE_MARKS = re.compile(f"[{TASHKEEL}]")


def loose(text: str) -> str:
    """Text for finding words (the rules for PLACES but particles, which patterns allow for): one
    character for one character of the original, what is ignored turned into PLACEHOLDER."""
    return _LOOSE_MARKS.sub(PLACEHOLDER, ascii_digits(text).translate(_LOOSE))


def unplaced(text: str) -> str:
    """Loosened text with the PLACEHOLDERs `loose` left for ignored characters taken out."""
    return text.replace(PLACEHOLDER, "")


def place_key(name: str) -> str:
    """A place name as it is looked up: loosened, ignored characters gone, one space between words."""
    return " ".join(unplaced(loose(name)).replace('"', " ").split())


def name_pattern(key: str) -> str:
    """A regex matching a place key in loosened text: ignored characters anywhere in or around its
    words, white space or ignored characters between them."""
    ignored = f"{PLACEHOLDER}*"
    words = (ignored.join(re.escape(c) for c in word) for word in key.split())
    return ignored + rf"[\s{PLACEHOLDER}]+".join(words) + ignored


# ---- search: each word and the word with its particles read apart ----

def search_key(word: str) -> str:
    """A word as search compares it: ignored characters gone, Persian letters read as Arabic (hamza,
    ى and ة are left to Pagefind's Arabic stemmer, which already reads them alike)."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", word)).translate(_PERSIAN)


_PERSIAN = str.maketrans(PERSIAN)
# The shortest a word may be left once its particles are read apart: «بلد» is not ب + «لد».
_STEM = 3


def without_particles(word: str) -> str:
    """The word with its joined particles read apart: «والشدادي» → «الشدادي», «وانسحبت» → «انسحبت»,
    «للقاعدة» → «القاعدة» (ل + ال), «بالحسكة» → «الحسكة». The article ال stays: Pagefind's stemmer reads
    it. A word left shorter than three letters keeps its first letter («وصل», «بلد»)."""
    rest = word
    if len(rest) > _STEM and rest[0] in CONJUNCTIONS:
        rest = rest[1:]
    if rest.startswith(LAM_ARTICLE) and len(rest) > _STEM + 1:
        return "ال" + rest[2:]
    if len(rest) > _STEM and rest[0] in PREPOSITIONS and (rest[1:].startswith(ARTICLE) or len(rest) > _STEM + 1):
        rest = rest[1:]
    return rest


_WORD = re.compile(rf"[\w{IGNORABLE}]+")


def search_forms(text: str) -> list[str]:
    """The forms search should also find in `text`, one per word that reads differently once folded
    and with its particles read apart, in order (so a word's weight stays what the page gives it)."""
    return [form for word in _WORD.findall(text) if (form := _search_form(word)) is not None]


@lru_cache(maxsize=1 << 16)
def _search_form(word: str) -> str | None:
    # Every indexed word of every page comes here, and a corpus's words repeat: each is folded once.
    key = without_particles(search_key(word))
    return key if key and key != word else None


def search_table() -> dict:
    """What the search page's script needs to fold a query as `search_key` and `without_particles` do."""
    return {"ignored": f"[{IGNORABLE}]", "letters": PERSIAN, "conjunctions": CONJUNCTIONS,
            "prepositions": PREPOSITIONS, "article": ARTICLE, "lam_article": LAM_ARTICLE, "stem": _STEM}
