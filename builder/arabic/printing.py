"""Arabic as the site prints it: numbers in the chosen digits, dates honest to their precision, and plurals.

Month names and plural rules come from CLDR through Babel: `ar_SY` carries the Levantine months
(كانون الثاني، أيار…) that Syrian outlets use, `ar` the other set (يناير، مايو…).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from babel.dates import get_month_names

from builder.arabic.wording import COUNTED, UNITS
from builder.common.model import PartialDate

_TO_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@dataclass(frozen=True)
class Style:
    """How dates and numbers are written on the site (set in mkdocs.yml)."""

    months: str = "levantine"  # levantine (كانون الثاني) | gregorian (يناير)
    digits: str = "western"  # western (2025) | arabic-indic (٢٠٢٥)

    def number(self, value: int | str) -> str:
        """Write a number in the chosen digits."""
        text = str(value)
        return text.translate(_TO_ARABIC_INDIC) if self.digits == "arabic-indic" else text

    def month_name(self, month: int) -> str:
        """The month's name in the chosen set, from CLDR."""
        return _month_names(self.months)[month]

    def month(self, year: int, month: int) -> str:
        """'أيار 2025'."""
        return f"{self.month_name(month)} {self.number(year)}"

    def date(self, value: PartialDate) -> str:
        """Write a date no more precisely than it is known."""
        d = value.value
        if value.precision == "year":
            return self.number(d.year)
        if value.precision == "month":
            return self.month(d.year, d.month)
        if value.precision == "week":
            return f"أسبوع {self._span(d, value.last_day)}"
        return f"{self.number(d.day)} {self.month(d.year, d.month)}"

    def _span(self, first: dt.date, last: dt.date) -> str:
        """'3–9 أيار 2025', '27 نيسان – 3 أيار 2025': the shared month and year said once."""
        if (first.year, first.month) == (last.year, last.month):
            return f"{self.number(first.day)}–{self.number(last.day)} {self.month(last.year, last.month)}"
        head = f"{self.number(first.day)} {self.month_name(first.month)}"
        if first.year != last.year:
            head += f" {self.number(first.year)}"
        return f"{head} – {self.number(last.day)} {self.month(last.year, last.month)}"

    def date_range(self, start: PartialDate, end: PartialDate | None) -> str:
        """'3 أيار 2025' or 'من 3 إلى 5 أيار 2025' style ranges, as precise as the dates."""
        if end is None or end == start:
            return self.date(start)
        return f"من {self.date(start)} إلى {self.date(end)}"

    def day(self, value: dt.date) -> str:
        """A full day, for build timestamps and retrieval dates."""
        return self.date(PartialDate(value, "day"))

    def count(self, n: int, word: str) -> str:
        """'حدث واحد', 'حدثان', '3 أحداث', '11 حدثًا': one of the site's words (wording.COUNTED),
        in the form CLDR's Arabic plural category of `n` takes."""
        return self.counted(n, COUNTED[word])

    def quantity(self, n: int, unit: str) -> str:
        """'طائرة شحن واحدة', 'طائرتا شحن', '7 طائرات شحن', '45 شاحنة': a quantity of a unit (model.UNITS)."""
        return self.counted(n, UNITS[unit])

    def counted(self, n: int, forms: dict[str, str]) -> str:
        """The form (wording.counted) for CLDR's plural category of `n`, the number in the chosen digits."""
        return forms[_plural_category(n)].replace("{n}", self.number(n))


def coordinate(value: float) -> str:
    """A latitude or longitude as the editor wrote it: 35.37, not 35.3700 (a precision the data does
    not have); a whole degree as 36. Shortest round-trip form of the float the YAML held."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


@lru_cache(maxsize=2)
def _month_names(months: str) -> dict[int, str]:
    locale = "ar_SY" if months == "levantine" else "ar"
    return dict(get_month_names("wide", locale=locale))


_AR = Locale("ar")


@lru_cache(maxsize=4096)  # Babel evaluates the rule afresh each time; pages count thousands of things
def _plural_category(n: int) -> str:
    return _AR.plural_form(n)


