"""The map's projection: Syria's outline and governorates (reading/geography.py) drawn in SVG units."""

from __future__ import annotations

import math
from dataclasses import dataclass

from builder.reading.geography import Ring

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
