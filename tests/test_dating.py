"""Dating (issue 12): publication dates inferred from the collection, and dates that
contradict it flagged and, when asked, re-anchored. Each behaviour and each refusal is pinned
on a small constructed collection built with the real model."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import SEEDS

from timeline.config import Config
from timeline.dating.story import anchored_on, date_story, days_text, published_how
from timeline.pipeline import build
from timeline.records import Timeline
from timeline.render.exports import timeline_json

STRIKE = (
    "The dock workers' union and the shipping companies signed a wage agreement in Rotterdam "
    "on Wednesday, ending a nine-day strike that had stranded hundreds of container ships."
)
DATED_A = f"""---
title: Rotterdam dock strike ends with wage deal
date: 2023-03-09
source: Harbour Post
---
{STRIKE}

Union leader Marieke de Vries said the agreement raised pay by eight percent over two years.
"""
DATED_B = """---
title: Port strike over after union signs agreement
date: 2023-03-09
source: Maritime Daily
---
Rotterdam's dock workers' union signed a wage agreement with the shipping companies on
Wednesday, ending the nine-day strike at Europe's largest port.

Marieke de Vries, the union leader, said members would return to work on the next shift.
"""
UNDATED = f"""Shipping firms and dockers end Rotterdam strike

{STRIKE}

Yesterday the mayor praised the deal as a relief for the city.
"""
FOOTBALL = """Late goal gives Ajax derby win

Ajax beat Feyenoord 2-1 in Amsterdam on Sunday with a goal in the last minute of stoppage
time, moving three points clear at the top of the league.
"""
LATE_LINE = f"""April 20, 2023

Rotterdam strike ends as dockers sign deal

{STRIKE}
"""
USER_DATE = f"""---
title: Dockers sign deal
date: 2023-04-20
---
{STRIKE}
"""
WEDNESDAY = "2023-03-08"


def collection(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in files.items():
        (folder / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return folder


def build_folder(folder: Path, **settings: object) -> tuple[Timeline, object]:
    config = Config(inputs=(folder,), cache=None, processes=1, **settings)
    return build(config, write=False)


def documents(timeline: Timeline) -> dict:
    return {d.id: d for d in timeline.documents}


def entry_on(timeline: Timeline, value: str):
    (entry,) = [e for e in timeline.entries if e.date == value and "a" in e.documents]
    return entry


def test_undated_report_of_a_dated_happening_is_dated_by_it(tmp_path):
    folder = collection(tmp_path, a_md=DATED_A, b_md=DATED_B, c_txt=UNDATED)
    timeline, report = build_folder(folder)
    c = documents(timeline)["c"]
    assert c.published_from == "inferred"
    # "on Wednesday" names 8 Mar from 8 Mar (the same day) to the next Tuesday; news comes out
    # the day of what it reports or the next, so the honest answer is those two days.
    assert (c.published, c.published_until) == (date(2023, 3, 8), date(2023, 3, 9))
    assert c.published_confidence >= 0.5
    assert {e.document for e in c.published_evidence} == {"a", "b"}
    assert all(e.value == WEDNESDAY and e.phrase == "Wednesday" for e in c.published_evidence)
    # The happening is one entry citing the inferred source too, which says what it rests on.
    entry = entry_on(timeline, WEDNESDAY)
    assert entry.documents == ("a", "b", "c")
    (mention,) = [e for e in entry.events if e.document == "c"]
    assert (mention.time.anchor_from, mention.time.anchor) == ("inferred", "2023-03-08")
    assert report.inferred == 1
    assert any("c.txt: publication date inferred: 8–9 Mar 2023" in line for line in report.dates)


def test_a_range_resolves_only_what_every_day_of_it_agrees_on(tmp_path):
    folder = collection(tmp_path, a_md=DATED_A, c_txt=UNDATED)
    timeline, _ = build_folder(folder)
    by_text = {x.text: x for x in timeline.expressions["c"]}
    assert (by_text["Wednesday"].value, by_text["Wednesday"].resolved) == (WEDNESDAY, True)
    # "Yesterday" is 7, 8 or 9 March depending on the day of the range: it stays unresolved.
    assert by_text["Yesterday"].resolved is False


def test_absolute_dates_it_reports_bound_the_date_from_below(tmp_path):
    text = UNDATED.replace(
        "Yesterday the mayor", "On March 14, 2023 the union voted to approve it. The mayor"
    )
    folder = collection(tmp_path, a_md=DATED_A, c_txt=text)
    timeline, _ = build_folder(folder)
    c = documents(timeline)["c"]
    # Still Wednesday 8 March for the signing, but written on or after 14 March.
    assert c.published == date(2023, 3, 14)
    assert entry_on(timeline, WEDNESDAY).documents == ("a", "c")


def test_two_undated_reports_and_no_dated_one_stay_undated(tmp_path):
    folder = collection(tmp_path, c_txt=UNDATED, d_txt=UNDATED.replace("Shipping", "Ports"))
    timeline, report = build_folder(folder)
    for doc in timeline.documents:
        assert doc.published is None and doc.published_from is None
        assert doc.published_note == (
            "no article in the collection has a publication date to compare it with"
        )
    assert report.inferred == 0
    assert not [e for e in timeline.entries if e.date == WEDNESDAY]


def test_an_undated_report_that_shares_nothing_stays_undated_and_says_why(tmp_path):
    folder = collection(tmp_path, a_md=DATED_A, b_md=DATED_B, e_txt=FOOTBALL)
    timeline, report = build_folder(folder)
    e = documents(timeline)["e"]
    assert e.published is None
    assert e.published_note == "it shares no happening with a dated article"
    assert date_story(e, {}) == (
        "No publication date could be inferred: it shares no happening with a dated article"
    )
    assert any("e.txt: no publication date: it shares no happening" in x for x in report.dates)


def test_a_republished_copy_with_a_late_date_line_is_flagged_and_shown_as_a_disagreement(
    tmp_path,
):
    folder = collection(tmp_path, a_md=DATED_A, b_md=DATED_B, d_txt=LATE_LINE)
    timeline, report = build_folder(folder)
    d = documents(timeline)["d"]
    assert (d.published, d.published_from) == (date(2023, 4, 20), "text")  # report only
    conflict = d.date_conflict
    assert conflict is not None and conflict.own == date(2023, 4, 20)
    assert date(2023, 3, 8) <= conflict.suggested <= conflict.suggested_until <= date(2023, 3, 10)
    assert set(conflict.sources) == {"a", "b"}
    # One entry with the disagreement, not a second entry on 19 April.
    entry = entry_on(timeline, WEDNESDAY)
    assert [(c.value, c.documents) for c in entry.conflicts] == [
        (WEDNESDAY, ("a", "b")),
        ("2023-04-19", ("d",)),
    ]
    assert not [e for e in timeline.entries if e.date == "2023-04-19"]
    assert report.contested == 1
    (line,) = [x for x in report.dates if "d.txt" in x]
    assert "its date line (Thu 20 Apr 2023) contradicts 2 sources" in line
    assert "`reanchor = true` or --reanchor re-anchors it" in line
    story = date_story(d, {"a": "Harbour Post", "b": "Maritime Daily"})
    assert story.startswith(
        "This article's date line (Thu 20 Apr 2023) contradicts 2 sources "
        "(Harbour Post and Maritime Daily) on the same happenings; it reads as published about"
    )


def test_reanchor_moves_a_late_date_line_and_keeps_the_flag(tmp_path):
    folder = collection(tmp_path, a_md=DATED_A, b_md=DATED_B, d_txt=LATE_LINE)
    timeline, report = build_folder(folder, reanchor=True)
    d = documents(timeline)["d"]
    assert d.published_from == "reconciled" and d.date_conflict is not None
    assert date(2023, 3, 8) <= d.published <= date(2023, 3, 10)
    entry = entry_on(timeline, WEDNESDAY)
    assert entry.documents == ("a", "b", "d") and entry.conflicts == ()
    assert any(line.endswith(": re-anchored on it") for line in report.dates)


def test_a_user_front_matter_date_that_disagrees_is_kept_and_flagged(tmp_path):
    folder = collection(tmp_path, a_md=DATED_A, b_md=DATED_B, u_md=USER_DATE)
    timeline, report = build_folder(folder, reanchor=True)  # `reanchor = true` in the toml
    u = documents(timeline)["u"]
    assert (u.published, u.published_from) == (date(2023, 4, 20), "metadata")
    assert u.date_conflict is not None and set(u.date_conflict.sources) == {"a", "b"}
    (line,) = [x for x in report.dates if "u.md" in x]
    assert "its metadata (Thu 20 Apr 2023) contradicts 2 sources" in line
    assert line.endswith("; --reanchor re-anchors it")
    # Only --reanchor on the command line overrides it, and the flag stays.
    timeline, _ = build_folder(folder, reanchor=True, reanchor_metadata=True)
    u = documents(timeline)["u"]
    assert u.published_from == "reconciled" and u.date_conflict is not None


def test_one_source_does_not_overrule_a_user_date(tmp_path):
    # A user's own date needs the word of two sources against it: one may be the one in error.
    folder = collection(tmp_path, a_md=DATED_A, u_md=USER_DATE)
    timeline, _ = build_folder(folder)
    assert documents(timeline)["u"].date_conflict is None


def test_timeline_json_documents_carry_how_their_date_was_found(tmp_path):
    folder = collection(tmp_path, a_md=DATED_A, b_md=DATED_B, c_txt=UNDATED, d_txt=LATE_LINE)
    timeline, _ = build_folder(folder)
    data = {d["id"]: d for d in json.loads(timeline_json(timeline))["documents"]}
    c, d, a = data["c"], data["d"], data["a"]
    assert (c["published_from"], c["published"], c["published_until"]) == (
        "inferred",
        "2023-03-08",
        "2023-03-09",
    )
    assert c["published_confidence"] > 0.5 and c["date_conflict"] is None
    assert {e["document"] for e in c["published_evidence"]} == {"a", "b"}
    assert d["date_conflict"]["suggested"] == "2023-03-08"
    assert {e["value"] for e in d["date_conflict"]["evidence"]} == {WEDNESDAY}
    assert (a["published_from"], a["date_conflict"], a["published_evidence"]) == (
        "metadata",
        None,
        [],
    )


def test_days_text_names_a_range_compactly():
    assert days_text(date(2022, 9, 16)) == "Fri 16 Sep 2022"
    assert days_text(date(2022, 9, 15), date(2022, 9, 17)) == "15–17 Sep 2022"
    assert days_text(date(2022, 9, 30), date(2022, 10, 2)) == "30 Sep – 2 Oct 2022"


# ---------------------------------------------------------------- the demo collection


@pytest.fixture(scope="module")
def seeds_builds():
    builds = {}
    for reanchor in (False, True):
        config = Config(
            inputs=(SEEDS,),
            cache=None,
            processes=1,
            reanchor=reanchor,
            reanchor_metadata=reanchor,
        )
        builds[reanchor] = build(config, write=False)
    return builds


def test_seeds_dates_are_inferred_and_the_late_date_line_flagged(seeds_builds):
    timeline, report = seeds_builds[False]
    docs = {d.id[:3]: d for d in timeline.documents}
    for key in ("001", "002"):
        doc = docs[key]
        assert doc.published_from == "inferred"
        assert date(2022, 9, 15) <= doc.published <= (doc.published_until or doc.published)
        assert (doc.published_until or doc.published) <= date(2022, 9, 17)
        assert any(e.document.startswith("003") for e in doc.published_evidence)
    assert docs["004"].published is None
    assert docs["004"].published_note == "it shares no happening with a dated article"
    conflict = docs["000"].date_conflict
    assert conflict is not None
    assert date(2022, 9, 16) <= conflict.suggested <= conflict.suggested_until
    assert conflict.suggested_until <= date(2022, 9, 21)
    talks = _talks(timeline)
    assert {d[:3] for d in talks.documents} >= {"001", "002", "003"}
    assert report.inferred == 2 and report.contested == 1


def test_seeds_reanchored_talks_entry_cites_the_republished_copy(seeds_builds):
    timeline, _ = seeds_builds[True]
    docs = {d.id[:3]: d for d in timeline.documents}
    assert docs["000"].published_from == "reconciled"
    assert {d[:3] for d in _talks(timeline).documents} >= {"000", "001", "002", "003"}


def _talks(timeline: Timeline):
    (talks,) = [
        e
        for e in timeline.entries
        if e.date == "2022-09-15" and "talks" in e.headline and "Putin" in e.headline
    ]
    return talks


# ---------------------------------------------------------------- re-resolution and merge


def test_frames_resolve_as_the_tagger_does(nlp):
    from timeline.timex import frames, resolve, tag

    doc = nlp("The talks began on Thursday. A day later, the leaders met again; next May too.")
    for dct in (date(2022, 9, 15), date(2022, 9, 20), None):
        assert resolve(frames(doc), dct) == tag(doc, dct)


def test_merge_joins_linked_events_of_different_days_as_one_disagreement():
    from conftest import article, timex_at

    from timeline.merge import merge_events
    from timeline.records import Event

    def event(doc: str, value: str, sentence: str, headline: str) -> Event:
        time = timex_at(sentence, "on Thursday", value)
        return Event(
            replace_id(doc), sentence, 0, time, headline, "meet", ("Putin", "Xi"), ("Samarkand",)
        )

    def replace_id(doc: str) -> str:
        return article("x").id.replace("doc", doc)

    a = event("a", "2022-09-15", "Putin and Xi met in Samarkand on Thursday.", "Putin meets Xi")
    b = event("b", "2022-09-29", "Xi and Putin talked on Thursday in Samarkand.", "Xi talks")
    assert len(merge_events([a, b])) == 2
    (entry,) = merge_events([a, b], links=[(b.id, a.id)])
    assert [c.value for c in entry.conflicts] == ["2022-09-15", "2022-09-29"]


# ---------------------------------------------------------------- HTML pages


def _page(tmp_path: Path, head: str, body: str) -> Path:
    path = tmp_path / "page.html"
    article_text = " ".join(["The council approved the harbour budget after a long debate."] * 6)
    path.write_text(
        f"<html><head><title>Budget approved</title>{head}</head><body><article>"
        f"<h1>Budget approved</h1>{body}<p>{article_text}</p></article></body></html>",
        encoding="utf-8",
    )
    return path


def _read_one(path: Path):
    from timeline.ingest import read_inputs
    from timeline.records import Document

    (document,) = [d for d in read_inputs([path]) if isinstance(d, Document)]
    return document


def test_html_date_from_the_pages_own_url(tmp_path):
    head = '<link rel="canonical" href="https://news.example.org/2021/06/14/budget-approved">'
    document = _read_one(_page(tmp_path, head, ""))
    assert (document.published, document.published_from) == (date(2021, 6, 14), "metadata")


def test_html_date_from_structured_data(tmp_path):
    data = {"@context": "https://schema.org", "@type": "NewsArticle"}
    data |= {"datePublished": "2020-02-03T10:00:00Z", "dateModified": "2020-03-01T10:00:00Z"}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    document = _read_one(_page(tmp_path, head, ""))
    assert document.published == date(2020, 2, 3)  # the original date, not the update


def test_html_date_line_beats_a_guess_from_the_page(tmp_path):
    body = "<p>Updated: 15 Sep 2022</p><p>Comments from 3 January 2019 are archived.</p>"
    document = _read_one(_page(tmp_path, "", body))
    assert (document.published, document.published_from) == (date(2022, 9, 15), "text")


STAMPED_COPY = f"""April 20, 2023

Rotterdam strike ends as dockers sign deal Wednesday 8 March 2023 17.04 GMT {STRIKE}
"""


def test_a_copy_that_still_prints_its_original_stamp_is_flagged_by_it(tmp_path):
    # A republished copy under a new date line often keeps the original's stamp, a date with
    # a clock time and zone as a publishing system prints it: no other source is needed.
    folder = collection(tmp_path, s_txt=STAMPED_COPY)
    timeline, report = build_folder(folder)
    s = documents(timeline)["s"]
    assert (s.published, s.published_from) == (date(2023, 4, 20), "text")  # report only
    conflict = s.date_conflict
    assert conflict is not None and (conflict.own, conflict.suggested) == (
        date(2023, 4, 20),
        date(2023, 3, 8),
    )
    (evidence,) = conflict.evidence
    assert (evidence.kind, evidence.phrase) == ("date line", "Wednesday 8 March 2023 17.04 GMT")
    (line,) = report.dates
    assert "contradicts a date line of the page ('Wednesday 8 March 2023 17.04 GMT')" in line
    assert date_story(s, {}).startswith(
        "This article's date line (Thu 20 Apr 2023) contradicts the page's own date line "
        "“Wednesday 8 March 2023 17.04 GMT”; it reads as published about Wed 8 Mar 2023"
    )
    timeline, _ = build_folder(folder, reanchor=True)
    s = documents(timeline)["s"]
    assert (s.published, s.published_from) == (date(2023, 3, 8), "reconciled")
    assert [e.date for e in timeline.entries] == [WEDNESDAY]
    # no other source was needed, and the pages do not say one was
    assert published_how(s) == "reconciled with the page's own stamp"
    assert anchored_on(s, "reconciled") == "the publication date the page's own stamp gives"


@pytest.mark.parametrize(
    "text",
    [
        # a later update is no contradiction, nor a live blog's later entry
        f"Published: 8 March 2023\n\n{STRIKE}\n\nLast updated: 20 April 2023 10:00\n",
        f"March 8, 2023\n\nStrike: live\n\nFriday 10 March 2023 09.12 GMT\n\n{STRIKE}\n",
        # nor a stamp a day off (time zones, midnight)
        f"March 9, 2023\n\nDockers sign deal Wednesday 8 March 2023 23.40 GMT {STRIKE}\n",
        # nor a bare date heading an item below a date line: a date, not the page's record
        f"April 20, 2023\n\nThe strike, day by day\n\n8 March 2023\n\n{STRIKE}\n",
    ],
    ids=["later update", "live blog", "a day off", "bare date"],
)
def test_what_is_no_contradiction_of_a_pages_own_date(tmp_path, text):
    timeline, _ = build_folder(collection(tmp_path, s_txt=text))
    assert documents(timeline)["s"].date_conflict is None


def test_a_user_date_a_stamp_contradicts_is_kept_and_flagged(tmp_path):
    text = "---\ndate: 2023-04-20\n---\n" + STAMPED_COPY.split("\n", 2)[2]
    timeline, report = build_folder(collection(tmp_path, u_md=text), reanchor=True)
    u = documents(timeline)["u"]
    assert (u.published, u.published_from) == (date(2023, 4, 20), "metadata")
    assert u.date_conflict is not None and u.date_conflict.suggested == date(2023, 3, 8)
    assert report.dates[0].endswith("; --reanchor re-anchors it")


def test_a_later_stamp_labelled_published_contradicts_an_earlier_user_date(tmp_path):
    text = f"---\ndate: 2023-03-01\n---\nPublished: 8 March 2023 17:04\n\n{STRIKE}\n"
    timeline, _ = build_folder(collection(tmp_path, s_md=text))
    conflict = documents(timeline)["s"].date_conflict
    assert conflict is not None and conflict.suggested == date(2023, 3, 8)


@pytest.mark.parametrize(
    "text",
    [
        # a live blog's entries, newest first, each stamped
        "Strike: live\n\nFriday 10 March 2023 09.12 GMT\n\nDockers vote.\n\n"
        "Thursday 9 March 2023 16.40 GMT\n\nTalks resume.\n\n"
        f"Wednesday 8 March 2023 17.04 GMT\n\n{STRIKE}\n",
        # a product's release date, and a reader's comment below the article
        f"Published: 20 April 2023\n\nReleased: 3 March 2023\n\n{STRIKE}\n\n"
        + "Fine.\n" * 12
        + "Posted: 25 March 2023 10:04\n",
    ],
    ids=["live blog newest first", "release date and a comment"],
)
def test_dates_a_page_prints_that_are_not_its_record(tmp_path, text):
    timeline, _ = build_folder(collection(tmp_path, s_txt=text))
    assert documents(timeline)["s"].date_conflict is None
