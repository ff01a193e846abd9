"""timeline: turn a folder of news articles into a dated, sourced timeline.

As a library::

    import timeline

    timeline.tag("They met on Thursday.", dct="2022-09-15")   # [TimeExpression(...)]
    result = timeline.build(["articles/"])                      # a Timeline; nothing written

Library calls write nothing, keep no cache and start no processes unless asked.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from os import PathLike
from pathlib import Path

from timeline.records import (
    DateClaim,
    Document,
    DocumentResult,
    Entry,
    Event,
    Problem,
    TimeExpression,
    Timeline,
)

__version__ = "0.1.0"

__all__ = [
    "DateClaim",
    "Document",
    "DocumentResult",
    "Entry",
    "Event",
    "Problem",
    "TimeExpression",
    "Timeline",
    "__version__",
    "build",
    "tag",
]


def tag(text: str, dct: date | str | None = None) -> list[TimeExpression]:
    """The time expressions of `text`, resolved against the publication date `dct`.

    `dct` is a `date` or a YYYY-MM-DD string; without one, relative expressions ("on
    Thursday") stay unresolved rather than being counted from today.
    """
    from timeline.ingest.decode import scrub
    from timeline.nlp import load_model
    from timeline.timex import tag as tag_doc
    from timeline.timex.component import _date

    text, _ = scrub(text)  # a lone surrogate would crash spaCy's tokenizer; offsets are kept
    return tag_doc(load_model()(text), _date(dct, "dct"))


def build(
    inputs: Iterable[str | PathLike[str]],
    *,
    title: str = "Timeline",
    output: str | PathLike[str] | None = None,
    cache: str | PathLike[str] | None = None,
    processes: int = 1,
    max_entries: int | None = None,
    today: date | None = None,
) -> Timeline:
    """Read, analyse and merge the articles in `inputs` into a `Timeline`.

    The site is written only when `output` names a folder; results are cached only in a
    `cache` folder you name; `processes` > 1 analyses over that many worker processes.
    Problems with inputs are in `Timeline.problems`.
    """
    from timeline.config import Config
    from timeline.pipeline import build as run

    config = Config(
        title=title,
        inputs=tuple(Path(item) for item in inputs),
        output=Path(output) if output is not None else Path("site"),
        cache=Path(cache) if cache is not None else None,
        processes=processes,
        max_entries=max_entries,
    )
    result, _ = run(config, today=today, write=output is not None)
    return result
