"""What a brief's PDF prints: a document of its own, not a page of the site (no kind, never written)."""

from __future__ import annotations

from dataclasses import dataclass
from builder.planning.views import CitationView, EventCard


@dataclass(frozen=True)
class PrintedEvent:
    """An event as a brief's PDF prints it: the card, every cited passage, and its permanent address."""

    card: EventCard
    citations: tuple[CitationView, ...]
    permalink: str  # absolute with `site_url`, else the site-relative address


@dataclass(frozen=True)
class BriefPrint:
    """A monthly brief as its PDF prints it (builder/rendering/typeset.py makes Typst's data of it)."""

    path: str  # the brief's folder
    title: str
    month: str
    count: str
    site_name: str
    edition: str  # the build date, in Arabic
    permalink: str  # of the brief's web page
    events: tuple[PrintedEvent, ...]
