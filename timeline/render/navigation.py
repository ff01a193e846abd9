"""How a reader gets around a timeline of any size: the overview strip, the pages, the search.

A timeline of 30,000 entries cannot be one page: a phone would not open it. The entries are
split into pages of at most `PAGE_ENTRIES`, cut at year boundaries where a year fits and at
month boundaries where it does not (a month larger than a page is cut into parts). The first
page is `index.html`, the others `periods/<first period>.html`, named after what they hold so a
link to a year page survives rebuilds that add entries elsewhere.

What the filters and permalinks need from other pages is written as small script files that
the pages load only on demand (scripts, not JSON fetched, because browsers refuse `fetch` on
`file://` and the site must work from disk): the search index in chunks of at most
`CHUNK_ENTRIES` rows (what the filters need; the searchable text apart, in `text-N.js`), and
the entry-to-page map in shards picked by a hash of the entry id.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from timeline.timevalue import MONTH_NAMES, day_text

if TYPE_CHECKING:
    from timeline.render.views import DocView, Entity, EntryView, Site, YearGroup

PAGE_ENTRIES = 50  # a page a phone paints within a second (Lighthouse mobile: FCP < 1.8 s)
CHUNK_ENTRIES = 1000  # rows per file: text files stay under 1 MB even with long quotes
SHARD_ENTRIES = 1000  # entry ids per map shard: a permalink costs one file of ~25 KB
_MAX_BARS = 120  # more buckets than this make bars too thin to read
# The source filter is on every page: past this many documents it offers those cited by the
# most entries (the names filter follows merge.names.filter_names).
FILTER_SOURCES = 300
ENTITY_PAGE_NAMES = 1500  # past this many names, entities.html splits into a page per letter


# ---------------------------------------------------------------- the overview strip


@dataclass(frozen=True)
class Bar:
    """One bucket of the overview strip."""

    label: str
    count: int
    level: int  # 0..8, drawn as a height class


def _bucketing(first: date, last: date) -> tuple[Callable[[date], int], Callable[[int], str]]:
    """Days, months, years, decades or centuries: the finest that gives a readable strip."""
    if (last - first).days <= 62:
        return date.toordinal, lambda k: day_text(date.fromordinal(k))
    if (last.year - first.year) * 12 + last.month - first.month <= 48:
        return lambda d: d.year * 12 + d.month - 1, lambda k: f"{MONTH_NAMES[k % 12]} {k // 12}"
    if last.year - first.year < _MAX_BARS:
        return lambda d: d.year, str
    if (last.year - first.year) // 10 < _MAX_BARS:
        return lambda d: d.year // 10, lambda k: f"{k * 10}s"
    return lambda d: d.year // 100, lambda k: f"{k * 100}–{k * 100 + 99}"


def bars(starts: Iterable[date]) -> tuple[Bar, ...]:
    """The overview strip: entries per day, month, year, decade or century."""
    starts = list(starts)
    if not starts:
        return ()
    bucket, label = _bucketing(min(starts), max(starts))
    counts: dict[int, int] = defaultdict(int)
    for start in starts:
        counts[bucket(start)] += 1
    top = max(counts.values())
    return tuple(
        Bar(
            label=label(k),
            count=counts.get(k, 0),
            level=0 if not counts.get(k) else max(1, round(8 * counts[k] / top)),
        )
        for k in range(bucket(min(starts)), bucket(max(starts)) + 1)
    )


# ---------------------------------------------------------------- pages


@dataclass(frozen=True)
class Page:
    """One page of the timeline: consecutive year and month sections."""

    number: int  # 1-based
    file: str  # "index.html" or "periods/2011-02.html", relative to the site root
    label: str  # "2009", "Feb 2011", "Feb 2011 (part 2)", "1918 – 2008"
    years: tuple[YearGroup, ...]  # holding only this page's groups and entries
    count: int


@dataclass(frozen=True)
class _Unit:
    """A piece no page splits: a whole year, one month, or one part of a month."""

    year: YearGroup  # with only this unit's groups
    label: str
    slug: str
    count: int


def _short(heading: str) -> str:
    """A group heading as a page label: "Feb 2011", "2011 (year)", "17th century"."""
    words = heading.split()
    if len(words) == 2 and words[0] in MONTH_NAMES:
        return f"{words[0][:3]} {words[1]}"
    if heading.startswith("Whole of "):
        return f"{heading.removeprefix('Whole of ')} (year)"
    return heading


def _year_label(year: YearGroup) -> str:
    """ "2011", or "17th century" for a year that only holds a century or decade."""
    months = [g for g in year.groups if g.anchor[-2:].isdigit() or g.anchor.endswith("-all")]
    return str(year.year) if months else year.groups[0].heading


def _units(years: tuple[YearGroup, ...], size: int) -> list[_Unit]:
    units: list[_Unit] = []
    for year in years:
        if year.count <= size:
            units.append(_Unit(year, _year_label(year), str(year.year), year.count))
            continue
        for group in year.groups:
            slug = group.anchor.removeprefix("m-")
            label = _short(group.heading)
            parts = math.ceil(len(group.entries) / size)
            each = math.ceil(len(group.entries) / parts)  # even parts: 47, 46, 46, not 60, 60, 19
            for part in range(parts):
                entries = group.entries[part * each : (part + 1) * each]
                piece = replace(group, entries=entries)
                suffix = (f" (part {part + 1})", f"-p{part + 1}") if parts > 1 else ("", "")
                units.append(
                    _Unit(
                        replace(year, groups=(piece,), count=len(entries)),
                        label + suffix[0],
                        slug + suffix[1],
                        len(entries),
                    )
                )
    return units


def _join(units: list[_Unit]) -> tuple[YearGroup, ...]:
    """The year sections of consecutive units, one section per year."""
    merged: list[YearGroup] = []
    for unit in units:
        if merged and merged[-1].year == unit.year.year:
            last = merged[-1]
            merged[-1] = replace(
                last, groups=last.groups + unit.year.groups, count=last.count + unit.count
            )
        else:
            merged.append(unit.year)
    return tuple(merged)


def paginate(years: tuple[YearGroup, ...], size: int | None = None) -> tuple[Page, ...]:
    """Split the year sections into pages of at most `size` entries (whole years if they fit)."""
    size = size or PAGE_ENTRIES
    batches: list[list[_Unit]] = []
    for unit in _units(years, size):
        if batches and sum(u.count for u in batches[-1]) + unit.count <= size:
            batches[-1].append(unit)
        else:
            batches.append([unit])
    if not batches:
        return (Page(1, "index.html", "", (), 0),)
    pages = []
    for number, batch in enumerate(batches, start=1):
        label = batch[0].label if len(batch) == 1 else f"{batch[0].label} – {batch[-1].label}"
        file = "index.html" if number == 1 else f"periods/{batch[0].slug}.html"
        pages.append(Page(number, file, label, _join(batch), sum(u.count for u in batch)))
    return tuple(pages)


LISTED_PAGES = 30  # up to this many pages, every page lists them all; past it, a window


def nearby(pages: tuple[Page, ...], current: Page) -> tuple[Page | None, ...]:
    """The pages a page links by name: all of them, or (for hundreds) the first, the last,
    the neighbours and the first page of each year; None where pages are left out."""
    if len(pages) <= LISTED_PAGES:
        return pages
    years = [p.years[0].year if p.years else None for p in pages]
    firsts = {i for i, y in enumerate(years) if i == 0 or y != years[i - 1]}
    if len(firsts) > LISTED_PAGES:
        firsts = set()
    here = current.number - 1
    keep = sorted({0, len(pages) - 1, *range(max(0, here - 3), here + 4), *firsts})
    shown: list[Page | None] = []
    for i in keep:
        if i >= len(pages):
            continue
        if shown and shown[-1] is not None and shown[-1].number != i:  # a gap before page i+1
            shown.append(None)
        shown.append(pages[i])
    return tuple(shown)


def page_of(pages: tuple[Page, ...]) -> dict[str, Page]:
    """Each entry's anchor to the page that shows it."""
    return {
        view.anchor: page
        for page in pages
        for year in page.years
        for group in year.groups
        for view in group.entries
    }


@dataclass(frozen=True)
class Letter:
    """The names under one initial, on the people and places page or a page of their own."""

    letter: str
    anchor: str  # "letter-3"
    file: str  # "entities.html", or "entities/3.html" when the names are split by letter
    entities: tuple[Entity, ...]


def letters(entities: tuple[Entity, ...]) -> tuple[Letter, ...]:
    """The names grouped by initial, in the entities' (alphabetical) order."""
    groups: dict[str, list[Entity]] = {}
    for entity in entities:
        groups.setdefault(entity.name[:1].upper(), []).append(entity)
    split = len(entities) > ENTITY_PAGE_NAMES
    return tuple(
        Letter(
            letter,
            f"letter-{number}",
            f"entities/{number}.html" if split else "entities.html",
            tuple(names),
        )
        for number, (letter, names) in enumerate(groups.items(), start=1)
    )


def filter_sources(views: tuple[EntryView, ...], docs: tuple[DocView, ...]) -> frozenset[str]:
    """The documents the source filter offers: all, or (past `FILTER_SOURCES`) the most cited."""
    if len(docs) <= FILTER_SOURCES:
        return frozenset(d.key for d in docs)
    cited: dict[str, int] = defaultdict(int)
    for view in views:
        for doc in view.docs:
            cited[doc.key] += 1
    ranked = sorted(docs, key=lambda d: (-cited[d.key], d.number))
    return frozenset(d.key for d in ranked[:FILTER_SOURCES])


# ---------------------------------------------------------------- data loaded on demand


def shard(identifier: str, shards: int) -> int:
    """The map shard of an entry anchor: FNV-1a over its code points, as timeline.js does."""
    value = 2166136261
    for char in identifier:
        value = ((value ^ ord(char)) * 16777619) & 0xFFFFFFFF
    return value % shards


def shard_count(entries: int) -> int:
    return max(1, math.ceil(entries / SHARD_ENTRIES))


def chunk_count(entries: int) -> int:
    return max(1, math.ceil(entries / CHUNK_ENTRIES))


def _script(call: str, number: int, data: object) -> str:
    # JSON is a JavaScript expression; the file is a script so that file:// pages can load it.
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"window.__timeline.{call}({number},{body});\n"


def _search_text(view: EntryView) -> str:
    """What a search looks through: the headline, summary, quoted sentences and sources."""
    parts = [view.when, view.entry.headline, view.entry.summary or ""]
    parts += dict.fromkeys(m.event.sentence for m in view.mentions)
    parts += [d.label for d in view.docs]
    return " ".join(" ".join(parts).split())


def data_files(site: Site) -> dict[str, str]:
    """The search index chunks and entry-to-page map shards, by file name (none for one page)."""
    if len(site.pages) < 2:
        return {}
    rows = [
        [
            view.anchor,
            page.number,
            view.year,
            view.entry.status,
            1 if view.key else 0,
            view.source_keys,
            view.entity_keys,
            view.when,
            view.entry.headline,
        ]
        for page in site.pages
        for year in page.years
        for group in year.groups
        for view in group.entries
    ]
    texts = [
        _search_text(view)
        for page in site.pages
        for year in page.years
        for group in year.groups
        for view in group.entries
    ]
    files = {}
    chunks = chunk_count(len(rows))
    per_chunk = math.ceil(len(rows) / chunks)
    for number in range(chunks):
        part = slice(number * per_chunk, (number + 1) * per_chunk)
        # What filters need, and apart the text only a search for words needs.
        files[f"search/chunk-{number}.js"] = _script("chunk", number, rows[part])
        files[f"search/text-{number}.js"] = _script("text", number, texts[part])
    # Each page's year and month sections, so an old index.html#m-2011-02 finds its page too.
    sections = [
        [anchor for y in p.years for anchor in (y.anchor, *(g.anchor for g in y.groups))]
        for p in site.pages
    ]
    listed = [[p.file, p.label, here] for p, here in zip(site.pages, sections, strict=True)]
    files["search/pages-0.js"] = _script("pages", 0, listed)
    shards = shard_count(len(rows))
    maps: list[dict[str, int]] = [{} for _ in range(shards)]
    for row in rows:
        maps[shard(row[0], shards)][row[0]] = row[1]
    for number, mapping in enumerate(maps):
        files[f"search/map-{number}.js"] = _script("map", number, mapping)
    return files
