"""The NLP stage for one parsed document: its time expressions and the events they date.

Kept apart from the build's orchestration (timeline.pipeline) because its source is part of
the cache key (timeline.cache.ANALYSIS): a change to how the build is run must not make every
cached result stale, a change to what the analysis finds must.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from timeline.events import extract_events
from timeline.records import Document, DocumentResult, Event
from timeline.timex import frames, resolve

__all__ = ["analyse"]

# Any day serves: latent events are dated anew from their frames, never shown as they are.
PROBE = date(2000, 6, 15)


def analyse(document: Document, doc: Doc) -> DocumentResult:
    """The NLP stage for one parsed document: its time expressions and the events they date."""
    found = tuple(frames(doc))
    expressions = tuple(resolve(found, document.published))
    events = tuple(extract_events(document, doc, expressions))
    latent: tuple[Event, ...] = ()
    if document.published is None and any(not e.resolved for e in expressions):
        # The events of "on Thursday" in an undated text, dated as if it had been published
        # on PROBE: dating compares what they say with the other sources and dates them anew.
        probe = [e for e in resolve(found, PROBE) if e.anchor_from == "dct"]
        latent = tuple(extract_events(document, doc, probe))
    return DocumentResult(expressions, events, found, latent)
