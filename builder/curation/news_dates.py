"""Date expressions in Arabic news text, found and resolved against the article's publication date.

Both month-name systems come from CLDR through Babel (ar_SY: كانون الثاني، أيار; ar: يناير، مايو),
plus the spellings outlets also use (إبريل، يونيه، يوليه). A resolved date is never more precise
than what the text and the publication date allow: «الجمعة» in an article known only to its month
is that month, not a guessed day.

Everything works on `loose()` text, one character for one character of the original, so the
positions found here are positions in the sentence an editor will quote.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from babel.dates import get_month_names

from builder.arabic.normalise import CONJUNCTIONS, PLACEHOLDER, PREPOSITIONS, loose, unplaced
from builder.common.model import PartialDate

# Particles written joined to the next word: و، ف، ب، ل، ك and their combinations.
PREFIX = rf"(?:[{CONJUNCTIONS}]?[{PREPOSITIONS}]?)"
B = rf"(?<![\w{PLACEHOLDER}])"  # a word starts here
E = rf"(?![\w{PLACEHOLDER}])"  # a word ends here

_EXTRA_SPELLINGS = {4: ("ابريل",), 6: ("يونيه",), 7: ("يوليه",), 8: ("اغسطس",)}


@lru_cache(maxsize=1)
def month_lexicon() -> dict[str, int]:
    """Every month name, in both systems, loosened: 'ايار' -> 5, 'مايو' -> 5."""
    names: dict[str, int] = {}
    for locale in ("ar_SY", "ar"):
        for number, name in get_month_names("wide", locale=locale).items():
            names[loose(name)] = number
    for number, spellings in _EXTRA_SPELLINGS.items():
        for spelling in spellings:
            names[spelling] = number
    return names


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6}
# Written as spelled; compared with loosened text («الفائت» is «الفايت» there).
PAST = tuple(map(loose, ("الماضي", "الفائت", "المنصرم", "السابق")))
CURRENT = ("الجاري", "الحالي")
NEXT = ("المقبل", "القادم")
# Small counts written as words («قبل ثلاثة أيام»), loosened.
DAY_COUNTS = {"يوم": 1, "يومين": 2, "يومان": 2, "ثلاثه": 3, "اربعه": 4, "خمسه": 5, "سته": 6, "سبعه": 7,
              "ثمانيه": 8, "تسعه": 9, "عشره": 10}
YEAR_CUE = tuple(map(loose, ("عام", "العام", "سنه", "عامي", "في", "منذ", "خلال", "حتى", "مطلع", "اواخر", "اوائل", "نهايه", "بدايه",
            "منتصف", "خريف", "ربيع", "صيف", "شتاء")))


@dataclass(frozen=True)
class DateHit:
    """A date expression found in news text: its span (character offsets), the date it means and, for
    a range, its end; `kind` says how it was read."""

    start: int
    end: int
    date: PartialDate
    until: PartialDate | None = None  # the end of a range («عامي 2024 و2025»)
    kind: str = "absolute"  # absolute | relative | present | following


def _month_year(published: PartialDate, month: int, when: str) -> int:
    """The year of a month named without one: relative to the publication date."""
    pub = published.value
    if when in PAST:
        return pub.year if month < pub.month else pub.year - 1
    if when in NEXT:
        return pub.year if month > pub.month else pub.year + 1
    if when in CURRENT:
        return pub.year
    return pub.year if month <= pub.month else pub.year - 1  # «شهر أيار» in June: this May


def _day_or_month(published: PartialDate, day: dt.date) -> PartialDate:
    """A day-precise relative date, or the publication month when that is all the article gives."""
    if published.precision == "day":
        return PartialDate(day, "day")
    return PartialDate(published.value.replace(day=1), "month")


def week_before(published: PartialDate) -> PartialDate:
    """The days before publication: the week ending on a dated article's day, or its month."""
    if published.precision == "day":
        return PartialDate(published.value - dt.timedelta(days=6), "week")
    return PartialDate(published.value.replace(day=1), "month")


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern]]:
    months = _alternation(month_lexicon())
    weekdays = _alternation(WEEKDAYS)
    rel = _alternation(PAST + CURRENT + NEXT)
    cue = _alternation(YEAR_CUE)
    year = r"((?:19|20)\d\d)"
    # Every repeat of white space is possessive (`\s*+`): a pattern that fails after a long run of
    # spaces gives none back, so matching stays linear in the length of the text.
    comma = r"\s*+(?:[,،]\s*+)?"
    counts = _alternation(DAY_COUNTS)
    return [
        ("ymd", re.compile(rf"{B}{year}\s*+[/.-]\s*+(\d{{1,2}})\s*+[/.-]\s*+(\d{{1,2}}){E}")),
        ("dmy", re.compile(rf"{B}(\d{{1,2}})\s*+[/.-]\s*+(\d{{1,2}})\s*+[/.-]\s*+{year}{E}")),
        ("day-month-year", re.compile(rf"{B}(\d{{1,2}})\s++(?:من\s++)?{PREFIX}({months}){comma}{year}{E}")),
        ("day-month", re.compile(rf"{B}(\d{{1,2}})\s++(?:من\s++)?{PREFIX}(?:شهر\s++)?({months}){E}")),
        ("day-of-month", re.compile(rf"{B}(\d{{1,2}})\s++من\s++(?:هذا\s++)?الشهر(?:\s++({rel}))?{E}")),
        ("month-year", re.compile(rf"{B}{PREFIX}({months}){comma}\(?{year}{E}")),
        ("month-rel", re.compile(rf"{B}{PREFIX}({months})\s++({rel}){E}")),
        ("named-month", re.compile(rf"{B}{PREFIX}شهر\s++({months}){E}")),
        ("years", re.compile(rf"{B}{PREFIX}عامي\s++{year}\s++و\s*+{year}{E}")),
        ("cued-year", re.compile(rf"{B}{PREFIX}(?:{cue})\s++(?:عام\s++)?{year}{E}")),
        ("paren-year", re.compile(rf"\(\s*+{year}\s*+\)")),
        ("last-year", re.compile(rf"{B}{PREFIX}(?:العام|السنه)\s++(الماضي|الماضيه|الفايت|المنصرم|الجاري|الحالي|الحاليه){E}")),
        ("this-year", re.compile(rf"{B}{PREFIX}هذا\s++العام{E}")),
        ("last-month", re.compile(rf"{B}{PREFIX}الشهر\s++({rel}){E}")),
        ("last-week", re.compile(rf"{B}{PREFIX}الاسبوع\s++({rel}){E}")),
        ("recent-days", re.compile(rf"{B}{PREFIX}(?:الايام|الساعات)\s++(?:القليله\s++)?(?:الماضيه|الاخيره|الفايته){E}")),
        ("before-yesterday", re.compile(rf"{B}{PREFIX}(?:امس\s++الاول|اول\s++(?:من\s++)?امس){E}")),
        ("yesterday", re.compile(rf"{B}{PREFIX}امس{E}")),
        ("today", re.compile(rf"{B}(?:(حتي|الي|لغايه)\s++)?{PREFIX}اليوم{E}")),
        ("days-ago", re.compile(rf"{B}{PREFIX}قبل\s++(?:(\d{{1,2}})\s++ايام|({counts})(?:\s++ايام)?){E}")),
        ("weeks-ago", re.compile(rf"{B}{PREFIX}قبل\s++(اسبوع|اسبوعين|اسبوعان){E}")),
        ("weekday", re.compile(rf"{B}{PREFIX}(?:يوم\s++)?({weekdays})(?:\s++({rel}))?{E}")),
        ("present", re.compile(rf"{B}{PREFIX}(?:حاليا|الان|ما\s++تزال|ما\s++تزالان|لا\s++تزال|ما\s++زالت|مازالت|لا\s++يزال|ما\s++يزال){E}")),
        ("following", re.compile(rf"{B}{PREFIX}(?:الاعوام|السنوات)\s++(?:اللاحقه|التاليه){E}")),
    ]


# The words a date expression can start with (after joined particles), or a digit or «(»: only where
# one of them starts a word are the patterns tried, one scan instead of one per pattern.
_FIRST_WORDS = ("شهر", "عامي", "العام", "السنه", "هذا", "الشهر", "الاسبوع", "الايام", "الساعات", "امس", "اول",
                "حتي", "الي", "لغايه", "اليوم", "قبل", "يوم", "حاليا", "الان", "ما", "لا", "مازالت", "الاعوام",
                "السنوات")


_WORD = re.compile(rf"[\w{PLACEHOLDER}]+|\(")
_PARTICLES = re.compile(PREFIX)


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    words = (*_FIRST_WORDS, *month_lexicon(), *WEEKDAYS, *YEAR_CUE)
    return frozenset(unplaced(w).split()[0] for w in words)


def _starts(text: str):
    """Where a date expression may start: a word that is a first word (joined particles allowed),
    a number, or «(». One pass over the words, so long runs of spaces cost nothing."""
    first = _first_words()
    for word in _WORD.finditer(text):
        token = word.group()
        if token == "(" or token[0].isdigit():
            yield word.start()
            continue
        token = unplaced(token)
        if token in first:
            yield word.start()
            continue
        for cut in (1, 2):
            if len(token) > cut and token[:cut] == _PARTICLES.match(token).group()[:cut] and token[cut:] in first:
                yield word.start()
                break


def find_dates(text: str, published: PartialDate) -> list[DateHit]:
    """Every date expression in `text` (already `loose()`), resolved, in order of position.

    Overlapping matches keep the longest: «10 نوفمبر 2025» is one day, not also a month.
    """
    found: list[DateHit] = []
    pub = published.value
    months = month_lexicon()
    patterns = _patterns()
    for start in _starts(text):
        for name, pattern in patterns:
            m = pattern.match(text, start)
            if m is not None:
                hit = _resolve(name, m, published, pub, months)
                if hit is not None:
                    found.append(hit)
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[DateHit] = []
    for hit in found:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


def _resolve(name: str, m: re.Match, published: PartialDate, pub: dt.date, months: dict[str, int]) -> DateHit | None:
    g = m.groups()
    s, e = m.start(), m.end()
    try:
        if name == "ymd":
            return DateHit(s, e, PartialDate(dt.date(int(g[0]), int(g[1]), int(g[2])), "day"))
        if name == "dmy":
            return DateHit(s, e, PartialDate(dt.date(int(g[2]), int(g[1]), int(g[0])), "day"))
        if name == "day-month-year":
            return DateHit(s, e, PartialDate(dt.date(int(g[2]), months[unplaced(g[1])], int(g[0])), "day"))
        if name == "day-month":  # «في 19 أيار»: the year the publication date implies
            month = months[unplaced(g[1])]
            day = dt.date(_month_year(published, month, ""), month, int(g[0]))
            return DateHit(s, e, PartialDate(day, "day"), kind="relative")
        if name == "day-of-month":  # «في 19 من الشهر الحالي»: a day of the publication month (or the one before)
            first = pub.replace(day=1)
            if g[1] in PAST:
                first = (first - dt.timedelta(days=1)).replace(day=1)
            elif g[1] in NEXT:
                first = (first + dt.timedelta(days=31)).replace(day=1)
            return DateHit(s, e, PartialDate(first.replace(day=int(g[0])), "day"), kind="relative")
    except ValueError:
        return None
    if name == "month-year":
        return DateHit(s, e, PartialDate(dt.date(int(g[1]), months[unplaced(g[0])], 1), "month"))
    if name == "month-rel":
        month = months[unplaced(g[0])]
        return DateHit(s, e, PartialDate(dt.date(_month_year(published, month, g[1]), month, 1), "month"), kind="relative")
    if name == "named-month":
        month = months[unplaced(g[0])]
        return DateHit(s, e, PartialDate(dt.date(_month_year(published, month, ""), month, 1), "month"), kind="relative")
    if name == "years":
        return DateHit(s, e, PartialDate(dt.date(int(g[0]), 1, 1), "year"), PartialDate(dt.date(int(g[1]), 1, 1), "year"))
    if name in ("cued-year", "paren-year"):
        year = int(g[0])
        return DateHit(s, e, PartialDate(dt.date(year, 1, 1), "year")) if year <= pub.year + 1 else None
    if name == "last-year":
        year = pub.year - 1 if g[0] in ("الماضي", "الماضيه", "الفايت", "المنصرم") else pub.year
        return DateHit(s, e, PartialDate(dt.date(year, 1, 1), "year"), kind="relative")
    if name == "this-year":
        return DateHit(s, e, PartialDate(dt.date(pub.year, 1, 1), "year"), kind="relative")
    if name == "last-month":
        first = pub.replace(day=1)
        if g[0] in PAST:
            first = (first - dt.timedelta(days=1)).replace(day=1)
        elif g[0] in NEXT:
            first = (first + dt.timedelta(days=31)).replace(day=1)
        return DateHit(s, e, PartialDate(first, "month"), kind="relative")
    if name == "last-week":
        if published.precision != "day":
            return DateHit(s, e, PartialDate(pub.replace(day=1), "month"), kind="relative")
        return DateHit(s, e, PartialDate(pub - dt.timedelta(days=7 + (pub.weekday() + 1) % 7), "week"), kind="relative")
    if name == "recent-days":
        return DateHit(s, e, week_before(published), kind="relative")
    if name == "today":
        if g[0]:  # «حتى اليوم»: up to now, the state at publication
            return DateHit(s, e, published, kind="present")
        return DateHit(s, e, _day_or_month(published, pub), kind="relative")
    if name == "before-yesterday":
        return DateHit(s, e, _day_or_month(published, pub - dt.timedelta(days=2)), kind="relative")
    if name == "days-ago":
        days = int(g[0]) if g[0] else DAY_COUNTS[unplaced(g[1])]
        return DateHit(s, e, _day_or_month(published, pub - dt.timedelta(days=days)), kind="relative")
    if name == "weeks-ago":  # «قبل أسبوعين»: the week that began that many weeks before publication
        weeks = 1 if g[0] == "اسبوع" else 2
        if published.precision != "day":
            return DateHit(s, e, PartialDate(pub.replace(day=1), "month"), kind="relative")
        return DateHit(s, e, PartialDate(pub - dt.timedelta(days=7 * weeks), "week"), kind="relative")
    if name == "yesterday":
        return DateHit(s, e, _day_or_month(published, pub - dt.timedelta(days=1)), kind="relative")
    if name == "weekday":
        back = (pub.weekday() - WEEKDAYS[unplaced(g[0])]) % 7
        if g[1] in NEXT:
            return None  # a day still to come reports no event
        if back == 0 and g[1] in PAST:  # «الأحد الفائت» in a Sunday's article: a week before
            back = 7
        return DateHit(s, e, _day_or_month(published, pub - dt.timedelta(days=back)), kind="relative")
    if name == "present":
        return DateHit(s, e, published, kind="present")
    if name == "following":
        return DateHit(s, e, published, kind="following")
    return None


DATELINE_WORDS = 8  # «الإثنين, 10 نوفمبر 2025 11:47 AM» is 7; a sentence of the article is longer


def dateline(line: str) -> PartialDate | None:
    """The date of a dateline: a short line that gives a day, or a month and year, and little else.

    A date inside the article's sentences («منذ تأسيسه في أيلول 2014») is history, not the dateline.
    """
    if not 0 < len(line.split()) <= DATELINE_WORDS:
        return None
    hits = [h for h in find_dates(loose(line), PartialDate(dt.date.today(), "day")) if h.kind == "absolute"]
    for precision in ("day", "month"):
        for hit in hits:
            if hit.date.precision == precision:
                return hit.date
    return None


_BODY_END = re.compile(r"[.!؟?:]\s*$|[.!؟?]\s*[\u0621-\u064a]")
HEADER_LINES = 60  # the longest run of menus, banners and headline lines before an article's first sentence


def body_start(lines: list[str]) -> int:
    """How many leading lines frame the article (site chrome, headline, datelines, labels) before its
    first sentence: a line of eight words or more that ends a sentence."""
    for number, line in enumerate(lines[:HEADER_LINES]):
        if len(line.split()) >= 8 and _BODY_END.search(line.strip()):
            return number
    return 0


# Words that mark a date as the page's, not the article's: a clock, an update stamp, a weather banner.
CHROME = tuple(map(loose, ("تحديث", "الطقس", "منذ", "درجة", "اليوم", "تاريخ اليوم")))


@dataclass(frozen=True)
class Dateline:
    """The date an article carries for itself, the line it was read from (1-based) and why that line won."""

    date: PartialDate
    line: int  # 1-based
    why: str  # what the editor is told: which line, and what else was there


def publication_date(text: str) -> Dateline | None:
    """The article's dateline among the lines around its first sentence: the one nearest the body
    (a byline's date sits just above the text; a page clock or a banner sits above the headline).
    Lines marked as the page's own (آخر تحديث، الطقس…) are taken only when nothing else is dated."""
    lines = text.split("\n")
    body = body_start(lines)
    # A deck (a summary line under the headline) can read like the first sentence, with the dateline
    # below it: look a few lines past it too.
    header = lines[:body + 4] if body else lines[:12]
    found = [(n, dateline(line), line) for n, line in enumerate(header, 1)]
    found = [(n, date, line) for n, date, line in found if date is not None]
    if not found:
        return None
    plain = [f for f in found if not any(w in loose(f[2]) for w in CHROME)]
    n, date, _ = min(plain or found, key=lambda f: (abs(f[0] - (body + 0.5)), -f[0]))
    others = [f"line {k} gives {d.iso}" for k, d, _ in found if d != date]
    why = f"from the dateline on line {n}"
    if others:
        why += ("; " + ", ".join(others) + " (page chrome, taken as the page's date, not the article's;"
                " pass --published to choose otherwise)")
    return Dateline(date, n, why)
