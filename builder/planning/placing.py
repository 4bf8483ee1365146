"""Where each place's name goes on a map: beside its marker, never over another name or marker.

Greedy, as map labellers usually are: names are placed in priority order (the current place first,
then west to east so a cluster is read in order), each at the first of eight positions around its
marker that overlaps nothing placed so far and stays inside the map; a name with no free position is
left out of this map and the crowded area it sits in is drawn again larger, as an inset.

What is placed so far is kept in a grid of cells (`Occupied`), so a candidate position is compared
only with the boxes near it: a map of n places takes time linear in n, not quadratic, and every
place's page draws the whole map.
"""

from __future__ import annotations

from dataclasses import dataclass

CHAR_WIDTH = 0.5  # of the font size: Amiri's average Arabic letter (0.27 to 0.47 measured in Chromium), with room
# Amiri's line box around the baseline, as browsers measure a text (ascent 1.12, descent 0.66 of the size).
ASCENT, DESCENT = 1.12, 0.66
# Right, left, above, below, then the corners; (dx, dy) in units of the gap, and how the text hangs.
POSITIONS = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1))

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class Placed:
    """A name's position: `x, y` is where the text is anchored; `anchor` is SVG's text-anchor for
    right-to-left text (start: the text runs leftwards from x; end: rightwards; middle: centred)."""

    x: float
    y: float
    anchor: str
    box: Box


def text_box(x: float, y: float, anchor: str, text: str, size: float) -> Box:
    """The box a name of `size` px takes when anchored at (x, y) on its baseline."""
    width = len(text) * size * CHAR_WIDTH
    left = {"start": x - width, "end": x, "middle": x - width / 2}[anchor]
    return (left, y - size * ASCENT, left + width, y + size * DESCENT)


def overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes (x0, y0, x1, y1, SVG units) intersect; touching edges do not count."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class Occupied:
    """Boxes taken on a map (names, markers), found by the grid cells (CELL units square) they cover."""

    CELL = 48.0  # about a short name's width at the map's size: most boxes fall in one to four cells

    def __init__(self, boxes=()):
        self.cells: dict[tuple[int, int], list[Box]] = {}
        for box in boxes:
            self.add(box)

    def _cells(self, box: Box):
        size = self.CELL
        for cx in range(int(box[0] // size), int(box[2] // size) + 1):
            for cy in range(int(box[1] // size), int(box[3] // size) + 1):
                yield cx, cy

    def add(self, box: Box) -> None:
        """Marks `box` (x0, y0, x1, y1, SVG units) as taken."""
        for cell in self._cells(box):
            self.cells.setdefault(cell, []).append(box)

    def hits(self, box: Box) -> bool:
        """Whether `box` overlaps any box taken so far."""
        cells = self.cells
        return any(overlaps(box, other) for cell in self._cells(box) for other in cells.get(cell, ()))


def place(x: float, y: float, r: float, text: str, size: float, taken: Occupied,
          width: float, height: float) -> Placed | None:
    """The first free position for `text` beside a marker of radius r at (x, y), or None."""
    gap = r + 2
    for dx, dy in POSITIONS:
        anchor = "end" if dx > 0 else "start" if dx < 0 else "middle"
        ax = x + dx * gap
        # The baseline that puts the box beside, above or below the marker, centred on it when beside.
        ay = (y + size * (ASCENT - DESCENT) / 2 if dy == 0 else
              y - gap - size * DESCENT if dy < 0 else y + gap + size * ASCENT)
        box = text_box(round(ax, 1), round(ay, 1), anchor, text, size)
        if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
            continue
        if not taken.hits(box):
            return Placed(round(ax, 1), round(ay, 1), anchor, box)
    return None
