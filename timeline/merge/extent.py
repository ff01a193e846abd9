"""The timeline's real period: the span that holds most of what the sources report.

A misread number ("1130" from a broadcast time, "2042" from a resolution number) makes one
entry far from the rest; it stays on the timeline, but the header, the overview strip and the
year filter span only the period the collection is about, plus any far date that several
independent sources give (the founding of an organisation, a war a story recalls).
"""

from __future__ import annotations

import math
from datetime import date

from timeline.records import Entry

CORE = 0.9  # share of the sources' mentions the core period holds
AGREEING_SHARE = 0.05  # a date outside it counts when this share of the sources give it...
AGREEING_MIN = 2  # ...and never fewer than two sources


def real_period(entries: tuple[Entry, ...] | list[Entry]) -> tuple[date, date] | None:
    """The first and last day of the collection's real period; None without entries."""
    if not entries:
        return None
    # Each entry weighs as many as the sources that report it: one article's slip weighs one.
    points = sorted((e.start, len(e.documents) or 1) for e in entries)
    total = sum(w for _, w in points)
    need = CORE * total
    best: tuple[int, int] | None = None
    held, low = 0, 0
    for high, (_, weight) in enumerate(points):
        held += weight
        while held - points[low][1] >= need:
            held -= points[low][1]
            low += 1
        if held >= need and (
            best is None
            or (points[high][0] - points[low][0]) < (points[best[1]][0] - points[best[0]][0])
        ):
            best = (low, high)
    assert best is not None
    first, last = points[best[0]][0], points[best[1]][0]
    sources = {d for e in entries for d in e.documents}
    agreeing = max(AGREEING_MIN, math.ceil(AGREEING_SHARE * len(sources)))
    for entry in entries:
        if len(entry.documents) >= agreeing:
            first, last = min(first, entry.start), max(last, entry.start)
    return first, last
