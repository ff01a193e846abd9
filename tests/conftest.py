"""Shared fixtures: the spaCy model once per session, paths to bundled and shared data, and
the article and time expressions that the events and headline tests build sentences into."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from timeline.config import Config
from timeline.records import DateClaim, Document, Entry, Event, Problem, TimeExpression, Timeline
from timeline.timevalue import period

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEEDS = ROOT / "seeds"
# Other publishers' text, beside the repository on development machines and in CI only.
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"


# Tests that take seconds each (a real browser, the TimeML corpora, the golden site, a wheel
# build): marked slow, so `pytest -m "not slow"` is the fast loop while editing.
SLOW = (
    "test_browser.py",
    "test_packaging.py",
    "test_timeml_scores_stay_above_floor",
    "test_committed_site_is_a_fresh_build_of_seeds",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in SLOW or getattr(item, "originalname", None) in SLOW:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def nlp():
    from timeline.nlp import load_model

    return load_model()


def require_corpus(*parts: str) -> Path:
    """Return a path under ../shared/corpora, skipping the test when it is absent."""
    path = CORPORA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (research corpora are not bundled)")
    return path


PUBLISHED = date(2022, 9, 15)
# A headline never ends on a word that needs another after it.
DANGLING = re.compile(r"\b(by|of|to|for|with|in|on|at|from|the|a|an|and|his|their)$", re.I)


def article(text: str, boilerplate: tuple[tuple[int, int], ...] = ()) -> Document:
    """A plain-text article published on PUBLISHED."""
    return Document(
        id="doc",
        path="doc.txt",
        text=text,
        title="",
        title_from="filename",
        format="txt",
        published=PUBLISHED,
        boilerplate=boilerplate,
    )


def timex_at(
    text: str,
    phrase: str,
    value: str,
    type_: str = "DATE",
    resolved: bool = True,
    occurrence: int = 0,
) -> TimeExpression:
    """The time expression `phrase` (its n-th occurrence) in `text`, resolved to `value`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return TimeExpression(
        start=start,
        end=start + len(phrase),
        text=phrase,
        type=type_,
        value=value,
        anchor=PUBLISHED.isoformat(),
        anchor_from="dct",
        resolved=resolved,
    )


def extract(nlp, text: str, *times: tuple) -> list[Event]:
    """The events of `text`, with each (phrase, value, ...) in `times` as its time expressions."""
    from timeline.events import extract_events

    return extract_events(article(text), nlp(text), [timex_at(text, *t) for t in times])


# A realistic timeline of the seeds, built by hand, for the render and export tests.
_TITLES = {
    "000_4fa99d7d2180e4ad": "Xi Jinping, Vladimir Putin look to challenge the West at SCO summit",
    "001_1bb006a956a83ea0": "Russia’s Vladimir Putin and China’s Xi Jinping praise ‘great power’ "
    "links in talks that defy the West",
    "002_69fafef3681a4047": "Xi and Putin Meet in Uzbekistan for Security Summit",
    "003_413b558a031f2e5a": "Xi, Putin hold first in-person talks since Ukraine invasion at "
    "Samarkand",
    "004_074d0d399cf2dab1": "Putin And Xi Praise The Enduring Stability Of The China-Russia "
    "Partnership At The SCO Meeting",
}


def seed_documents() -> dict[str, Document]:
    """The five seeds as the ingest stage reads them (dates as their texts give them)."""
    docs = {}
    for doc_id, title in _TITLES.items():
        path = SEEDS / f"{doc_id}.txt"
        docs[doc_id] = Document(
            id=doc_id,
            path=f"seeds/{doc_id}.txt",
            text=path.read_text(encoding="utf-8"),
            title=title,
            title_from="text",
            format="txt",
        )
    docs["000_4fa99d7d2180e4ad"] = replace(
        docs["000_4fa99d7d2180e4ad"],
        published=date(2022, 10, 3),
        published_from="text",
        published_text="October 3, 2022",
    )
    docs["003_413b558a031f2e5a"] = replace(
        docs["003_413b558a031f2e5a"],
        published=date(2022, 9, 15),
        published_from="text",
        published_text="Updated: 15 Sep 2022, 06:26 PM IST",
        source="Mint",
    )
    # As if its front matter had given these: the document with a URL.
    docs["002_69fafef3681a4047"] = replace(
        docs["002_69fafef3681a4047"],
        published=date(2022, 9, 15),
        published_from="metadata",
        published_text="2022-09-15",
        url="https://www.example.org/news/xi-putin-uzbekistan",
        source="Example News",
    )
    return docs


def event(
    doc: Document, sentence_part: str, phrase: str, value: str, headline: str, **time: object
) -> Event:
    """An event for the sentence of `doc` containing `sentence_part`, dated by `phrase`."""
    at = doc.text.index(sentence_part)
    start = doc.text.rfind("\n", 0, at) + 1
    end = doc.text.find("\n", at)
    sentence = doc.text[start : end if end >= 0 else len(doc.text)].strip()
    start = doc.text.index(sentence, start)
    offset = start + sentence.index(phrase, at - start if phrase in sentence[at - start :] else 0)
    status = str(time.pop("status", "reported"))
    actors = tuple(time.pop("actors", ()))  # type: ignore[call-overload]
    places = tuple(time.pop("places", ()))  # type: ignore[call-overload]
    timex = TimeExpression(
        start=offset, end=offset + len(phrase), text=phrase, type="DATE", value=value, **time
    )  # type: ignore[arg-type]
    return Event(
        document=doc.id,
        sentence=sentence,
        sentence_start=start,
        time=timex,
        headline=headline,
        actors=actors,
        places=places,
        status=status,
    )


def entry(entry_id: str, value: str, events: list[Event], **fields: object) -> Entry:
    span = period(value)
    assert span is not None
    return Entry(
        id=entry_id,
        date=value,
        start=span.start,
        end=span.end,
        headline=fields.pop("headline", events[0].headline),  # type: ignore[arg-type]
        summary=fields.pop("summary", events[0].sentence),  # type: ignore[arg-type]
        events=tuple(events),
        **fields,
    )  # type: ignore[arg-type]


def sample_timeline() -> Timeline:
    """A realistic timeline of the seeds: multi-source entries, a conflict, an expected entry."""
    d = seed_documents()
    d0, d1, d2, d3, d4 = (d[k] for k in sorted(d))
    founded = [
        event(d0, "was founded in 2001", "2001", "2001", "SCO founded", rule="year"),
        event(d1, "was founded in 2001", "2001", "2001", "SCO founded", rule="year"),
        event(d2, "Set up in 2001", "2001", "2001", "SCO set up", rule="year"),
    ]
    olympics = [
        event(
            d3,
            "When Xi and Putin last met in February",
            "February",
            "2022-02",
            "Xi and Putin meet at the Beijing Winter Olympics",
            anchor="2022-09-15",
            anchor_from="dct",
            rule="month-name",
            actors=("Putin", "Xi"),
            places=("Beijing",),
        )
    ]
    troops = [
        event(
            d0,
            "since Moscow sent troops to Ukraine in February",
            "February",
            "2022-02",
            "Moscow sends troops to Ukraine",
            anchor="2022-10-03",
            anchor_from="dct",
            actors=("Moscow",),
            places=("Ukraine",),
        )
    ]
    invasion = [
        event(
            d4,
            "shortly before Russia’s invasion of Ukraine in 2022",
            "2022",
            "2022",
            "Russia invades Ukraine",
            actors=("Russia",),
            places=("Ukraine",),
        )
    ]
    talks = [
        event(
            d3,
            "On the sidelines of the Shanghai",
            "on Thursday",
            "2022-09-15",
            "Xi and Putin begin first in-person talks since the war in Ukraine",
            anchor="2022-09-15",
            anchor_from="dct",
            rule="weekday",
            actors=("Vladimir Putin", "Xi Jinping"),
            places=("Samarkand",),
        ),
        event(
            d2,
            "were holding in-person talks on Thursday",
            "on Thursday",
            "2022-09-15",
            "Xi and Putin hold in-person talks",
            anchor="2022-09-15",
            anchor_from="dct",
            rule="weekday",
            actors=("Vladimir Putin", "Xi Jinping"),
        ),
        event(
            d0,
            "Putin and Xi met on Thursday",
            "on Thursday",
            "2022-09-29",
            "Putin and Xi meet",
            anchor="2022-10-03",
            anchor_from="dct",
            rule="weekday",
            actors=("Putin", "Xi"),
        ),
    ]
    sessions = [
        event(
            d2,
            "The main sessions of the",
            "for Friday",
            "2022-09-16",
            "Main sessions of the SCO summit",
            anchor="2022-09-15",
            anchor_from="dct",
            status="expected",
            places=("Samarkand",),
        )
    ]
    entries = (
        entry(
            "2001-sco-founded-5d1c",
            "2001",
            founded,
            importance=0.55,
            headline="The SCO is founded",
            places=(),
        ),
        entry(
            "2022-russia-invades-ukraine-0b7e",
            "2022",
            invasion,
            importance=0.3,
            actors=("Russia",),
            places=("Ukraine",),
        ),
        entry(
            "2022-02-olympics-meeting-a41f",
            "2022-02",
            olympics,
            importance=0.4,
            actors=("Putin", "Xi"),
            places=("Beijing",),
        ),
        entry(
            "2022-02-troops-to-ukraine-77c2",
            "2022-02",
            troops,
            importance=0.2,
            actors=("Moscow",),
            places=("Ukraine",),
        ),
        entry(
            "2022-09-15-xi-putin-talks-9e3a",
            "2022-09-15",
            talks,
            importance=0.9,
            actors=("Vladimir Putin", "Xi Jinping"),
            places=("Samarkand",),
            conflicts=(DateClaim("2022-09-15", (d2.id, d3.id)), DateClaim("2022-09-29", (d0.id,))),
        ),
        entry(
            "2022-09-16-sco-sessions-c0de",
            "2022-09-16",
            sessions,
            importance=0.35,
            status="expected",
            places=("Samarkand",),
        ),
    )
    expressions: dict[str, tuple[TimeExpression, ...]] = {}
    for e in entries:
        for ev in e.events:
            expressions.setdefault(ev.document, ())
            expressions[ev.document] += (ev.time,)
    # An expression that feeds no entry (an undated document's relative date).
    friday = d1.text.index("on Friday")
    expressions[d1.id] += (
        TimeExpression(friday + 3, friday + 9, "Friday", "DATE", "XXXX-WXX-5", resolved=False),
    )
    expressions = {
        k: tuple(sorted(v, key=lambda t: t.start)) for k, v in sorted(expressions.items())
    }
    problems = (
        Problem(
            "seeds/notes.docx",
            "not a text, Markdown, HTML or JSONL file",
            "convert it to .txt or .md",
            skipped=True,
        ),
    )
    return Timeline(
        title="Xi and Putin at the SCO summits",
        documents=tuple(d.values()),
        entries=entries,
        expressions=expressions,
        problems=problems,
    )


CONFIG = Config(
    title="Xi and Putin at the SCO summits",
    intro="Five articles about **Xi** and **Putin**. [More](https://example.org/about)",
)
