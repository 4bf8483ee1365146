"""Read an archived article the way an editor would and propose event stubs that already validate.

For each sentence that names a known place (by its name or any alias, after Arabic loosening and
with joined particles: بقاعدة، والشدادي، للحسكة), propose an event: the date the sentence gives (or,
failing that, the last date the article gave before it, or the publication date's honest default),
a likely type from its verbs, quantities with their units, and the sentence itself as the quote, so
`briefing check` accepts the stub as printed. Everything is a proposal: the editor decides.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import deque
import re
from dataclasses import dataclass, field

from builder.arabic.normalise import PLACEHOLDER, name_pattern, place_key, unplaced
from builder.common import model as m
from builder.curation.news_dates import (B, E, PREFIX, WEEKDAYS, DateHit, body_start, find_dates, loose, month_lexicon,
                                         week_before)
from builder.reading.fields import ID

# Generic words a place's name may start or end with; what is left can name the place alone
# («حقل كونيكو» is also «كونيكو»), unless another place already uses it.
_GENERIC_HEADS_WRITTEN = ("قاعده", "القاعده", "حقل", "مطار", "معبر", "نقطه", "النقطه")
_GENERIC_TAILS_WRITTEN = ("النفطي", "للغاز", "الحدودي", "العسكريه", "العسكري")

# The verbs and nouns that make an event of one type, most telling first.
_TYPE_CUES_WRITTEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("handover", ("سلم", "سلمت", "تسلم", "تسلمت", "تسليم", "سلمت")),
    ("closure", ("اغلاق", "اغلق", "اغلقت", "تفريغ", "تفريغها")),
    # A column of vehicles is a convoy whatever it carries («رتل تعزيزات»: the effect says reinforced).
    ("convoy", ("رتل", "رتلا", "قافله", "قوافل")),
    ("airlift", ("طائره شحن", "طائرات شحن", "هبطت", "هبوط", "جسر جوي")),
    ("exercise", ("تدريبات", "تدريب", "مناورات", "مناوره")),
    ("airstrike", ("ضربات جويه", "ضربه جويه", "غارات", "غاره", "ضربات")),
    ("raid", ("انزال", "انزالا", "عمليات انزال")),
    ("withdrawal", ("انسحب", "انسحبت", "انسحاب", "بانسحاب", "الانسحاب", "المنسحبه", "تغادر", "غادرت", "مغادره", "سحب",
                    "سحبت", "تقليص", "اخلت", "اخلى", "اخلاء")),
    ("attack", ("هجوم", "هجوما", "استهدف", "استهدفت", "هاجم", "سقط", "معركه", "طرد", "تحرير", "استعاده")),
    ("establishment", ("انشاء", "انشا", "انشات", "انشيت", "تاسيس", "تثبيت", "اقامت", "اقام", "اقامه",
                       "شبكه من القواعد", "نقطه عسكريه جديده")),
    ("reinforcement", ("تعزيز", "تعزيزات", "عززت", "عزز", "رفعت عدد", "استقدام", "استقدمت")),
    ("convoy", ("رتل", "رتلا", "قافله", "قوافل", "شاحنه", "شاحنات")),
    ("deployment", ("انتشار", "تتمركز", "يتمركز", "تمركز", "نشطه", "نشطتين", "نشطتان")),
    ("plan", ("خطه", "يستعد", "تعتزم", "يعتزم", "مفاوضات", "تخطط")),
)
DEFAULT_TYPE = "statement"

# What the event likely did to each place it names, by type; direction words refine it below.
EFFECT_OF_TYPE = {
    "handover": "handed-over", "closure": "closed", "airlift": "reinforced", "exercise": "active",
    "withdrawal": "reduced", "establishment": "established", "reinforcement": "reinforced",
    "convoy": "mentioned", "deployment": "active", "airstrike": "mentioned", "raid": "mentioned",
    "attack": "mentioned", "plan": "mentioned", "statement": "mentioned",
}
FROM_WORDS = ("من",)
_TO_WORDS_WRITTEN = ("الى", "نحو", "باتجاه", "صوب")

# Counted things: loosened singular, dual and plural forms → the unit the content model uses.
_UNITS_WRITTEN = {
    "truck": ("شاحنه", "شاحنات", "شاحنتين", "شاحنتان"),
    "cargo-aircraft": ("طائره شحن", "طائرات شحن", "طائرتي شحن", "طائرتا شحن"),
    "aircraft": ("طائره", "طائرات", "طائرتين", "طائرتان"),
    "helicopter": ("مروحيه", "مروحيات", "مروحيتين", "مروحيتان"),
    "soldier": ("جندي", "جنود", "جنديا"),
    "vehicle": ("اليه", "اليات", "مركبه", "مركبات", "مدرعه", "مدرعات"),
    "exercise": ("تدريبات", "تدريب", "تدريبا"),
    "operation": ("عمليه", "عمليات"),
    "base": ("قاعده", "قواعد"),
    "country": ("دوله", "دول"),
}
_DUALS_WRITTEN = {"شاحنتين", "شاحنتان", "طائرتي شحن", "طائرتا شحن", "طائرتين", "طائرتان", "مروحيتين", "مروحيتان"}
# Arabic number words (both genders) that outlets use for small counts.
_NUMBER_WORDS_WRITTEN = {
    "اثنان": 2, "اثنتان": 2, "اثنين": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4,
    "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "ثمان": 8,
    "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
}
# A place noun and the kind of place it names; «قرية X», «بلدة X», «منطقة X» are areas on the map.
_PLACE_NOUNS_WRITTEN = {"قاعده": "base", "حقل": "oil-field", "مطار": "airfield", "معبر": "crossing", "قريه": "area",
               "بلده": "area", "منطقه": "area", "مدينه": "city"}
# Words after a place noun that are not a name («قاعدة عسكرية», «حقول النفط في»).
_NOT_NAMES_WRITTEN = {"عسكريه", "جديده", "اميركيه", "امريكيه", "رئيسيه", "ثالثه", "جويه", "في", "من", "الى", "على",
             "عن", "مع", "التحالف", "الدولي", "الغاز", "النفط", "ثانيه", "اخرى", "واحده", "تابعه", "دعم", "كبيره",
             "صغيره", "المهام", "قرب", "داخل", "خارج", "شمال", "جنوب", "شرق", "غرب", "الاستراتيجيه",
             # function words, ordinals and adverbs: «القاعدة الرابعة التي», «قاعدة رسميًا»
             "التي", "الذي", "اللتي", "هي", "هو", "ذات", "نفسها", "نفسه", "كل", "اي", "عده", "بعض", "او", "ثم",
             "الاولى", "الثانيه", "الثالثه", "الرابعه", "الخامسه", "السادسه", "الاخيره", "الجديده", "الكبرى",
             "اولى", "رابعه", "خامسه", "اخيره", "ايضا", "مؤخرا", "سابقا", "تقريبا", "مجددا", "اخيرا", "حاليا",
             "عازله", "امنه", "نفوذ", "عمليات", "واسعه", "حدوديه", "الشرق", "الشمالي", "الجنوبي", "الشرقي",
             "الغربي", "الشماليه", "الجنوبيه", "الشرقيه", "الغربيه", "الحدوديه", "النفطيه", "محليه", "سكنيه"}


# The lexicons above are written as Arabic is spelled (the _WRITTEN tables); matching happens on loosened
# text (ئ→ي, ة→ه…), so each is loosened once, here, under the name the rest of the module reads.
GENERIC_HEADS = tuple(map(loose, _GENERIC_HEADS_WRITTEN))
GENERIC_TAILS = tuple(map(loose, _GENERIC_TAILS_WRITTEN))
TYPE_CUES = tuple((t, tuple(map(loose, cues))) for t, cues in _TYPE_CUES_WRITTEN)
TO_WORDS = tuple(map(loose, _TO_WORDS_WRITTEN))
UNITS = {unit: tuple(map(loose, forms)) for unit, forms in _UNITS_WRITTEN.items()}
DUALS = set(map(loose, _DUALS_WRITTEN))
NUMBER_WORDS = {loose(w): n for w, n in _NUMBER_WORDS_WRITTEN.items()}
PLACE_NOUNS = {loose(w): kind for w, kind in _PLACE_NOUNS_WRITTEN.items()}
NOT_NAMES = set(map(loose, _NOT_NAMES_WRITTEN))


@dataclass(frozen=True)
class Mention:
    """A known place named in a sentence: its id and the span of the name (character offsets, end exclusive)."""

    base: str
    start: int
    end: int


@dataclass
class Stub:
    """A proposed event: one sentence, one date, the places it names there."""

    source: str
    sentence: str
    date: m.PartialDate
    until: m.PartialDate | None
    type: str
    bases: list[tuple[str, str]]  # (base id, effect)
    quantities: list[tuple[int, str]]
    id: str = ""
    line: int = 0
    citations: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NewPlace:
    """A place the text names with a place noun that no place file knows yet."""

    name: str
    kind: str
    sentence: str


def _names(corpus: m.Corpus) -> dict[str, str]:
    """Every loosened name a place goes by → its id; derived short names only where unambiguous."""
    explicit: dict[str, str] = {}
    for base in corpus.bases.values():
        for name in (base.name.ar, *base.aliases):
            explicit[_key(name)] = base.id
    derived: dict[str, set[str]] = {}
    for key, base_id in list(explicit.items()):
        words = key.split()
        while words and words[0] in GENERIC_HEADS:
            words = words[1:]
        while words and words[-1] in GENERIC_TAILS:
            words = words[:-1]
        short = " ".join(words)
        if len(short.replace(" ", "")) >= 3 and short != key:
            derived.setdefault(short, set()).add(base_id)
    for short, owners in derived.items():
        if short not in explicit and len(owners) == 1:
            explicit[short] = owners.pop()
    return explicit


def _key(name: str) -> str:
    return place_key(name)


def _name_pattern(names: dict[str, str]) -> re.Pattern:
    """One pattern for every name, with joined particles; «للشدادي» is ل + الشدادي."""
    parts = []
    for name in sorted(names, key=len, reverse=True):
        parts.append(name_pattern(name))
        if name.startswith("ال"):
            parts.append("(?<=لل)" + name_pattern(name[2:]))
    alternatives = "|".join(parts)
    return re.compile(rf"{B}(?:{PREFIX}|[وف]?لل)?(?P<name>{alternatives}){E}")


class Suggester:
    """Reads articles against one corpus: its places' names and aliases, folded once, and its events for
    corroboration."""

    def __init__(self, corpus: m.Corpus):
        self.corpus = corpus
        self.names = _names(corpus)
        self.pattern = _name_pattern(self.names)
        place_nouns = "|".join(PLACE_NOUNS)
        word = r"[^\s\"،,.:()؛]++"
        self.place_pattern = re.compile(
            rf"{B}{PREFIX}(?P<al>ال)?(?P<noun>{place_nouns})(?:ي|ين)?\s++\"?(?P<first>{word})(?:\s++(?P<second>{word}))?")

    def mentions(self, text: str) -> list[Mention]:
        """Known places in loosened text, longest name first where two overlap, one per place."""
        found = []
        for m_ in self.pattern.finditer(text):
            start, end = m_.span("name")
            name = " ".join(unplaced(text[start:end]).split())
            lookup = name if name in self.names else ("ال" + name if "ال" + name in self.names else None)
            if lookup:
                found.append(Mention(self.names[lookup], start, end))
        return found

    def event_places(self, text: str) -> list[Mention]:
        """The places a sentence reports something at: not those that only locate another
        («بريف الحسكة», «قرب مدينة القامشلي») or say where a reporter is («مراسلنا في الرقة»)."""
        mentions = self.mentions(text)
        named = [(m_.start, m_.end) for m_ in mentions] + [m_.span() for m_ in self.place_pattern.finditer(text)]
        return [mention for mention in mentions
                if not reporter_at(text, mention.start)
                and not (locates(text, mention.start) and any(e <= mention.start and mention.start - e <= 50 for _, e in named))]

    def new_places(self, text: str, sentence: str) -> list[NewPlace]:
        """Places a sentence names after a place word (قاعدة، حقل، مطار، معبر، قرية…) that the corpus does
        not know, as draft proposals."""
        out = []
        for m_ in self.place_pattern.finditer(text):
            if m_.group("al"):
                continue  # «القاعدة», «المدينة»: a place named before, not a name
            noun, first, second = m_.group("noun"), m_.group("first"), m_.group("second")
            first, second = unplaced(first), unplaced(second or "")
            if not _could_name(first):
                continue
            name = f"{first} {second}" if second and _could_name(second, first=False) else first
            candidates = {name, first, f"{noun} {name}", f"{noun} {first}"}
            if any(c in self.names or ("ال" + c) in self.names for c in candidates):
                continue
            if self.mentions(name):
                continue
            kind = PLACE_NOUNS[noun]
            if noun == "حقل" and ("غاز" in text[m_.end():m_.end() + 12]):
                kind = "gas-field"
            original = sentence[m_.start():m_.end("first") if name == first else m_.end("second")].strip()
            out.append(NewPlace(original, kind, sentence))
        return out

    def suggest(self, source: m.Source) -> tuple[list[Stub], list[NewPlace]]:
        """Event stubs and new-place proposals for one source, reading its text sentence by sentence with the
        date context carried along."""
        stubs: list[Stub] = []
        places: list[NewPlace] = []
        context: DateHit | None = None
        last_year: int | None = None  # survives headings: «the following years» follow the last year named
        lines = source.text.split("\n")
        body = body_start(lines)
        for number, line in enumerate(lines, 1):
            if number <= body:
                continue  # headline, datelines, site chrome: they frame the report, which the body gives;
                # a headline repeats what the body dates, so it is context, never a stub of its own
            text = loose(line)
            if not text.strip():
                continue
            hits = deque(find_dates(text, source.published))
            if _is_stamp(text, hits):
                continue  # the dateline: the publication date, not a date of anything reported
            if _is_heading(line):
                continue  # a section title or label: the dates read so far still hold
            for start, end in _sentences(line):
                sentence = line[start:end].strip()
                if len(sentence) < 12:
                    continue
                s_text = text[start:end]
                # Dates in the sentence's own offsets, as the place mentions are.
                # Hits are in order and sentences too: take this sentence's from the front.
                while hits and hits[0].start < start:
                    hits.popleft()
                s_hits = []
                while hits and hits[0].start < end:
                    h = hits.popleft()
                    s_hits.append(DateHit(h.start - start, h.end - start, h.date, h.until, h.kind))
                if is_background(s_text, s_hits):
                    continue
                for i, h in enumerate(s_hits):
                    if h.kind == "following" and last_year is not None:  # «in the following years»
                        s_hits[i] = DateHit(h.start, h.end, m.PartialDate(dt.date(last_year, 1, 1), "year"), kind="following")
                mentions = self.event_places(s_text)
                places.extend(self.new_places(s_text, sentence))
                if mentions:
                    stubs.extend(self._stubs(source, sentence, s_text, mentions, s_hits, context, number))
                dated = [h for h in s_hits if h.kind not in ("present",)]
                if dated:
                    context = dated[-1]
                    last_year = context.date.value.year
        return _merge(stubs), _unique_places(places)

    def _stubs(self, source: m.Source, sentence: str, s_text: str, mentions: list[Mention],
               hits: list[DateHit], context: DateHit | None, line: int) -> list[Stub]:
        # An undated sentence reports the days before publication: that week, or the publication month.
        default = DateHit(0, 0, week_before(source.published), kind="default")
        type_ = likely_type(s_text)
        quantities = find_quantities(s_text)
        groups: dict[tuple, list[tuple[str, str]]] = {}
        for mention in mentions:
            if hits:
                hit = min(hits, key=lambda h: _distance(h, mention))
            else:
                hit = context or default
            key = (hit.date, hit.until)
            effect = _effect(type_, s_text, mention)
            bases = groups.setdefault(key, [])
            if mention.base not in [b for b, _ in bases]:
                bases.append((mention.base, effect))
        return [Stub(source.id, sentence, date, until, type_, bases, quantities, line=line)
                for (date, until), bases in groups.items()]


def _could_name(word: str, first: bool = True) -> bool:
    """Whether a word after a place noun can be (part of) the place's name: not a function word,
    an ordinal, an adverb («رسميًا»), a number, a locator, a month or a weekday."""
    if word in NOT_NAMES or word.isdigit() or len(word) < 2 or _strip_particles(word) in LOCATORS:
        return False
    if word.endswith("يا") and len(word) >= 5 and not word.startswith("ال"):
        return False  # an adverb: «رسميا», «فعليا», «جزئيا»
    if first and word[0] in "ول" and len(word) > 3 and not word.startswith("ال"):
        return False  # a joined و or ل («ونقطة», «للتدريب») continues the sentence
    if not first and (word[0] in "بول" and not word.startswith(("ال", "بو"))):
        return False  # «بريف», «وفي», «لقوات»: the sentence goes on
    return word not in month_lexicon() and word not in WEEKDAYS


def _distance(hit: DateHit, mention: Mention) -> int:
    if hit.end <= mention.start:
        return mention.start - hit.end
    if mention.end <= hit.start:
        return hit.start - mention.end
    return 0


def _is_stamp(text: str, hits: list[DateHit]) -> bool:
    """A line that is only a dateline: a date and perhaps a weekday or a time."""
    if not hits or len(text.split()) > 7:
        return False
    rest = text
    for h in hits:
        rest = rest[:h.start] + " " * (h.end - h.start) + rest[h.end:]
    return not re.search(r"[\u0621-\u064a]{4,}", re.sub(r"السبت|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه", "", rest))


# Words after which a place locates another («بريف الحسكة», «جنوبي الرقة», «على طريق القامشلي»).
LOCATORS = {"ريف", "قرب", "جنوب", "شمال", "شرق", "غرب", "جنوبي", "شمالي", "شرقي", "غربي", "طريق", "محافظه",
            "اطراف", "ضواحي", "مشارف", "محيط", "ارياف", "اقصى"}
# «بالقرب من X», «القريبة من X», «على مقربة من X».
LOCATOR_PHRASES = {("القرب", "من"), ("بالقرب", "من"), ("القريبه", "من"), ("القريب", "من"), ("مقربه", "من")}
# Nouns that may stand between a locator and the place: «قرب مدينة القامشلي».
PLACE_KINDS = {"مدينه", "بلده", "قريه", "منطقه", "محافظه", "ناحيه"}
# Verbs that open a sentence of background, not of news: «وتعد القاعدة من أكبر…», «ويقع الحقل…».
BACKGROUND = {"تعد", "يعد", "تعتبر", "يعتبر", "تقع", "يقع", "تضم", "يضم", "يذكر", "يشار", "تجدر", "تعرف", "يعرف"}


def locates(text: str, start: int) -> bool:
    """Whether the place named at `start` of loosened `text` follows a locator word; it then says where
    the place named just before is, and reports nothing of its own («قوات قرب مدينة تدمر» does)."""
    before = [_strip_particles(w) for w in _words(text[max(0, start - 60):start])][-4:]
    if before and before[-1] in PLACE_KINDS:
        before = before[:-1]
    if not before:
        return False
    return before[-1] in LOCATORS or tuple(before[-2:]) in LOCATOR_PHRASES


def reporter_at(text: str, start: int) -> bool:
    """Whether the place named at `start` says where a reporter is («بحسب مراسل عنب بلدي في دير
    الزور», «أفاد مراسلنا في الحسكة»), not where anything happened."""
    before = [_strip_particles(w) for w in _words(text[max(0, start - 60):start])][-4:]
    if before and before[-1] in PLACE_KINDS:
        before = before[:-1]
    return bool(before) and before[-1] == "في" and any(w.startswith("مراسل") for w in before[:-1])


def is_background(text: str, hits: list[DateHit]) -> bool:
    """A sentence that describes a place as it stands («وتعد القاعدة من أكبر القواعد»), with no
    date of its own: context for the report, not an event."""
    words = _words(text)
    return bool(words) and _strip_particles(words[0]) in BACKGROUND and not [h for h in hits if h.kind != "present"]


def _is_heading(line: str) -> bool:
    """A short line with no sentence punctuation: a section title, not a report."""
    words = line.split()
    return 0 < len(words) <= 8 and not re.search(r"[.؟?!،,:]\s*$", line.strip()) and not line.lstrip().startswith("•")


# A sentence ends at . ! ؟ ? before a space or, typed without one, before an Arabic letter; a bullet
# starts one. One character each, so splitting is a single linear scan.
_SENTENCE_END = re.compile(r"[.!؟?](?=\s|[\u0621-\u064a])|•")


def _sentences(line: str) -> list[tuple[int, int]]:
    """Spans of the sentences of `line`, without the white space around them."""
    spans, start = [], 0
    for m_ in _SENTENCE_END.finditer(line):
        end = m_.end() if m_.group() != "•" else m_.start()
        spans.append((start, end))
        start = m_.end()
    spans.append((start, len(line)))
    out = []
    for s, e in spans:
        while s < e and line[s].isspace():
            s += 1
        while e > s and line[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _words(text: str) -> list[str]:
    return [unplaced(w) for w in re.findall(rf"[\w{PLACEHOLDER}]+", text)]


def likely_type(text: str) -> str:
    """The event type the sentence's verbs and nouns suggest (joined particles and pronouns stripped)."""
    words = _words(text)
    bare = [_strip_particles(w) for w in words]
    # «الشاحنات الأمريكية دخلت»: the article does not hide the cue.
    forms = (words, bare, [_strip_suffix(w) for w in bare], [w[2:] if w.startswith("ال") and len(w) >= 5 else w for w in bare])
    joined = [" " + " ".join(f) + " " for f in forms]
    for type_, cues in TYPE_CUES:
        for cue in cues:
            if any(f" {cue} " in j for j in joined):
                return type_
    return DEFAULT_TYPE


def _strip_suffix(word: str) -> str:
    """«سلّمها» is «سلّم» + «ها»: attached object pronouns."""
    for suffix in ("هما", "ها", "هم", "ه"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _strip_particles(word: str) -> str:
    for prefix in ("وب", "وال", "بال", "فال", "ول", "فب", "و", "ف", "ب", "ل"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            rest = word[len(prefix):]
            return ("ال" + rest) if prefix.endswith("ال") else rest
    return word


def _effect(type_: str, text: str, mention: Mention) -> str:
    """From the type, turned by the words just before the place: «من X» leaves, «إلى X» arrives."""
    before = _words(text[max(0, mention.start - 40):mention.start])[-4:]
    if "جانب" in before:  # «إلى جانب»: alongside, not towards
        before = before[before.index("جانب") + 1:]
    if type_ in ("convoy", "withdrawal", "reinforcement", "airlift", "deployment"):
        if any(w in TO_WORDS for w in before):
            return "reinforced"
        if any(w in FROM_WORDS for w in before) or any(w.startswith("حقل") for w in before[-1:]):
            return "reduced"
    return EFFECT_OF_TYPE[type_]


_QUANTITY_UNITS = sorted(((form, unit) for unit, forms in UNITS.items() for form in forms), key=lambda p: -len(p[0]))


_FORMS = "|".join(re.escape(f).replace(r"\ ", r"\s++") for f, _ in _QUANTITY_UNITS)
_COUNTED = re.compile(rf"{B}(?:(\d[\d,]*)|{PREFIX}({'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))}))"
                      rf"\s++{PREFIX}(?:ال)?({_FORMS}){E}")
_DUAL = re.compile(rf"{B}{PREFIX}({'|'.join(re.escape(d).replace(chr(92) + ' ', chr(92) + 's++') for d in DUALS)}){E}")


def find_quantities(text: str) -> list[tuple[int, str]]:
    """«200 شاحنة», «سبع طائرات شحن», «مروحيتين»: (count, unit) in order, each unit once."""
    found: list[tuple[int, int, str]] = []
    for m_ in _COUNTED.finditer(text):
        count = int(m_.group(1).replace(",", "")) if m_.group(1) else NUMBER_WORDS[m_.group(2)]
        found.append((m_.start(), count, _unit(m_.group(3))))
    for m_ in _DUAL.finditer(text):
        if not any(s <= m_.start() <= s + 40 for s, _, _ in found):
            found.append((m_.start(), 2, _unit(m_.group(1))))
    out: list[tuple[int, str]] = []
    for _, count, unit in sorted(found):
        if unit not in [u for _, u in out]:
            out.append((count, unit))
    return out


def _unit(form: str) -> str:
    form = " ".join(form.split())
    return next(unit for f, unit in _QUANTITY_UNITS if f == form)


def _merge(stubs: list[Stub]) -> list[Stub]:
    """Sentences that report the same thing (same date, type and places) become one stub, several quotes."""
    merged: dict[tuple, Stub] = {}
    quoted: dict[tuple, set[str]] = {}
    for stub in stubs:
        key = (stub.date, stub.until, stub.type, tuple(sorted(b for b, _ in stub.bases)))
        if key in merged:
            if stub.sentence not in quoted[key]:
                merged[key].citations.append(stub.sentence)
                quoted[key].add(stub.sentence)
        else:
            stub.citations = [stub.sentence]
            merged[key] = stub
            quoted[key] = {stub.sentence}
    return list(merged.values())


def _unique_places(places: list[NewPlace]) -> list[NewPlace]:
    seen, out = set(), []
    for place in places:
        key = _key(place.name)
        if key not in seen:
            seen.add(key)
            out.append(place)
    return out


def assign_ids(stubs: list[Stub], taken: set[str]) -> None:
    """`<date>-<type>-<places>`, made unique against the corpus and each other."""
    for stub in stubs:
        base = "-".join([stub.date.iso, stub.type, *[b for b, _ in stub.bases][:3]])[:100].strip("-")
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        assert ID.fullmatch(candidate), candidate
        stub.id = candidate
        taken.add(candidate)


def yaml_quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _title(sentence: str, limit: int = 14) -> str:
    words = sentence.strip(" .،").split()
    if words and words[0].startswith("و") and len(words[0]) > 3:
        words[0] = words[0][1:]
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")


def stub_yaml(stub: Stub, source: m.Source) -> str:
    """The stub as an event file an editor can review, save and `briefing check` as it is."""
    date = f"{{start: {stub.date.iso}, " + (f"end: {stub.until.iso}, " if stub.until else "") + f"precision: {stub.date.precision}}}"
    lines = [
        f"# Suggested by `briefing suggest {source.id}` from line {stub.line}; check every field.",
        f"id: {stub.id}",
        f"date: {date}",
        f"type: {stub.type}",
        f"title: {yaml_quote(_title(stub.sentence))}",
        f"summary: {yaml_quote(stub.sentence.strip())}",
        "bases:",
        *[f"  - {{id: {b}, effect: {e}}}" for b, e in stub.bases],
    ]
    if stub.quantities:
        lines.append("quantities:")
        lines.extend(f"  - {{count: {c}, unit: {u}}}" for c, u in stub.quantities)
    lines.append("citations:")
    for quote in stub.citations:
        lines.append(f"  - {{source: {source.id}, quote: {yaml_quote(quote.strip())}, stance: supports}}")
    lines.append("credibility: 6   # cannot be judged yet: grade it 1-5 after reading the source")
    lines.append("review: pending   # changes no place's status until an editor sets it to reviewed (or removes it)")
    return "\n".join(lines) + "\n"


DRAFT_NOUNS = ("قرية", "بلدة", "منطقة", "مدينة")  # a village's name is «تل فارس», not «قرية تل فارس»


def draft_id(place: NewPlace) -> str:
    """An ASCII id for a draft place, stable for its name; the editor gives it a fitting one."""
    return "draft-" + hashlib.sha256(_key(place.name).encode("utf-8")).hexdigest()[:8]


def draft_place_yaml(place: NewPlace, source: m.Source) -> str:
    """A place file that `briefing check` accepts as a draft: its Arabic name, its kind, and the sentence
    it came from, marked `review: pending` until an editor gives it a governorate and a location."""
    words = place.name.split()
    name = " ".join(words[1:]) if len(words) > 1 and words[0] in DRAFT_NOUNS else place.name
    aliases = f"aliases: [{yaml_quote(place.name)}]\n" if name != place.name else ""
    return (f"# Draft by `briefing suggest {source.id}`: a place no file in bases/ knew, named in:\n"
            f"#   {' '.join(place.sentence.split())}\n"
            "# Give it a fitting id (and rename the file), an English name, its governorate and location,\n"
            "# then set review: reviewed.\n"
            f"id: {draft_id(place)}\n"
            f"name: {{ar: {yaml_quote(name)}}}\n"
            f"{aliases}"
            f"kind: {place.kind}\n"
            f"review: pending\n"
            f"notes: {yaml_quote('اقترحته أداة التحرير من المصدر ' + source.id + '.')}\n")


def place_yaml(place: NewPlace) -> str:
    """A commented proposal: a new place needs an id, a governorate and coordinates an editor knows."""
    return "\n".join([
        f"# New place? «{place.name}» appears in: {place.sentence.strip()[:160]}",
        "# id: <lowercase-ascii-id>",
        f"# name: {{ar: {place.name}}}",
        f"# kind: {place.kind}",
        "# governorate: {ar: …}",
    ]) + "\n"
