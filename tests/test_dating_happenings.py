"""Dating from one-off happenings (issue 12): the rare names and figures a document shares
with dated articles place it within days; a common word or one matching phrase does not."""

from __future__ import annotations

from datetime import date

from test_dating import DATED_A, DATED_B, FOOTBALL, STRIKE, build_folder, collection, documents

from timeline.dating.happenings import Timing, terms

# The strike retold a month later with no relative date at all: only its names and figures
# (Marieke de Vries, eight percent, nine-day) say which week it belongs to.
RETOLD = """April 20, 2023

Dockers back at work after Rotterdam wage deal

Marieke de Vries, the leader of the dock workers' union, said the agreement that ended the
nine-day strike raised pay by eight percent over two years, and that the container ships
stranded in Rotterdam were being unloaded.
"""
FOOTBALL_DATED = f"""---
title: Ajax win the derby
date: 2023-04-17
source: Sports Desk
---
{FOOTBALL}
"""
BRIDGE = """---
title: Erasmus bridge to close for repairs
date: 2023-04-20
source: City Desk
---
The Erasmus bridge will close to traffic for six weeks of repairs to its cables, the city's
transport department said, sending trams and cyclists across the Willems bridge instead.
"""
# One "on Wednesday" matching one dated report, with as much in common with a report of six
# weeks later: nothing says which week it was written in.
MIXED = f"""Rotterdam round-up

{STRIKE}

The Erasmus bridge will close to traffic for six weeks of repairs to its cables, sending
trams and cyclists across the Willems bridge.
"""


def test_terms_keep_a_figure_with_its_noun_and_drop_time_words():
    assert terms("109 cases on Thursday in Mexico, and 2,000 people in May") == [
        "109 cases",
        "mexico",
        "2000 people",
    ]
    # A figure before a time word or a full stop stands alone: a shared "25 January" or
    # "91 yesterday" is when, not what, and "2011. The" crosses into the next sentence.
    assert terms("Protests began 25 January 2011. The toll rose from 191 yesterday.") == [
        "protests",
        "began",
        "2011",
        "toll",
        "rose",
        "191",
    ]


def test_a_late_date_line_with_no_relative_date_is_placed_by_the_names_and_figures_it_shares(
    tmp_path,
):
    folder = collection(tmp_path, a_md=DATED_A, b_md=DATED_B, f_md=FOOTBALL_DATED, d_txt=RETOLD)
    timeline, report = build_folder(folder)
    d = documents(timeline)["d"]
    assert (d.published, d.published_from) == (date(2023, 4, 20), "text")  # report only
    conflict = d.date_conflict
    assert conflict is not None
    assert (conflict.suggested, conflict.suggested_until) == (date(2023, 3, 8), date(2023, 3, 10))
    assert set(conflict.sources) == {"a", "b"}
    assert {e.kind for e in conflict.evidence} == {"shared terms"}
    # The evidence names the terms both share, rarest first.
    shown = [t for e in conflict.evidence for t in e.phrase.split(", ")]
    assert shown and all(t in RETOLD.lower() for t in shown)
    (line,) = [x for x in report.dates if "d.txt" in x]
    assert "its date line (Thu 20 Apr 2023) contradicts 2 sources" in line


def test_one_phrase_matching_one_report_does_not_date_a_document(tmp_path):
    folder = collection(tmp_path, a_md=DATED_A, e_md=BRIDGE, c_txt=MIXED)
    timeline, report = build_folder(folder)
    c = documents(timeline)["c"]
    assert c.published is None
    assert c.published_note == (
        "only one of its phrases matches a dated report, and its rare names and figures "
        "do not say when"
    )
    assert any("c.txt: no publication date: only one of its phrases" in x for x in report.dates)


BRIDGE_AGAIN = BRIDGE.replace("2023-04-20", "2023-03-16").replace("City Desk", "Rijnmond")
# A user's dated round-up: its "on Wednesday" strike sentence reads as 15 March from its
# date, against 8 March in two sources, but half of what it shares is news of its own week.
USER_ROUND_UP = f"""---
title: Rotterdam round-up
date: 2023-03-16
---
{MIXED.split(chr(10), 2)[2]}"""


def test_a_metadata_date_stands_when_the_happenings_it_shares_agree_with_it(tmp_path):
    folder = collection(
        tmp_path,
        a_md=DATED_A,
        b_md=DATED_B,
        e_md=BRIDGE.replace("2023-04-20", "2023-03-16"),
        g_md=BRIDGE_AGAIN,
        u_md=USER_ROUND_UP,
    )
    timeline, report = build_folder(folder)
    u = documents(timeline)["u"]
    assert (u.published, u.date_conflict) == (date(2023, 3, 16), None)
    assert not [line for line in report.dates if "u.md" in line]


def test_shared_terms_veto_a_day_none_of_the_alike_articles_was_published_near():
    near = Timing({date(2023, 3, 9): 0.4, date(2023, 4, 20): 0.35}, strength=0.4)
    assert near.window() is None  # split between two weeks: too unclear to steer
    assert near.unsupported(date(2023, 3, 30))
    assert not near.unsupported(date(2023, 3, 11))
    assert not Timing({date(2023, 3, 9): 0.1}, strength=0.1).unsupported(date(2023, 3, 30))
