"""The pages' view records: everything the templates show, prepared from the `Timeline`.

Templates stay simple because the work is done here: dates as a reader writes them, each
source's sentence with its dating phrase marked, entries grouped by year and month, the
overview strip and the people and places index. Article text, titles and URLs are untrusted:
links are only made from http(s) URLs and the intro Markdown is sanitised with an allow-list.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

import markdown
import nh3
from markupsafe import Markup

from timeline.config import Config
from timeline.dating.story import anchored_on, date_story, days_text, published_how
from timeline.merge.extent import real_period
from timeline.merge.names import Names, filter_names
from timeline.records import Document, Entry, Event, Timeline
from timeline.render.navigation import Bar, Page, bars, filter_sources, page_of, paginate
from timeline.timevalue import MONTH_NAMES, day_text, describe, period

_ANCHOR_FROM = {"dct": "the publication date", "text": "a date mentioned earlier in the text"}
_PUBLISHED_FROM = {"metadata": "from the file's metadata", "text": "from a date line in the text"}
# The intro is the author's Markdown but may be pasted from anywhere: keep structure only.
_INTRO_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "em",
        "h2",
        "h3",
        "h4",
        "hr",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "ul",
    }
)
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")
# A report is read on paper: past this many entries it keeps the most important (the site keeps
# all), so that neither report.html nor report.pdf grows past what anyone prints or opens.
REPORT_ENTRIES = 800


# ---------------------------------------------------------------- small helpers


def safe_name(identifier: str) -> str:
    """A file name for an arbitrary id: readable, unique, never a path ("../x" -> "x-<hash>")."""
    slug = _UNSAFE_NAME.sub("-", identifier).strip("-")[:60] or "document"
    if slug == identifier:
        return slug
    # The hash keeps ids that differ only in punctuation apart ("a/b" and "a-b").
    return f"{slug}-{hashlib.sha1(identifier.encode('utf-8')).hexdigest()[:8]}"


def safe_url(url: str | None) -> str | None:
    """Return the URL when it is http(s), the only schemes that become links."""
    if not url:
        return None
    url = url.strip()
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ("http", "https") or any(c in url for c in "\x00\r\n\t "):
        return None
    return url


def render_markdown(text: str) -> Markup:
    """Render the config's intro Markdown and sanitise it with an allow-list."""
    html = markdown.markdown(text or "")
    clean = nh3.clean(
        html,
        tags=_INTRO_TAGS,
        attributes={"a": {"href", "title"}, "abbr": {"title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        attribute_filter=_intro_attribute,
    )
    return Markup(clean)  # noqa: S704 - sanitised just above


def _intro_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Links from the root (/x) dropped, protocol-relative ones (//host/x) made https: the
    PDF is rendered from files, where either would become a file:// link."""
    href = value.strip()
    if attribute != "href" or not href.startswith(("/", "\\")):
        return value
    if href[1:2] in ("/", "\\"):
        return "https://" + href.lstrip("/\\")
    return None


def range_text(start: date, end: date) -> str:
    """ "12–18 Sep 2022", used beside a week, quarter or season to draw it as a range."""
    if start == end:
        return day_text(start)
    first = f"{start.day} {MONTH_NAMES[start.month - 1][:3]} {start.year}"
    last = f"{end.day} {MONTH_NAMES[end.month - 1][:3]} {end.year}"
    return f"{first} – {last}"


# ---------------------------------------------------------------- view records


@dataclass(frozen=True)
class DocView:
    """A source document as the pages show it."""

    doc: Document
    number: int  # reference number, 1-based, in the timeline's document order
    key: str  # "s3": the filter value
    slug: str  # the filter value in shared links, stable when documents are added
    file: str  # "sources/<slug>.html", relative to the site root
    label: str  # short name for badges: the outlet, else the title
    url: str | None  # only http(s)
    published: str | None
    published_how: str | None
    dating: str | None = None  # how the date was inferred, or why it is contested or missing


@dataclass(frozen=True)
class MentionView:
    """One source's sentence for an entry, with the dating phrase marked."""

    event: Event
    doc: DocView
    before: str
    phrase: str
    after: str
    value_text: str
    anchor_text: str | None
    href: str  # to the highlighted phrase on the source page, relative to the site root


@dataclass(frozen=True)
class Claim:
    """One date the sources of an entry give, and who gives it."""

    when: str
    docs: tuple[DocView, ...]


@dataclass(frozen=True)
class EntryView:
    """One entry as the timeline page shows it."""

    entry: Entry
    anchor: str  # "entry-<id>"
    when: str
    span: str | None  # the days covered, for ranges wider than a day and narrower than a month
    granularity: str
    datetime: str  # for <time datetime>
    year: int
    key: bool  # among the key entries
    mentions: tuple[MentionView, ...]
    docs: tuple[DocView, ...]
    conflicts: tuple[Claim, ...]  # empty unless the sources disagree on the date
    source_keys: str
    entity_keys: str


@dataclass(frozen=True)
class Group:
    """Entries of one month (or of a whole year, for dates coarser than a month)."""

    anchor: str
    heading: str
    datetime: str
    entries: tuple[EntryView, ...]


@dataclass(frozen=True)
class YearGroup:
    year: int
    anchor: str
    groups: tuple[Group, ...]
    count: int
    in_period: bool = True  # inside the collection's real period: offered by the year filter


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place and the entries that name it."""

    key: str
    name: str
    kind: str  # "actor" or "place"
    entries: tuple[EntryView, ...]
    offered: bool = True  # in the filter; every name stays on the index page and in search

    @property
    def slug(self) -> str:
        """The filter value in shared links ("vladimir-putin"), stable across rebuilds."""
        return re.sub(r"[^\w]+", "-", self.name.casefold()).strip("-") or self.key


@dataclass(frozen=True)
class Site:
    """Everything the templates need, computed once."""

    title: str
    intro: Markup
    docs: tuple[DocView, ...]
    entries: tuple[EntryView, ...]
    years: tuple[YearGroup, ...]
    entities: tuple[Entity, ...]
    bars: tuple[Bar, ...]
    pages: tuple[Page, ...]
    page_of: dict[str, str]  # entry anchor -> the file of its page, relative to the site root
    period: str
    undated: tuple[DocView, ...]
    problems: tuple[str, ...]
    key_threshold: float
    filter_sources: frozenset[str]  # the documents the "source" filter offers
    report: tuple[YearGroup, ...]  # what the printable report holds: all, or the most important
    report_count: int


def _doc_views(timeline: Timeline) -> dict[str, DocView]:
    views: dict[str, DocView] = {}
    used: set[str] = set()
    names = {doc.id: (doc.source or doc.title or doc.id).strip() for doc in timeline.documents}
    for number, doc in enumerate(timeline.documents, start=1):
        name = safe_name(doc.id)
        if name in used:  # two ids with the same slug and hash prefix: practically never
            name = f"{name}-{number}"
        used.add(name)
        views[doc.id] = DocView(
            doc=doc,
            number=number,
            key=f"s{number}",
            slug=name,
            file=f"sources/{name}.html",
            label=(doc.source or doc.title or doc.id).strip(),
            url=safe_url(doc.url),
            published=days_text(doc.published, doc.published_until) if doc.published else None,
            published_how=published_how(doc) or _PUBLISHED_FROM.get(doc.published_from or ""),
            dating=date_story(doc, names),
        )
    return views


def _mention(event: Event, doc: DocView) -> MentionView:
    time = event.time
    rel_start, rel_end = time.start - event.sentence_start, time.end - event.sentence_start
    sentence = event.sentence
    if 0 <= rel_start < rel_end <= len(sentence) and sentence[rel_start:rel_end] == time.text:
        before, phrase, after = (
            sentence[:rel_start],
            sentence[rel_start:rel_end],
            sentence[rel_end:],
        )
    else:  # offsets that do not point at the phrase: show the sentence unmarked
        before, phrase, after = sentence, "", ""
    anchor = None
    if time.anchor:
        # a publication date that dating inferred or reconciled, else the text's own
        reason = anchored_on(doc.doc, time.anchor_from) or _ANCHOR_FROM.get(
            time.anchor_from or "", "a reference date"
        )
        anchor = f"{describe(time.anchor)} ({reason})"
    return MentionView(
        event=event,
        doc=doc,
        before=before,
        phrase=phrase,
        after=after,
        value_text=describe(time.value, time.mod),
        anchor_text=anchor,
        href=f"{doc.file}#t-{time.start}",
    )


def _conflicts(entry: Entry, docs: dict[str, DocView]) -> tuple[Claim, ...]:
    return tuple(
        Claim(describe(c.value), tuple(docs[d] for d in c.documents if d in docs))
        for c in entry.conflicts
    )


def key_threshold(entries: tuple[Entry, ...]) -> float:
    """The importance from which an entry counts as key: the top quarter, at least one."""
    if not entries:
        return 0.0
    ranked = sorted((e.importance for e in entries), reverse=True)
    return ranked[max(0, (len(ranked) + 3) // 4 - 1)]


def _datetime(value: str, start: date) -> str:
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?", value):
        return value
    return start.isoformat()


@dataclass(frozen=True)
class _Name:
    key: str  # "e3": the filter value
    name: str  # the fullest form of the name in the collection
    kind: str  # "place" when any source names it as a place, else "actor"


def _names(timeline: Timeline) -> dict[str, _Name]:
    """Each actor and place name to its index entry: "Putin" and "Vladimir Putin" are one."""
    places = {p for e in timeline.entries for p in e.places}
    names = Names((n for e in timeline.entries for n in (*e.actors, *e.places)), places)
    canonical = {n: names.canonical(n) for e in timeline.entries for n in (*e.actors, *e.places)}
    kinds = {c: "actor" for c in canonical.values()}
    for place in places:
        kinds[canonical[place]] = "place"
    ordered = sorted(kinds, key=lambda n: (n.casefold(), n))
    index = {c: _Name(f"e{i}", c, kinds[c]) for i, c in enumerate(ordered, start=1)}
    return {name: index[c] for name, c in canonical.items()}


def _entry_view(
    entry: Entry,
    docs: dict[str, DocView],
    names: dict[str, _Name],
    threshold: float,
) -> EntryView:
    span = period(entry.date)
    granularity = span.granularity if span else "day"
    wide = granularity in ("week", "quarter", "season", "half") or (
        span is None and entry.start != entry.end
    )
    when = range_text(entry.start, entry.end)
    if span is not None:
        when = describe(entry.date, entry.mod)
    mentions = tuple(_mention(ev, docs[ev.document]) for ev in entry.events if ev.document in docs)
    entry_docs = tuple(
        sorted((docs[d] for d in entry.documents if d in docs), key=lambda d: d.number)
    )
    entities = {names[n].key for n in (*entry.actors, *entry.places)}
    return EntryView(
        entry=entry,
        anchor=f"entry-{entry.id}",
        when=when,
        span=range_text(entry.start, entry.end) if wide else None,
        granularity=granularity,
        datetime=_datetime(entry.date, entry.start),
        year=entry.start.year,
        key=entry.importance >= threshold,
        mentions=mentions,
        docs=entry_docs,
        conflicts=_conflicts(entry, docs),
        source_keys=" ".join(d.key for d in entry_docs),
        entity_keys=" ".join(sorted(entities, key=lambda k: int(k[1:]))),
    )


# Groups for dates coarser than a month, before the months of the year they start in.
_COARSE = {"century": -2, "decade": -1}


def _group_key(view: EntryView) -> tuple[int, int]:
    start, end = view.entry.start, view.entry.end
    if view.granularity in _COARSE:
        return (start.year, _COARSE[view.granularity])
    same_month = (start.year, start.month) == (end.year, end.month)
    return (start.year, start.month if same_month and view.granularity != "year" else 0)


def _years(views: tuple[EntryView, ...]) -> tuple[YearGroup, ...]:
    buckets: dict[tuple[int, int], list[EntryView]] = defaultdict(list)
    for view in views:
        buckets[_group_key(view)].append(view)
    years: dict[int, list[Group]] = defaultdict(list)
    for year, month in sorted(buckets):
        entries = tuple(buckets[(year, month)])
        if month > 0:
            heading, anchor = f"{MONTH_NAMES[month - 1]} {year}", f"m-{year}-{month:02d}"
            stamp = f"{year}-{month:02d}"
        elif month == 0:
            heading, anchor, stamp = f"Whole of {year}", f"m-{year}-all", f"{year}"
        else:
            first = entries[0]
            heading, stamp = describe(first.entry.date), f"{year}"
            anchor = f"m-{year}-{first.granularity}"
        years[year].append(Group(anchor, heading, stamp, entries))
    return tuple(
        YearGroup(year, f"y-{year}", tuple(groups), sum(len(g.entries) for g in groups))
        for year, groups in sorted(years.items())
    )


def _entities(views: tuple[EntryView, ...], names: dict[str, _Name]) -> tuple[Entity, ...]:
    found: dict[_Name, list[EntryView]] = defaultdict(list)
    for view in views:
        for name in dict.fromkeys(names[n] for n in (*view.entry.actors, *view.entry.places)):
            found[name].append(view)
    offered = filter_names({n: len(v) for n, v in found.items()})
    return tuple(
        Entity(name.key, name.name, name.kind, tuple(found[name]), name in offered)
        for name in sorted(found, key=lambda n: int(n.key[1:]))
    )


def build_site(timeline: Timeline, config: Config) -> Site:
    """Prepare every view record the templates use."""
    docs = _doc_views(timeline)
    names = _names(timeline)
    threshold = key_threshold(timeline.entries)
    views = tuple(_entry_view(e, docs, names, threshold) for e in timeline.entries)
    covered, years, inside = "", _years(views), views
    if (span := real_period(timeline.entries)) is not None:  # a stray far date stretches nothing
        first, last = span
        covered = f"{first.year}" if first.year == last.year else f"{first.year}–{last.year}"
        years = tuple(replace(y, in_period=first.year <= y.year <= last.year) for y in years)
        inside = tuple(v for v in views if first <= v.entry.start <= last)
    pages = paginate(years)
    entities = _entities(views, names)
    printed = views
    if len(views) > REPORT_ENTRIES:
        ranked = sorted(range(len(views)), key=lambda i: (-views[i].entry.importance, i))
        printed = tuple(views[i] for i in sorted(ranked[:REPORT_ENTRIES]))
    return Site(
        title=config.title or timeline.title,
        intro=render_markdown(config.intro),
        docs=tuple(docs.values()),
        entries=views,
        years=years,
        entities=entities,
        filter_sources=filter_sources(views, tuple(docs.values())),
        bars=bars(v.entry.start for v in inside),
        pages=pages,
        page_of={anchor: page.file for anchor, page in page_of(pages).items()},
        period=covered,
        undated=tuple(d for d in docs.values() if d.doc.published is None),
        problems=tuple(str(p) for p in timeline.problems),
        key_threshold=threshold,
        report=_years(printed),
        report_count=len(printed),
    )
