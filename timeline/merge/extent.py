"""The timeline's real period: the span that holds most of what the sources report.

A misread number ("1130" from a broadcast time, "2042" from a resolution number) makes one
entry far from the rest; it stays on the timeline, but the header, the overview strip and the
year filter span only the period the collection is about: the span that holds most of what
its sources report, widened over the dates that follow on closely, plus any far date that a
good share of the sources give (the founding of an organisation every article recalls).
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from timeline.records import Entry

CORE = 0.8  # share of the sources' mentions the core period holds
GAP_SHARE = 0.25  # the core extends over gaps up to this share of its length...
GAP_MIN = 7  # ...or a week
PRECISE_DAYS = 31  # entries dated this finely (a month at most) make the core period
AGREEING_SHARE = 0.25  # a date outside it counts when this share of the sources give it...
AGREEING_MIN = 2  # ...and never fewer than two sources


def real_period(entries: tuple[Entry, ...] | list[Entry]) -> tuple[date, date] | None:
    """The first and last day of the collection's real period; None without entries."""
    if not entries:
        return None
    # Each entry weighs as many as the sources that report it: one article's slip weighs one.
    # The happenings a collection reports are dated to days, weeks and months; years, decades
    # and centuries are mostly its background ("in the 1830s"), unless that is all it has.
    precise = [e for e in entries if (e.end - e.start).days <= PRECISE_DAYS] or list(entries)
    points = sorted((e.start, len(e.documents) or 1) for e in precise)
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
    low, high = best
    # Then out from the core as long as the next date follows closely: a story's thin first
    # days and its last act are part of it, a far slip across a wide gap is not.
    gap = timedelta(days=max(GAP_SHARE * (points[high][0] - points[low][0]).days, GAP_MIN))
    while low > 0 and points[low][0] - points[low - 1][0] <= gap:
        low -= 1
    while high + 1 < len(points) and points[high + 1][0] - points[high][0] <= gap:
        high += 1
    first, last = points[low][0], points[high][0]
    sources = {d for e in entries for d in e.documents}
    agreeing = max(AGREEING_MIN, math.ceil(AGREEING_SHARE * len(sources)))
    for entry in entries:
        if len(entry.documents) >= agreeing:
            first, last = min(first, entry.start), max(last, entry.start)
    return first, last
