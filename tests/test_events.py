"""Event extraction from parsed sentences, with hand-built time expressions."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.events import extract_events
from timeline.records import Document, TimeExpression


def _document(text: str, boilerplate: tuple[tuple[int, int], ...] = ()) -> Document:
    return Document(id="doc", path="doc.txt", text=text, title="", title_from="filename",
                    format="txt", published=date(2022, 9, 15), boilerplate=boilerplate)


def _time(text: str, phrase: str, value: str, type_: str = "DATE", resolved: bool = True,
          occurrence: int = 0) -> TimeExpression:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return TimeExpression(start=start, end=start + len(phrase), text=phrase, type=type_,
                          value=value, anchor="2022-09-15", anchor_from="dct", resolved=resolved)


def _extract(nlp, text: str, *times: tuple) -> list:
    expressions = [_time(text, *t) for t in times]
    return extract_events(_document(text), nlp(text), expressions)


HEADLINES = [
    pytest.param("Russian President Vladimir Putin and Chinese leader Xi Jinping held their first "
                 "face-to-face talks since the start of the conflict in Ukraine on Thursday, "
                 "defiantly praising their strategic ties.", "Thursday", "2022-09-15",
                 "Vladimir Putin and Xi Jinping hold their first face-to-face talks", "hold",
                 "reported", id="past-tense-becomes-present-titles-dropped"),
    pytest.param("The SCO was founded in 2001 as a political, economic and security "
                 "organization to rival Western institutions.", "2001", "2001",
                 "SCO founded as a political", "found", "reported", id="passive-participle"),
    pytest.param("Chinese state media said Xi will also meet with Erdogan on Friday.", "Friday",
                 "2022-09-16", "Xi to meet with Erdogan", "meet", "expected",
                 id="will-is-expected"),
    pytest.param("Putin was also scheduled to hold talks with Erdogan on Friday.", "Friday",
                 "2022-09-16", "Putin to hold talks with Erdogan", "hold", "expected",
                 id="scheduled-to-is-expected"),
    pytest.param("Since its establishment in 2002, the SCO has seen persistent divergences.",
                 "2002", "2002", "SCO sees persistent divergences", "establish", "reported",
                 id="event-noun-names-the-predicate"),
    pytest.param("\u201cWe condemn the provocation,\u201d Putin said after a US Senate committee "
                 "Wednesday took the first step toward aid to Taiwan.", "Wednesday",
                 "2022-09-14", "US Senate committee takes the first step", "take", "reported",
                 id="date-misparsed-as-subject"),
]


@pytest.mark.parametrize(("text", "phrase", "value", "headline", "predicate", "status"),
                         HEADLINES)
def test_headline_predicate_and_status(nlp, text, phrase, value, headline, predicate,
                                       status) -> None:
    [event] = _extract(nlp, text, (phrase, value))
    assert event.headline.startswith(headline), event.headline
    assert len(event.headline.split()) <= 16
    assert phrase not in event.headline and "..." not in event.headline
    assert event.predicate == predicate
    assert event.status == status
    assert event.sentence == text
    assert event.sentence_start == 0


def test_two_dated_clauses_give_two_events(nlp) -> None:
    text = "Putin met Xi on Thursday and will meet Modi on Friday."
    met, meet = _extract(nlp, text, ("Thursday", "2022-09-15"), ("Friday", "2022-09-16"))
    assert (met.headline, met.status) == ("Putin meets Xi", "reported")
    assert (meet.headline, meet.status) == ("Putin to meet Modi", "expected")
    assert met.actors == ("Putin", "Xi") and meet.actors[0] == "Putin"


def test_actors_and_places(nlp) -> None:
    text = "Xi Jinping met Vladimir Putin in Samarkand on Thursday."
    [event] = _extract(nlp, text, ("Thursday", "2022-09-15"))
    assert event.actors == ("Xi Jinping", "Vladimir Putin")
    assert event.places == ("Samarkand",)


SKIPPED = [
    pytest.param("The talks lasted for three hours.", "three hours", "PT3H", "DURATION", True,
                 id="duration"),
    pytest.param("The leaders meet every year.", "every year", "P1Y", "SET", True, id="set"),
    pytest.param("They met on a Thursday long ago.", "a Thursday", "XXXX-WXX-4", "DATE", False,
                 id="unresolved"),
    pytest.param("Comments are closed on 15 September 2022.", "15 September 2022", "2022-09-15",
                 "DATE", True, id="comments-closed"),
    pytest.param("Updated: 15 Sep 2022, 06:26 PM IST", "15 Sep 2022", "2022-09-15", "DATE", True,
                 id="updated-line"),
    pytest.param("Read more: Putin visited North Korea on 19 June 2024.", "19 June 2024",
                 "2024-06-19", "DATE", True, id="read-more"),
    pytest.param("October 3, 2022", "October 3, 2022", "2022-10-03", "DATE", True,
                 id="date-line"),
]


@pytest.mark.parametrize(("text", "phrase", "value", "type_", "resolved"), SKIPPED)
def test_no_event(nlp, text, phrase, value, type_, resolved) -> None:
    assert _extract(nlp, text, (phrase, value, type_, resolved)) == []


def test_nothing_from_boilerplate_spans(nlp) -> None:
    text = "By Jane Doe, 15 September 2022\n\nPutin met Xi on Thursday."
    expressions = [_time(text, "15 September 2022", "2022-09-15"),
                   _time(text, "Thursday", "2022-09-15")]
    document = _document(text, boilerplate=((0, text.index("\n")),))
    [event] = extract_events(document, nlp(text), expressions)
    assert event.time.text == "Thursday"


def test_background_dates_are_events(nlp) -> None:
    [event] = _extract(nlp, "The group, which was founded in 2001, met again on Thursday.",
                       ("2001", "2001"))
    assert event.time.value == "2001" and event.predicate == "found"
