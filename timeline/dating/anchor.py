"""Re-anchoring a document on a publication date that dating chose: its expressions resolved
anew from their frames, and its events dated by them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from timeline.records import DocumentResult, Event, TimeExpression
from timeline.timevalue import period
from timeline.timex import Frame, resolve


def resolve_range(
    frames: tuple[Frame, ...], start: date, end: date, label: str
) -> tuple[TimeExpression, ...]:
    """The expressions resolved under every day from `start` to `end`: a relative one keeps a
    value only where every day of the range gives it the same; `label` says where the
    reference date came from ("inferred" or "reconciled")."""
    days = [start + timedelta(days=k) for k in range((end - start).days + 1)]
    readings = [resolve(frames, day) for day in days]
    first = readings[0]
    undated = {x.start: x for x in resolve(frames, None)}
    others = [{x.start: x for x in reading} for reading in readings[1:]]
    anchor = start.isoformat()  # every day of the range gives the same value: the first
    found = []
    for expression in first:
        if expression.anchor_from != "dct":
            found.append(expression)
            continue
        same = all(
            (other := reading.get(expression.start)) is not None
            and (other.value, other.resolved) == (expression.value, expression.resolved)
            for reading in others
        )
        if same:
            found.append(replace(expression, anchor=anchor, anchor_from=label))
        else:  # the days of the range disagree: say nothing rather than pick one
            found.append(undated.get(expression.start, replace(expression, resolved=False)))
    return tuple(found)


def redate(
    result: DocumentResult, start: date, end: date, label: str, extra: tuple[Event, ...] = ()
) -> DocumentResult:
    """`result` as if its document had been published on `start` to `end`."""
    expressions = resolve_range(result.frames, start, end, label)
    by_start = {x.start: x for x in expressions}
    events: dict[int, Event] = {}
    for event in (*result.events, *extra):
        time = by_start.get(event.time.start)
        if time is None or not time.resolved or time.type not in ("DATE", "TIME"):
            continue
        span = period(time.value)
        if span is None:
            continue
        status = "expected" if span.start > end else event.status
        events.setdefault(event.time.start, replace(event, time=time, status=status))
    ordered = tuple(events[k] for k in sorted(events))
    return replace(result, expressions=expressions, events=ordered, latent=())
