"""Shared fixtures: the spaCy model once per session, paths to bundled and shared data, and
the article and time expressions that the events and headline tests build sentences into."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from timeline.records import Document, Event, TimeExpression

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEEDS = ROOT / "seeds"
# Other publishers' text, beside the repository on development machines and in CI only.
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"


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
