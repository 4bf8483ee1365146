"""Every Arabic word the site prints: the vocabularies' labels, counted nouns, and the words of the templates."""

from functools import lru_cache
from types import MappingProxyType

from markupsafe import Markup

from builder.arabic.bidi import ltr

EVENT_TYPES = {
    "deployment": "انتشار", "reinforcement": "تعزيز", "convoy": "قافلة", "airlift": "شحن جوي",
    "exercise": "تدريب", "withdrawal": "انسحاب", "handover": "تسليم", "establishment": "إنشاء",
    "closure": "إغلاق", "airstrike": "ضربة جوية", "raid": "إنزال", "attack": "هجوم",
    "statement": "تصريح", "plan": "خطة",
}

# What an event did to a place, as a verb on the event's page…
EFFECTS = {
    "established": "أُنشئ", "reinforced": "عُزِّز", "active": "نشط", "reduced": "قُلِّص",
    "withdrawn": "انسحبت القوات منه", "handed-over": "سُلِّم", "closed": "أُغلق", "mentioned": "ذُكر",
}

# …and the state it leaves the place in, on the status board.
STATUSES = {
    "established": "قائم", "reinforced": "معزَّز", "active": "نشط", "reduced": "مُقلَّص",
    "withdrawn": "أُخلي", "handed-over": "مُسلَّم", "closed": "مغلق",
}
UNKNOWN_STATUS = "لا معلومات"

# Groups the theme colours by: present, thinned out, gone.
STATUS_CLASSES = {
    "established": "present", "reinforced": "present", "active": "present", "reduced": "reduced",
    "withdrawn": "gone", "handed-over": "gone", "closed": "gone",
}

BASE_KINDS = {
    "base": "قاعدة", "airfield": "مطار", "outpost": "نقطة", "oil-field": "حقل نفط", "gas-field": "حقل غاز",
    "crossing": "معبر", "city": "مدينة", "area": "منطقة",
}

def place_with_kind(kind: str, name: str) -> str:
    """«قاعدة الشدادي», but «حقل كونيكو» alone for a gas field: a name that starts with its kind's noun
    already says what the place is («حقل غاز حقل كونيكو» doubled it)."""
    noun = BASE_KINDS[kind].split()[0]
    return name if name.split()[:1] == [noun] else f"{BASE_KINDS[kind]} {name}"


LOCATION_PRECISIONS = {"exact": "دقيق", "approximate": "تقريبي", "area": "منطقة"}

# Admiralty (NATO) grading: the source's reliability, and the credibility of the information.
RELIABILITY = {
    "A": "موثوق تمامًا", "B": "موثوق عادةً", "C": "موثوق إلى حدٍّ ما", "D": "غير موثوق عادةً",
    "E": "غير موثوق", "F": "لا يمكن الحكم على موثوقيته",
}
CREDIBILITY = {
    "1": "مؤكَّدة من مصادر مستقلة", "2": "صحيحة على الأرجح", "3": "ربما صحيحة", "4": "مشكوك فيها",
    "5": "مستبعدة", "6": "لا يمكن الحكم على صحتها",
}

# Event fields, as the "what changed" page names them.
FIELDS = {
    "date": "التاريخ", "type": "النوع", "title": "العنوان", "summary": "الملخص", "bases": "المواقع",
    "actors": "الأطراف", "quantities": "الأعداد", "citations": "الاقتباسات", "credibility": "درجة المصداقية",
}



# The site in one sentence: the description of pages that have none of their own, and of shared links.
SITE_DESCRIPTION = ("أحداث موثّقة عن الوجود العسكري للتحالف الدولي بقيادة الولايات المتحدة في سوريا، "
                    "كل خبر فيها باقتباس حرفي من مصدره المؤرشف.")



def brief_description(count: str, month: str) -> str:
    """A monthly brief in one sentence: «3 أحداث في أيار 2025 …»."""
    return f"{count} في {month}، كل منها باقتباس حرفي من مصدره."


def place_description(kind: str, name: str, governorate: str, status: str) -> str:
    """The meta description of a place's page: its kind, name, governorate and status now (Arabic, one
    sentence)."""
    return f"{kind} {name} في محافظة {governorate}: حالته «{status}»، وسجل حالته وأحداثه بمصادرها."


def source_description(outlet: str, published: str, events: str) -> str:
    """The meta description of a source's page: outlet, publication date and the events citing it (Arabic)."""
    return f"النص المؤرشف لمقال {outlet} المنشور في {published}، تستشهد به {events}."


# The tables of the data page.
DATA_SECTIONS = {"downloads": "التنزيلات", "schemas": "مخططات ملفات التحرير", "feeds": "الخلاصات"}

STANCES = {"supports": "يؤيّد", "contradicts": "يناقض"}

def counted(singular: str, dual: str, plural: str, feminine: bool, accusative: str = "") -> dict[str, str]:
    """A noun's form for each of CLDR's Arabic plural categories ({n} is the number): one «شاحنة واحدة»,
    two the dual «شاحنتان», few (3–10) the plural «7 شاحنات», many (11–99) the singular accusative
    «45 شاحنة», «11 جنديًا», other (100, 101, 102, 1000…) the singular «200 شاحنة»; zero «لا شاحنات».
    `accusative` is the singular with its accusative ending where the spelling shows it (ًا)."""
    return {"zero": f"لا {plural}", "one": f"{singular} {'واحدة' if feminine else 'واحد'}", "two": dual,
            "few": f"{{n}} {plural}", "many": f"{{n}} {accusative or singular}", "other": f"{{n}} {singular}"}


# The words the site counts. The rule picking the category is CLDR's; only the word forms are ours.
COUNTED: dict[str, dict[str, str]] = {
    "event": counted("حدث", "حدثان", "أحداث", feminine=False, accusative="حدثًا"),
    "source": counted("مصدر", "مصدران", "مصادر", feminine=False, accusative="مصدرًا"),
    "base": counted("موقع", "موقعان", "مواقع", feminine=False, accusative="موقعًا"),
    "citation": counted("اقتباس", "اقتباسان", "اقتباسات", feminine=False, accusative="اقتباسًا"),
}

# What an event's quantities count (model.UNITS), in every form a count needs.
UNITS: dict[str, dict[str, str]] = {
    "truck": counted("شاحنة", "شاحنتان", "شاحنات", feminine=True),
    "aircraft": counted("طائرة", "طائرتان", "طائرات", feminine=True),
    "cargo-aircraft": counted("طائرة شحن", "طائرتا شحن", "طائرات شحن", feminine=True),
    "helicopter": counted("مروحية", "مروحيتان", "مروحيات", feminine=True),
    "soldier": counted("جندي", "جنديان", "جنود", feminine=False, accusative="جنديًا"),
    "troops": counted("جندي", "جنديان", "جنود", feminine=False, accusative="جنديًا"),
    "vehicle": counted("آلية", "آليتان", "آليات", feminine=True),
    "exercise": counted("تدريب", "تدريبان", "تدريبات", feminine=False, accusative="تدريبًا"),
    "operation": counted("عملية", "عمليتان", "عمليات", feminine=True),
    "base": counted("قاعدة", "قاعدتان", "قواعد", feminine=True),
    "country": counted("دولة", "دولتان", "دول", feminine=True),
    "day": counted("يوم", "يومان", "أيام", feminine=False, accusative="يومًا"),
    "km": counted("كيلومتر", "كيلومتران", "كيلومترات", feminine=False, accusative="كيلومترًا"),
    # A share is not a counted noun: «في المئة» follows every number alike.
    "percent": {category: "{n} في المئة" for category in ("zero", "one", "two", "few", "many", "other")},
}


def grade(code: str, scale: dict[str, str]) -> Markup:
    """'موثوق إلى حدٍّ ما (C)' as HTML: the words first, then the code with its brackets isolated as one
    left-to-right run (bidi.ltr), so no page, print or PDF splits a bracket off it. Every place that
    prints an Admiralty grade prints this."""
    return _grade(scale[code], code)


@lru_cache(maxsize=64)  # a dozen grades, printed on every event and source page and card
def _grade(words: str, code: str) -> Markup:
    return Markup("{} {}").format(words, ltr(f"({code})"))


# Pagefind's interface on the search page (its translation keys). Counts are given as «…: 7» rather
# than as counted nouns: Pagefind has one form for one result and one for all other counts, and
# Arabic needs six.
SEARCH_INTERFACE = {
    "placeholder": "ابحث عن حدث أو موقع أو مصدر", "clear_search": "امسح", "load_more": "اعرض مزيدًا من النتائج",
    "search_label": "ابحث في الأحداث والمواقع والمصادر", "filters_label": "التصفية",
    "zero_results": "لا نتائج للبحث عن «[SEARCH_TERM]»", "one_result": "نتيجة واحدة للبحث عن «[SEARCH_TERM]»",
    "many_results": "نتائج البحث عن «[SEARCH_TERM]»: [COUNT]", "total_zero_results": "لا نتائج",
    "total_one_result": "نتيجة واحدة", "total_many_results": "عدد النتائج: [COUNT]",
    "alt_search": "لا نتائج للبحث عن «[SEARCH_TERM]»؛ هذه نتائج «[DIFFERENT_TERM]»",
    "search_suggestion": "لا نتائج للبحث عن «[SEARCH_TERM]». جرّب إحدى هذه الكلمات:",
    "searching": "جارٍ البحث عن «[SEARCH_TERM]»…", "results_label": "نتائج البحث", "keyboard_navigate": "للتنقل",
    "keyboard_select": "للاختيار", "keyboard_clear": "للمسح", "keyboard_close": "للإغلاق", "keyboard_search": "للبحث",
    "error_search": "تعذّر البحث", "filter_selected_one": "اختيار واحد", "filter_selected_many": "عدد المختار: [COUNT]",
    "input_hint": "تظهر النتائج أثناء الكتابة", "loading": "جارٍ التحميل…",
}


# What `briefing add-source` writes in a new source's notes; `read` names what it read by itself from
# the text or the saved page (the keys below), for the editor to check.
ADDED_SOURCE = "أُضيف بالأمر `briefing add-source`"
READ_FROM_TEXT = {
    "text-page": "نص المقال",
    "outlet-page": "اسم الوسيلة من البيانات الوصفية للصفحة",
    "published-page": "تاريخ النشر من البيانات الوصفية للصفحة",
    "published": "تاريخ النشر من سطر التاريخ",
    "url-page": "الرابط المعتمد للصفحة",
    "url-warc": "الرابط من سجل WARC",
    "url": "الرابط من النص",
    "title-page": "العنوان من البيانات الوصفية للصفحة",
    "title": "العنوان من أول الأسطر",
}


def added_source_note(read: set[str], saved: bool = False) -> str:
    """«أُضيف بالأمر `briefing add-source`؛ قُرئ من النص آليًا: تاريخ النشر من سطر التاريخ، … فراجِعه.»;
    from a saved page (`saved`), «… قُرئ من الصفحة المحفوظة آليًا: …»."""
    found = [READ_FROM_TEXT[key] for key in READ_FROM_TEXT if key in read]
    where = "من الصفحة المحفوظة" if saved else "من النص"
    return f"{ADDED_SOURCE}؛ قُرئ {where} آليًا: {'، '.join(found)}، فراجِعه." if found else f"{ADDED_SOURCE}."


# What a source's archived original is, by its suffix (model.ORIGINAL_SUFFIXES), as its page names it.
ORIGINAL_KINDS = {".html": "الصفحة كما حُفظت (HTML)", ".warc.gz": "سجل أرشيف الويب (WARC)",
                  ".warc": "سجل أرشيف الويب (WARC)"}


# The words the templates print, as `words.<name>` (a Jinja global): templates hold markup only.
# A sentence around a value is split where the value goes («في محافظة» {governorate}).
# The tables of the data page, as titled there (planning.pages.data).
DATA_SECTIONS = {"downloads": "التنزيلات", "schemas": "مخططات ملفات التحرير", "feeds": "الخلاصات"}

WORDS = MappingProxyType({
    "skip_to_content": "انتقل إلى المحتوى",
    "outdated_edition": "هذه طبعة قديمة من الموجز.",
    "read_latest_edition": "اقرأ أحدث طبعة",
    "crumbs_label": "مسار التصفح",
    "in_governorate": "في محافظة",
    "status": "الحالة",
    "since": "منذ",
    "other_names": "أسماء أخرى",
    "governorate": "المحافظة",
    "coordinates": "الإحداثيات",
    "place_map_before": "موقع ",
    "place_map_after": " (مميَّز) بين مواقع الموجز",
    "place_map_absent": "مواقع الموجز، وليس بينها ",
    "status_history": "سجل الحالة",
    "no_status_change": "لم يغيّر أي حدث في المدوّنة حالة هذا الموقع بعد.",
    "events": "الأحداث",
    "no_events_here": "لا أحداث مسجّلة لهذا الموقع.",
    "in_order_of_occurrence": "، بترتيب وقوعها.",
    "neighbouring_briefs": "الموجزات المجاورة",
    "older": "الأقدم",
    "newer": "الأحدث",
    "events_by_type": "الأحداث بحسب النوع",
    "events_by_place": "الأحداث بحسب الموقع",
    "this_edition": "هذه الطبعة",
    "not_compared": "لا تُقارن بطبعة سابقة: لم تُنشر قبلها طبعة، أو بُنيت محليًا دون نشر.",
    "difference_between": "الفرق بين هذه الطبعة",
    "and_previous": "والطبعة السابقة",
    "computed_from": "، محسوبًا من بيانات الطبعتين المنشورة.",
    "new_events": "أحداث جديدة",
    "changed_events": "أحداث عُدّلت",
    "renamed_events": "أحداث تغيّر معرّفها",
    "removed_events": "أحداث حُذفت",
    "status_changes": "تغيّر حالة المواقع",
    "new_sources": "مصادر جديدة",
    "no_difference": "لا فرق في الأحداث ولا في حالات المواقع ولا في المصادر.",
    "data_lede": "كل ما في الموقع متاح للتنزيل وإعادة الاستخدام، مع الإحالة إلى الموجز وإلى المصادر الأصلية. تتغيّر الملفات مع كل طبعة؛ رقم الطبعة في",
    "file": "الملف",
    "format": "الصيغة",
    "contents": "ما فيه",
    "schemas_check": "تتحقق هذه المخططات من ملفات YAML أثناء الكتابة في محرر يدعم",
    "schemas_check_line": "(مثل VS Code مع إضافة YAML)، إذا بدأ الملف بسطر مثل:",
    "check_remains": "أما التحقق من الاقتباسات ومن الإحالات بين الملفات فيبقى لأمر",
    "disputed_note": "تتعارض المصادر في هذا الخبر؛ انظر الاقتباسات أدناه.",
    "places": "المواقع",
    "quantities": "الأعداد",
    "actors": "الأطراف",
    "credibility": "درجة المصداقية",
    "brief": "الموجز",
    "citations": "الاقتباسات",
    "comma": "، ",
    "source_reliability": "موثوقية المصدر",
    "permalink": "الرابط الدائم للاستشهاد",
    "all_quoted": "، كلها موثّقة باقتباسات حرفية من مصادرها.",
    "places_status": "حالة المواقع",
    "home_map": "المواقع على الخريطة ملوّنةً بحالتها الحالية؛ انقر موقعًا لصفحته",
    "activity": "النشاط شهرًا بشهر",
    "latest_brief": "أحدث موجز",
    "moved_event": "انتقل هذا الحدث إلى عنوان جديد",
    "search_lede": "ابحث في الأحداث والمواقع والمصادر، بأي اسم من أسماء الموقع. البحث يجري في متصفحك وحده، دون أي خادم خارجي، ولا يفرّق بين الهمزات ولا يتأثر بالتشكيل، ويجد الكلمة وإن اتصلت بها الواو أو الفاء أو الباء أو اللام أو الكاف، وإن كُتبت ی وک الفارسيتان مكان ي وك.",
    "search_needs_js": "يحتاج البحث إلى JavaScript. تصفّح بدلًا منه",
    "briefs": "الموجزات",
    "and": "و",
    "sources": "المصادر",
    "or_download": "، أو نزّل",
    "data": "البيانات",
    "publisher": "الناشر",
    "published": "تاريخ النشر",
    "original_link": "الرابط الأصلي",
    "archived": "تاريخ الأرشفة",
    "text_hash": "بصمة النص",
    "original_file": "الأصل المؤرشف",
    "original_hash": "بصمة الأصل",
    "citing_events": "الأحداث التي تستشهد بهذا المصدر",
    "archived_text": "النص المؤرشف",
    "title": "العنوان",
    "publication": "النشر",
    "reliability": "الموثوقية",
    "newest_first": "، الأحدث أولًا.",
    "other_types": "أنواع أخرى",
    "year_only_events": "أحداث لا يُعرف إلا عامها، فلا تظهر في الرسم",
    "place": "الموقع",
    "kind": "النوع",
    "edition": "الطبعة",
    "built_on": "بُنيت في",
    "edition_data": "بيانات الطبعة",
    "colophon_note": "كل خبر هنا مأخوذ حرفيًا من مصدر مؤرشف؛ اتبع الروابط إلى النص الأصلي.",
    "editions": "الطبعات",
    "disputed": "روايات متعارضة",
    "pending": "بانتظار المراجعة",
    "pending_event": "اقترحت أداة التحرير هذا الخبر ولم يراجعه محرر بعد؛ لا يغيّر حالة أي موقع حتى يراجَع.",
    "pending_place": "بانتظار المراجعة: اقترحت أداة التحرير هذا الموقع من اسم ورد في مصدر، ولم يكمله محرر بعد.",
    "unplaced": "مواقع بلا إحداثيات لا تظهر على الخريطة",
    "outside_map": "مواقع تقع إحداثياتها خارج سوريا فلا تظهر على الخريطة",
    "borders": "الحدود",
    "public_domain": "ملكية عامة",
    "sections": "الأقسام",
    "all_types": "كل الأنواع",
    "all_places": "كل المواقع",
    "shown_of": "يظهر {shown} من {total}",
    "latest": "الأحدث",
    "page": "صفحة",  # a PDF brief's page footer: «صفحة 2 من 5»
    "page_of": "من",
    "timeline_caption": "الشريط العلوي: الحالة بعد كل حدث غيّرها. العلامات السفلية: الأحداث، بعرض دقّة تاريخها (يومٌ خطٌّ رفيع، وشهرٌ أو سنةٌ شريطٌ مظلّل). الأقدم على اليمين.",
})

# ---- Words the planner puts into page contexts ----

COMMA = "، "
UNKNOWN_MONTH = "(شهر غير معروف)"
SITE_NAME = "موجز الوجود العسكري للتحالف الدولي في سوريا"  # unless mkdocs.yml names the site

# The sections of the site, as the navigation and breadcrumbs name them.
SECTIONS = {
    "home": "الرئيسية", "changes": "ما الذي تغيّر", "briefs": "الموجزات الشهرية", "bases": "المواقع",
    "sources": "المصادر", "data": "البيانات", "search": "بحث",
}


def brief_title(month: str) -> str:
    """«موجز أيار 2025»: a monthly brief, by its month as printed."""
    return f"موجز {month}"


def brief_pdf(month: str) -> str:
    """The link to a brief's PDF."""
    return f"موجز {month} بصيغة PDF"


def type_title(type_label: str) -> str:
    """The page listing the events of one type («أحداث من نوع «انسحاب»»)."""
    return f"أحداث من نوع «{type_label}»"


def place_feed(name: str) -> str:
    """The link to a place's Atom feed."""
    return f"خلاصة Atom لأحداث {name}"


def place_events(kind: str, name: str) -> str:
    """A place's feed subtitle: «أحداث قاعدة الشدادي», «أحداث حقل كونيكو»."""
    return f"أحداث {place_with_kind(kind, name)}"


def edition_title(day: str) -> str:
    """A published edition's title in the editions list, by the day it was built («طبعة 3 أيار 2025»)."""
    return f"طبعة {day}"


LATEST_EVENTS = "أحدث الأحداث الموثّقة"  # the site feed's subtitle
FEED_PLACE = "{place}: {effect}"  # a place an entry touches, with what the event did to it

# The data page: what each download holds ({events}, {places}, {sources} are counts as printed).
DOWNLOADS = {
    "event-places.csv": "سطر لكل حدث وموقع تناوله: التاريخ والموقع ومحافظته وإحداثياته وأثر الحدث فيه، للجداول المحورية ونظم المعلومات الجغرافية.",
    "events-history.json": "متى ظهر كل حدث أول مرة في طبعة منشورة ومتى عُدّل آخر مرة (ما تعتمده الخلاصات).",
    "events.json": "{events} بكل حقولها: التاريخ ودقّته والنوع والمواقع وأثر الحدث فيها والاقتباسات.",
    "events.csv": "الأحداث نفسها جدولًا، سطرًا لكل حدث، بترميز UTF-8 مع علامة BOM ليفتحه Excel بالعربية.",
    "bases.geojson": "{places} نقاطًا على الخريطة ([خط الطول، خط العرض] وفق RFC 7946) مع حالتها ودقّة موقعها.",
    "bases.json": "المواقع وحالتها الحالية والحدث الذي حدّدها.",
    "sources.json": "{sources} مع بصمة SHA-256 لكل نص مؤرشف ولكل أصل محفوظ (صفحة أو سجل WARC)، للتحقق من النسخة.",
    "version.json": "رقم الطبعة وتاريخ بنائها وبصمة المحتوى الذي بُنيت منه.",
}
SCHEMAS = {
    "event": "مخطط ملف الحدث events/<yyyy>/<id>.yaml",
    "base": "مخطط ملف الموقع bases/<id>.yaml",
    "source": "مخطط بيانات المصدر sources/<id>.yaml",
}
FEEDS = {"feed.xml": "أحدث الأحداث في الموجز كله.", "places": "لكل موقع خلاصة خاصة به، رابطها في صفحة الموقع."}

# ---- Words of the graphics: the map's legend, the timeline and the activity chart ----

# Event types grouped into the activity chart's families: (key, label, types).
FAMILIES = (
    ("movement", "تحركات وإمداد", ("deployment", "reinforcement", "convoy", "airlift")),
    ("posture", "إنشاء وانسحاب وتسليم", ("establishment", "withdrawal", "handover", "closure")),
    ("exercise", "تدريبات", ("exercise",)),
    ("force", "ضربات وعمليات", ("airstrike", "raid", "attack")),
    ("words", "تصريحات وخطط", ("statement", "plan")),
)
STATUS_LEGEND = {"present": "قائم أو معزَّز أو نشط", "reduced": "مُقلَّص", "gone": "أُخلي أو سُلِّم أو أُغلق"}
PRECISION_LEGEND = {"exact": "موقع دقيق", "approximate": "موقع تقريبي (حلقة متقطعة)",
                    "area": "منطقة لا نقطة (دائرة واسعة)"}
ACTIVITY_LABEL = "عدد الأحداث في كل شهر بحسب نوعها، الأقدم على اليمين"


def status_since(status: str, date: str) -> str:
    """«قائم منذ 3 أيار 2025»."""
    return f"{status} منذ {date}"


def timeline_label(place: str, first: str, last: str) -> str:
    """The accessible name of a place's timeline, its years as printed."""
    return f"خط زمني لـ{place}: حالاته وأحداثه من {first} إلى {last}، الأقدم على اليمين"


def family_legend(label: str, types: list[str]) -> str:
    """«تدريبات: تدريب»: a family of the chart and the types in it."""
    return f"{label}: " + COMMA.join(types)


# The page a preview shows while the corpus or the theme has errors (preview/error_page.py).
PREVIEW_FAILED = "تعذّر بناء المعاينة"
PREVIEW_FAILED_LEAD = "صحّح ما يلي، وتُحدَّث الصفحة وحدها حين يصير المحتوى سليمًا:"


def passage(i: int, n: int, number=str) -> str:
    """The link from a source page's list of citing events to the i-th of the n passages an event quotes."""
    return "المقطع المقتبس" if n == 1 else f"المقطع {number(i)}"


def inset_caption(governorates: list[str]) -> str:
    """The caption of a map's inset: «مكبَّرًا: محافظتا الحسكة ودير الزور»."""
    if len(governorates) == 1:
        return f"مكبَّرًا: محافظة {governorates[0]}"
    joined = "، ".join(governorates[:-1]) + " و" + governorates[-1]
    return f"مكبَّرًا: {'محافظتا' if len(governorates) == 2 else 'محافظات'} {joined}"


def recent_activity(months: str) -> str:
    """The caption of the home page's chart of recent months."""
    return f"آخر {months} شهرًا بالتفصيل: عدد الأحداث في كل شهر بحسب نوعها، الأقدم على اليمين"
