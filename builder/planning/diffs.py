"""An event's field as the changes page prints it: the value an edition published, in words a reader
reads, so that a correction shows what it corrected."""

from __future__ import annotations

from builder.arabic import wording as labels
from builder.arabic.printing import Style
from builder.common import model as m


def describe(field: str, value, corpus: m.Corpus, style: Style) -> str:
    """A field's published value (events.json's shape) as text; '' for none. Places and sources are named
    as this edition knows them, by id when it no longer does."""
    if value in (None, "", [], {}):
        return ""
    match field:
        case "date":
            end = value.get("end")
            return f"{value['start']}–{end}" if end else value["start"]
        case "type":
            return labels.EVENT_TYPES.get(value, value)
        case "bases":
            return "، ".join(f"{_name(corpus.bases, t['id'])}: {labels.EFFECTS.get(t['effect'], t['effect'])}"
                             for t in value)
        case "actors":
            return "، ".join(value)
        case "quantities":
            return "، ".join(f"{style.number(q['count'])} {labels.UNITS.get(q['unit'], q['unit'])}" for q in value)
        case "citations":
            return " · ".join(f"{_outlet(corpus.sources, c['source'])}: «{c['quote']}»" for c in value)
        case "credibility":
            return labels.grade(value, labels.CREDIBILITY) if value in labels.CREDIBILITY else str(value)
    return str(value)


def _name(bases: dict[str, m.Base], base_id: str) -> str:
    return bases[base_id].name.ar if base_id in bases else base_id


def _outlet(sources: dict[str, m.Source], source_id: str) -> str:
    return sources[source_id].outlet.ar if source_id in sources else source_id
