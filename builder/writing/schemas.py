"""JSON Schemas of the three YAML kinds, for editors' IDEs (yaml-language-server) and other tools.

They are derived from the content model's vocabularies here, so they cannot drift from what the
builder accepts; `python -m builder.writing.schemas schemas/` rewrites the committed copies, and the
site publishes them under schemas/. They check shape and vocabulary as an editor types; the builder
still does the checks a schema cannot (quotes against sources, references between files).
"""

from __future__ import annotations

import sys
from pathlib import Path

from builder.common import model as m
from builder.writing.downloads import dumps
from builder.reading.records import BASE_FIELDS, EVENT_FIELDS, MAX_PROSE, MAX_QUOTE, SOURCE_FIELDS
from builder.reading.fields import ID, MAX_ID, MAX_SHORT, MAX_TITLE

DRAFT = "https://json-schema.org/draft/2020-12/schema"
IDENTIFIER = {"type": "string", "pattern": f"^{ID.pattern}$", "maxLength": MAX_ID}
# yaml-language-server reads YAML 1.2, where 2025-05-03 is a string; a bare 2025 is a number.
DAY = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
DAY_OR_MONTH = {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"}
PARTIAL = {"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
SHORT = {"type": "string", "minLength": 1, "maxLength": MAX_SHORT}
TITLE = {"type": "string", "minLength": 1, "maxLength": MAX_TITLE}
PROSE = {"type": "string", "minLength": 1, "maxLength": MAX_PROSE}
NAMES = {
    "type": "object", "additionalProperties": False, "required": ["ar"],
    "properties": {"ar": SHORT, "en": SHORT},
}
STRINGS = {"type": "array", "items": SHORT}


def _enum(values: tuple[str, ...], description: str) -> dict:
    return {"enum": list(values), "description": description}


def _grade(values: tuple[str, ...], description: str) -> dict:
    """Admiralty grades; 2 and '2' are both accepted, as the builder accepts both."""
    return {"enum": [int(v) for v in values] + list(values), "description": description}


def _kind(name: str, fields: tuple[str, ...], required: list[str], properties: dict, title: str) -> dict:
    assert set(properties) == set(fields), f"{name}: schema and reader disagree on the fields"
    return {
        "$schema": DRAFT,
        "$id": f"{name}.schema.json",
        "title": title,
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": properties,
    }


def source_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a source's metadata file, sources/<id>.yaml."""
    return _kind("source", SOURCE_FIELDS, ["id", "outlet", "title", "published", "language", "reliability"], {
        "id": IDENTIFIER | {"description": "equal to the file name without .yaml"},
        "outlet": NAMES,
        "title": TITLE,
        "published": DAY_OR_MONTH | {"description": "YYYY-MM-DD, or YYYY-MM when only the month is known"},
        "url": {"type": "string", "pattern": "^https?://\\S+$"},
        "retrieved": DAY,
        "language": {"type": "string", "pattern": "^[a-z]{2,3}$"},
        "reliability": _enum(m.RELIABILITY, "Admiralty source grade: A completely reliable … F cannot be judged"),
        "notes": PROSE,
        "original": {
            "type": "object", "additionalProperties": False, "required": ["file", "sha256"],
            "description": "the saved page or WARC record the text was extracted from, archived beside it",
            "properties": {
                "file": {"type": "string", "pattern": "^[a-z0-9-]+(" + "|".join(
                    s.replace(".", "\\.") for s in m.ORIGINAL_SUFFIXES) + ")$",
                         "description": "<id>.html, <id>.warc or <id>.warc.gz, in sources/"},
                "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$", "description": "the file's SHA-256, hex"},
            },
        },
    }, "A source article's metadata (content/sources/<id>.yaml)")


def base_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a place's file, bases/<id>.yaml."""
    location = {
        "type": "object", "additionalProperties": False, "required": ["lat", "lon", "precision"],
        "properties": {
            "lat": {"type": "number", "minimum": -90, "maximum": 90},
            "lon": {"type": "number", "minimum": -180, "maximum": 180},
            "precision": _enum(m.LOCATION_PRECISIONS, "how well the coordinates are known"),
        },
    }
    return _kind("base", BASE_FIELDS, ["id", "name", "kind"], {
        "id": IDENTIFIER,
        "name": NAMES,
        "aliases": STRINGS | {"description": "other spellings as they occur in sources"},
        "kind": _enum(m.BASE_KINDS, "what the place is"),
        "governorate": NAMES | {"description": "required once the place is reviewed"},
        "location": location,
        "notes": PROSE,
        "review": _enum(m.REVIEW, "pending: a draft `briefing suggest --write` made from a name in a source; "
                                  "complete it (governorate, location) and set reviewed"),
    }, "A place: base, airfield, outpost, field, crossing, city or area (content/bases/<id>.yaml)")


def event_schema() -> dict:
    """The JSON Schema (draft 2020-12) of an event's file, events/<yyyy>/<id>.yaml."""
    date = {
        "type": "object", "additionalProperties": False, "required": ["start", "precision"],
        "properties": {
            "start": PARTIAL, "end": PARTIAL,
            "precision": _enum(m.PRECISIONS, "day and week: YYYY-MM-DD; month: YYYY-MM; year: YYYY"),
        },
    }
    touch = {
        "type": "object", "additionalProperties": False, "required": ["id", "effect"],
        "properties": {"id": IDENTIFIER | {"description": "a file name in bases/"},
                       "effect": _enum(m.EFFECTS, "what the event did to the place")},
    }
    quantity = {
        "type": "object", "additionalProperties": False, "required": ["count", "unit"],
        "properties": {"count": {"type": ["integer", "string"], "pattern": "^[0-9٠-٩]+$", "minimum": 0},
                       "unit": _enum(m.UNITS, "what is counted")},
    }
    citation = {
        "type": "object", "additionalProperties": False, "required": ["source", "quote"],
        "properties": {
            "source": IDENTIFIER | {"description": "a file name in sources/"},
            "quote": {"type": "string", "minLength": 1, "maxLength": MAX_QUOTE,
                      "description": "copied word for word from the source's text"},
            "stance": _enum(m.STANCES, "supports (the default) or contradicts"),
        },
    }
    return _kind("event", EVENT_FIELDS, ["id", "date", "type", "title", "summary", "citations", "credibility"], {
        "id": IDENTIFIER,
        "date": date,
        "type": _enum(m.EVENT_TYPES, "what happened"),
        "title": TITLE,
        "summary": PROSE | {"description": "Markdown, Arabic; no raw HTML"},
        "bases": {"type": "array", "items": touch},
        "actors": STRINGS,
        "quantities": {"type": "array", "items": quantity},
        "citations": {"type": "array", "minItems": 1, "items": citation},
        "credibility": _grade(m.CREDIBILITY, "Admiralty information grade: 1 confirmed … 6 cannot be judged"),
        "replaces": {"type": "array", "items": IDENTIFIER, "description": "ids this event had before a rename"},
        "review": _enum(m.REVIEW, "pending: proposed by `briefing suggest` and not yet confirmed by an editor; "
                                  "it changes no place's status until set to reviewed (or removed)"),
    }, "One dated event (content/events/<yyyy>/<id>.yaml)")


def schemas() -> dict[str, bytes]:
    """The published files: schemas/<kind>.schema.json."""
    return {f"schemas/{name}.schema.json": dumps(make())
            for name, make in (("source", source_schema), ("base", base_schema), ("event", event_schema))}


def main(argv: list[str]) -> int:
    """`python -m builder.writing.schemas [FOLDER]`: write the schemas into FOLDER (schemas/ by default)."""
    target = Path(argv[0] if argv else "schemas")
    target.mkdir(parents=True, exist_ok=True)
    for path, body in schemas().items():
        (target / Path(path).name).write_bytes(body)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
