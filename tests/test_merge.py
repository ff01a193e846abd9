"""Cross-source merge: hand-built events, and the bundled seeds end to end."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEEDS

from timeline.merge import Weights, merge_events
from timeline.records import Event, TimeExpression


def _event(
    document: str,
    value: str,
    sentence: str,
    headline: str,
    predicate: str,
    actors: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
    start: int = 0,
    status: str = "reported",
) -> Event:
    time = TimeExpression(
        start=start + 5,
        end=start + 13,
        text="Thursday",
        type="DATE",
        value=value,
        anchor="2022-09-15",
        anchor_from="dct",
    )
    return Event(
        document=document,
        sentence=sentence,
        sentence_start=start,
        time=time,
        headline=headline,
        predicate=predicate,
        actors=actors,
        places=places,
        status=status,
    )


TALKS = [
    _event(
        "a",
        "2022-09-15",
        "Putin and Xi held talks in Samarkand on Thursday.",
        "Putin and Xi hold talks in Samarkand",
        "hold",
        ("Putin", "Xi"),
        ("Samarkand",),
    ),
    _event(
        "b",
        "2022-09-15",
        "Vladimir Putin and Xi Jinping met for talks on Thursday.",
        "Vladimir Putin and Xi Jinping meet for talks",
        "meet",
        ("Vladimir Putin", "Xi Jinping"),
    ),
]
QUAKE = _event(
    "q",
    "2022-09-15",
    "An earthquake struck Peru on Thursday, killing three.",
    "Earthquake strikes Peru",
    "strike",
    (),
    ("Peru",),
)


def test_same_day_different_happenings_stay_separate() -> None:
    entries = merge_events([*TALKS, QUAKE])
    assert [sorted(e.documents) for e in entries] == [["a", "b"], ["q"]] or [
        sorted(e.documents) for e in entries
    ] == [["q"], ["a", "b"]]
    talks = next(e for e in entries if "a" in e.documents)
    assert talks.date == "2022-09-15"
    assert "talks" in talks.headline


def test_month_joins_a_day_inside_it() -> None:
    month = _event(
        "a",
        "2022-02",
        "Xi and Putin last met in February at the Beijing Winter Olympics.",
        "Xi and Putin meet at the Beijing Winter Olympics",
        "meet",
        ("Xi", "Putin"),
        ("Beijing",),
    )
    day = _event(
        "b",
        "2022-02-04",
        "Putin saw Xi at the Beijing Winter Olympics on 4 February.",
        "Putin sees Xi at the Beijing Winter Olympics",
        "see",
        ("Putin", "Xi"),
        ("Beijing",),
    )
    [entry] = merge_events([month, day])
    assert entry.date == "2022-02-04"  # the most precise date the sources agree on
    assert entry.documents == ("a", "b")
    assert entry.conflicts == ()


def test_month_does_not_join_an_unrelated_day() -> None:
    month = _event(
        "a",
        "2022-02",
        "Xi and Putin last met in February at the Olympics.",
        "Xi and Putin meet at the Olympics",
        "meet",
        ("Xi", "Putin"),
    )
    entries = merge_events([month, replace(QUAKE, time=replace(QUAKE.time, value="2022-02-10"))])
    assert sorted(e.date for e in entries) == ["2022-02", "2022-02-10"]


FOUNDED = [
    _event(
        "f1",
        "2001",
        "The SCO was founded in 2001 as a security organisation.",
        "SCO founded as a security organisation",
        "found",
        ("SCO",),
    ),
    _event(
        "f2",
        "2001",
        "Set up in 2001, the SCO is an eight-nation group.",
        "SCO set up",
        "set up",
        ("SCO",),
    ),
    _event(
        "f3",
        "2002",
        "Since its establishment in 2002, the SCO has seen divergences.",
        "SCO sees divergences",
        "establish",
        ("SCO",),
    ),
]


def test_sources_that_disagree_on_the_date_are_one_entry_with_claims() -> None:
    [entry] = merge_events(FOUNDED)
    assert entry.date == "2001"  # the date most sources give
    assert [(c.value, c.documents) for c in entry.conflicts] == [
        ("2001", ("f1", "f2")),
        ("2002", ("f3",)),
    ]
    assert entry.documents == ("f1", "f2", "f3")


def test_repeatable_happenings_on_different_dates_are_not_conflicts() -> None:
    feb = _event(
        "a",
        "2022-02-04",
        "Putin met Xi in Beijing on 4 February.",
        "Putin meets Xi in Beijing",
        "meet",
        ("Putin", "Xi"),
        ("Beijing",),
    )
    sep = _event(
        "b",
        "2022-09-15",
        "Putin met Xi in Samarkand on Thursday.",
        "Putin meets Xi in Samarkand",
        "meet",
        ("Putin", "Xi"),
        ("Samarkand",),
    )
    entries = merge_events([feb, sep])
    assert [e.date for e in entries] == ["2022-02-04", "2022-09-15"]
    assert all(e.conflicts == () for e in entries)


def test_output_does_not_depend_on_input_order() -> None:
    events = [*TALKS, QUAKE, *FOUNDED]
    expected = merge_events(events)
    for seed in range(5):
        shuffled = list(events)
        random.Random(seed).shuffle(shuffled)
        assert merge_events(shuffled) == expected
    assert len({e.id for e in expected}) == len(expected)


def test_ids_survive_a_new_source_and_a_refined_date() -> None:
    [first] = merge_events(FOUNDED)
    [again] = merge_events([*reversed(FOUNDED)])
    assert first.id == again.id and len(first.id) == 12
    # Another outlet reports the founding: the entry, and links to it, keep their id.
    later = _event(
        "z", "2001", "The SCO, founded in 2001, met again.", "SCO meets", "found", ("SCO",)
    )
    [joined] = merge_events([*FOUNDED, later])
    assert joined.documents == ("f1", "f2", "f3", "z") and joined.id == first.id
    # A source gives the day of a month already on the timeline: the same entry, more precise.
    month = _event(
        "a",
        "2022-02",
        "Xi and Putin last met in February at the Beijing Winter Olympics.",
        "Xi and Putin meet at the Beijing Winter Olympics",
        "meet",
        ("Xi", "Putin"),
        ("Beijing",),
    )
    day = _event(
        "b",
        "2022-02-04",
        "Putin saw Xi at the Beijing Winter Olympics on 4 February.",
        "Putin sees Xi at the Beijing Winter Olympics",
        "see",
        ("Putin", "Xi"),
        ("Beijing",),
    )
    [alone], [refined] = merge_events([month]), merge_events([month, day])
    assert (alone.date, refined.date) == ("2022-02", "2022-02-04") and alone.id == refined.id


def test_max_entries_keeps_the_most_important_one_per_date() -> None:
    entries = merge_events([*TALKS, QUAKE, *FOUNDED], max_entries=2)
    assert len(entries) == 2
    assert len({e.date for e in entries}) == 2
    talks = next(e for e in entries if e.date == "2022-09-15")
    assert talks.documents == ("a", "b")  # two sources beat one on the same day
    assert [e.start for e in entries] == sorted(e.start for e in entries)


def test_status_is_expected_only_when_every_source_expects_it() -> None:
    planned = [replace(e, status="expected") for e in TALKS]
    assert merge_events(planned)[0].status == "expected"
    assert merge_events([planned[0], TALKS[1]])[0].status == "reported"


def test_no_events_no_entries() -> None:
    assert merge_events([]) == []
    assert merge_events([], max_entries=3) == []


# --- the bundled seeds, through the whole build ---------------------------------------------

PUBLISHED = {"000": "2022-09-16", "004": "2024-07-03"}


@pytest.fixture(scope="module")
def seed_timeline(tmp_path_factory: pytest.TempPathFactory):
    from timeline.config import Config
    from timeline.pipeline import build

    folder = tmp_path_factory.mktemp("seeds")
    for path in sorted(SEEDS.glob("*.txt")):
        day = PUBLISHED.get(path.name[:3], "2022-09-15")
        text = path.read_text(encoding="utf-8")
        (folder / path.name).write_text(f"---\ndate: {day}\n---\n{text}", encoding="utf-8")
    config = Config(inputs=(Path(folder),), cache=None, processes=1)
    timeline, _ = build(config, write=False)
    return timeline


def _documents(entry) -> list[str]:
    return sorted(d[:3] for d in entry.documents)


def _find(timeline, date: str, word: str):
    found = [
        e
        for e in timeline.entries
        if e.date == date and any(word in event.sentence for event in e.events)
    ]
    assert found, f"no entry on {date} mentioning {word!r}: " + "; ".join(
        f"{e.date} {e.headline}" for e in timeline.entries
    )
    return max(found, key=lambda e: len(e.documents))


def test_seeds_xi_putin_talks_cite_all_four_2022_articles(seed_timeline) -> None:
    entry = _find(seed_timeline, "2022-09-15", "talks")
    assert _documents(entry) == ["000", "001", "002", "003"]
    assert "Putin" in entry.headline or "Xi" in entry.headline


def test_seeds_senate_committee_bill(seed_timeline) -> None:
    entry = _find(seed_timeline, "2022-09-14", "Senate")
    assert _documents(entry) == ["001", "003"]


def test_seeds_winter_olympics_meeting(seed_timeline) -> None:
    entry = _find(seed_timeline, "2022-02", "Winter Olympics")
    assert _documents(entry) == ["001", "003"]


def test_seeds_sco_founding_disagreement(seed_timeline) -> None:
    entry = next(e for e in seed_timeline.entries if e.conflicts)
    claims = {c.value: [d[:3] for d in c.documents] for c in entry.conflicts}
    assert set(claims) == {"2001", "2002"}
    assert claims["2002"] == ["004"]
    assert {"000", "001"} <= set(claims["2001"])
    assert entry.date == "2001"


def test_seeds_sco_founding_includes_the_set_up_sentence(seed_timeline) -> None:
    entry = next(e for e in seed_timeline.entries if e.conflicts)
    claims = {c.value: [d[:3] for d in c.documents] for c in entry.conflicts}
    assert claims["2001"] == ["000", "001", "002"]


def test_seeds_entries_are_chronological_with_unique_ids(seed_timeline) -> None:
    entries = seed_timeline.entries
    assert [(e.start, e.end, e.id) for e in entries] == sorted(
        (e.start, e.end, e.id) for e in entries
    )
    assert len({e.id for e in entries}) == len(entries)


# --- which dates a condensed timeline keeps -------------------------------------------------


def _dated(document: str, value: str, published: str, word: str) -> Event:
    """An event of `document` (published on `published`) about `word`, dated `value`."""
    sentence = f"The {word} happened on that day, officials said."
    time = TimeExpression(
        start=4,
        end=12,
        text="that day",
        type="DATE",
        value=value,
        anchor=published,
        anchor_from="dct",
    )
    return Event(
        document=document,
        sentence=sentence,
        sentence_start=0,
        time=time,
        headline=f"{word.capitalize()} happens",
        predicate="happen",
    )


def _published(document: str, day: str) -> Event:
    """An event dated on its own publication day, which tells when `document` appeared."""
    return _dated(document, day, day, f"briefing{document}")


@pytest.mark.parametrize(
    ("events", "kept", "why"),
    [
        pytest.param(
            [
                _dated("r1", "2011-01-25", "2011-02-10", "uprising"),
                _dated("r2", "2011-01-25", "2011-03-01", "uprising"),
                _dated("t1", "2011-03-10", "2011-03-10", "statement"),
                _dated("t2", "2011-03-10", "2011-03-10", "statement"),
                _dated("t3", "2011-03-10", "2011-03-10", "statement"),
            ],
            ["2011-01-25"],
            "recalled weeks later beats reported only on the day",
            id="recalled_day_beats_same_day_chatter",
        ),
        pytest.param(
            [
                _dated("a", "2011-03", "2011-03-20", "offensive"),
                _dated("b", "2011-03", "2011-03-21", "offensive"),
                _dated("c", "2011-03", "2011-03-22", "offensive"),
                _dated("d", "2011-03-19", "2011-03-20", "airstrike"),
            ],
            ["2011-03-19"],
            "a day is preferred to a month",
            id="day_before_month",
        ),
        pytest.param(
            [
                _dated("a", "1958-08-29", "2009-06-27", "birth"),
                _dated("b", "1958-08-29", "2009-06-28", "birth"),
                _dated("c", "2009-06-25", "2009-06-27", "death"),
            ],
            ["2009-06-25"],
            "a day long before the collection is background",
            id="day_before_the_story_is_left_out",
        ),
        pytest.param(
            [
                _dated("a", "2011-10-08", "2011-09-01", "hearing"),
                _dated("b", "2011-10-08", "2011-09-02", "hearing"),
                _dated("c", "2011-09-27", "2011-09-28", "trial"),
                _published("d", "2011-10-20"),
            ],
            ["2011-09-27"],
            "a day reported after it beats one only announced before it",
            id="reported_beats_expected",
        ),
        pytest.param(
            [
                _dated("a", "2011-03-01", "2011-03-10", "vote"),
                _dated("b", "2011-03-02", "2011-03-10", "vote"),
                _dated("c", "2011-02", "2011-03-03", "memo"),
                _dated("d", "2011-02", "2011-03-03", "memo"),
            ],
            ["2011-03-02"],
            "of two days pointed at alike, the one whose news appeared the day after",
            id="news_of_the_day_breaks_a_tie",
        ),
        pytest.param(
            [
                _dated("a", "2011-03-01", "2011-03-10", "vote"),
                _dated("b", "2011-03-01", "2011-03-11", "vote"),
                _dated("c", "2011-03-02", "2011-03-10", "vote"),
                _dated("d", "2011-02", "2011-03-02", "memo"),
                _dated("e", "2011-02", "2011-03-03", "memo"),
                _dated("f", "2011-02", "2011-03-03", "memo"),
            ],
            ["2011-03-01"],
            "articles published on a day never outweigh one more reference to another",
            id="news_of_the_day_only_breaks_ties",
        ),
        pytest.param(
            [
                _dated("a", "2011-03-05", "2011-03-20", "vote"),
                _dated("b", "2011-03-10", "2011-03-20", "vote"),
                _dated("c", "2011-03-11", "2011-03-12", "vote"),
            ],
            ["2011-03-10"],
            "a day also counts a share of what points at the day after it",
            id="neighbouring_day_lends_weight",
        ),
    ],
)
def test_max_entries_ranks_dates_by_who_points_at_them(events, kept, why) -> None:
    assert [e.date for e in merge_events(events, max_entries=1)] == kept, why


def test_undated_articles_still_count_as_references() -> None:
    events = [
        _dated("a", "2011-02-17", "2011-02-18", "protest"),
        _dated("b", "2011-02-17", "2011-02-19", "protest"),
        _dated("c", "2011-02-20", "2011-02-21", "speech"),
        replace(
            _dated("x", "2011-02-20", "2011-02-21", "speech"),
            time=replace(
                _dated("x", "2011-02-20", "2011-02-21", "speech").time,
                anchor=None,
                anchor_from=None,
            ),
        ),
        replace(
            _dated("y", "2011-02-20", "2011-02-21", "speech"),
            time=replace(
                _dated("y", "2011-02-20", "2011-02-21", "speech").time,
                anchor=None,
                anchor_from=None,
            ),
        ),
    ]
    [entry] = merge_events(events, max_entries=1)
    assert entry.date == "2011-02-20"
    assert entry.documents == ("c", "x", "y")


def test_dates_are_ranked_when_no_document_has_a_publication_date() -> None:
    """Undated collections have no story span: nothing may be measured against one."""
    events = [
        _event("a", "2001", "The SCO was founded in 2001.", "SCO founded", "found"),
        _event("b", "2022-09-15", "Talks were held on 15 September 2022.", "Talks held", "hold"),
    ]
    undated = [replace(e, time=replace(e.time, anchor=None, anchor_from=None)) for e in events]
    entries = merge_events(undated, max_entries=1)
    assert [e.date for e in entries] == ["2022-09-15"]


# --- an entry never says two things -------------------------------------------------------


def test_headline_and_summary_come_from_one_mention() -> None:
    short = _event(
        "a",
        "2022-09-15",
        "Putin and Xi held talks Thursday.",
        "Putin and Xi hold talks in Samarkand",
        "hold",
        ("Putin", "Xi"),
    )
    long = _event(
        "b",
        "2022-09-15",
        "Putin and Xi held talks in Samarkand on Thursday about trade and the war.",
        "Held",
        "hold",
        ("Putin", "Xi"),
    )
    [entry] = merge_events([short, long])
    lead = next(e for e in entry.events if e.headline == entry.headline)
    assert entry.summary == lead.sentence


def test_the_headline_names_whom_its_pronouns_stand_for() -> None:
    # a headline is read alone: "housing him" names no one where another source names Gadhafi
    sentence = "A NATO airstrike hit the Tripoli compound housing Gadhafi on Saturday."
    vague = _event(
        "a",
        "2011-04-30",
        sentence,
        "NATO airstrike hits the Tripoli compound housing him",
        "hit",
        ("NATO",),
    )
    named = _event(
        "b", "2011-04-30", sentence, "NATO airstrike hits Gadhafi's compound", "hit", ("NATO",)
    )
    for events in ([vague, named], [named, vague]):
        [entry] = merge_events(events)
        assert entry.headline == "NATO airstrike hits Gadhafi's compound"


def test_a_reported_entry_leads_with_what_happened() -> None:
    # one source reports the talks, another tells what had been planned for that day
    sentence = "Putin and Xi held talks in Samarkand on Thursday."
    held = _event("a", "2022-09-15", sentence, "Putin and Xi hold talks", "hold", ("Putin", "Xi"))
    plan = _event(
        "b",
        "2022-09-15",
        sentence,
        "Putin and Xi to hold talks in Samarkand",
        "hold",
        ("Putin", "Xi"),
        status="expected",
    )
    for events in ([held, plan], [plan, held]):
        [entry] = merge_events(events)
        assert (entry.status, entry.headline) == ("reported", "Putin and Xi hold talks")


def test_the_headline_is_dated_as_the_entry_is() -> None:
    month = _event(
        "a",
        "2022-02",
        "Xi and Putin last met in February at the Beijing Winter Olympics, officials said.",
        "Xi and Putin meet at the Beijing Winter Olympics",
        "meet",
        ("Xi", "Putin"),
        ("Beijing",),
    )
    day = _event(
        "b",
        "2022-02-04",
        "Putin saw Xi at the Beijing Winter Olympics on 4 February.",
        "Saw Xi at Olympics",
        "see",
        ("Putin", "Xi"),
        ("Beijing",),
    )
    [entry] = merge_events([month, day])
    assert entry.date == "2022-02-04" and entry.headline == "Saw Xi at Olympics"


# --- one entry per happening -----------------------------------------------------------------


def test_one_day_one_happening_told_in_different_words_is_one_entry() -> None:
    dies = _event(
        "a",
        "2009-06-25",
        "Michael Jackson died at his Los Angeles home on Thursday.",
        "Michael Jackson dies at his Los Angeles home",
        "die",
        ("Michael Jackson",),
        ("Los Angeles",),
    )
    death = _event(
        "b",
        "2009-06-25",
        "Fans wept outside the hospital after Jackson's death on Thursday stunned the world.",
        "Jackson's death stuns the world",
        "die",
        ("Jackson",),
    )
    [entry] = merge_events([dies, death])
    assert entry.documents == ("a", "b")


def test_one_day_same_verb_different_places_stay_apart() -> None:
    houla = _event(
        "a",
        "2012-05-25",
        "At least 108 people were killed in Houla on Friday.",
        "108 people killed in Houla",
        "kill",
        (),
        ("Houla",),
    )
    homs = _event(
        "b",
        "2012-05-25",
        "Shelling killed 20 people in Homs on Friday.",
        "Shelling kills 20 people in Homs",
        "kill",
        ("Shelling",),
        ("Homs",),
    )
    assert len(merge_events([houla, homs])) == 2


def test_a_year_mention_joins_the_month_of_the_same_happening() -> None:
    invasion = _event(
        "a",
        "2022",
        "The two signed a partnership shortly before Russia's invasion of Ukraine this year.",
        "Russia's invasion of Ukraine",
        "invade",
        ("Ukraine", "Russia"),
    )
    troops = _event(
        "b",
        "2022-02",
        "It is his first trip since Moscow sent troops to Ukraine in February.",
        "Russia sends troops to Ukraine",
        "send",
        ("Russia", "Ukraine"),
    )
    [entry] = merge_events([invasion, troops])
    assert entry.date == "2022-02" and entry.documents == ("a", "b")


def test_a_weeks_total_is_not_pinned_to_one_of_its_days() -> None:
    week = _event(
        "a",
        "2012-W22",
        "At least 300 people were killed in Homs this week, activists said.",
        "300 people killed in Homs",
        "kill",
        (),
        ("Homs",),
    )
    day = _event(
        "b",
        "2012-05-28",
        "At least 40 people were killed in Homs on Monday, activists said.",
        "40 people killed in Homs",
        "kill",
        (),
        ("Homs",),
    )
    assert sorted(e.date for e in merge_events([week, day])) == ["2012-05-28", "2012-W22"]


# --- key entries that tell the story ---------------------------------------------------------


def test_a_condensed_timeline_spreads_over_the_story() -> None:
    events = [
        *(_dated(f"a{k}", "2011-03-01", "2011-03-20", "vote") for k in range(3)),
        *(_dated(f"b{k}", "2011-03-02", "2011-03-20", "count") for k in range(3)),
        *(_dated(f"c{k}", "2011-06-01", "2011-06-20", "ruling") for k in range(3)),
    ]
    kept = [e.date for e in merge_events(events, max_entries=2)]
    assert kept == ["2011-03-01", "2011-06-01"]
    unspread = merge_events(events, max_entries=2, weights=Weights(spread=0.0))
    assert [e.date for e in unspread] == ["2011-03-01", "2011-03-02"]


def test_an_aside_of_one_source_on_a_busy_day_is_less_important_than_its_news() -> None:
    news = [_dated(f"n{k}", "2011-03-19", "2011-03-25", "airstrike") for k in range(6)]
    aside = _event("x", "2011-03-19", "A podcast aired that day.", "Podcast airs", "air")
    entries = merge_events([*news, aside])
    main = next(e for e in entries if len(e.documents) == 6)
    other = next(e for e in entries if e.documents == ("x",))
    assert other.importance < 0.5 * main.importance


def test_an_entry_no_headline_can_tell_is_less_important() -> None:
    told = replace(
        _dated("a", "2011-03-19", "2011-03-25", "airstrike"), headline="NATO jets hit Tripoli"
    )
    untold = replace(told, headline="Says", document="b")
    [good], [bad] = merge_events([told]), merge_events([untold])
    assert bad.importance == pytest.approx(0.5 * good.importance, rel=1e-3)


def test_the_last_days_of_a_collection_count_what_was_said_on_the_day() -> None:
    """Nothing later could recall them: their same-day reports are all there is."""
    events = [
        _dated("e", "2011-02-01", "2011-02-03", "march"),
        *(_dated(f"d{k}", "2011-02-13", "2011-02-13", "resignation") for k in range(3)),
    ]
    assert [e.date for e in merge_events(events, max_entries=1)] == ["2011-02-13"]


def test_ranking_weights_are_passed_in_never_set_on_a_module() -> None:
    import dataclasses
    import importlib.util

    with pytest.raises(dataclasses.FrozenInstanceError):
        Weights().spread = 1.0  # type: ignore[misc]
    path = Path(__file__).parents[1] / "benchmarks" / "eval_t17.py"
    spec = importlib.util.spec_from_file_location("eval_t17", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fields = {f.name for f in dataclasses.fields(Weights)}
    assert set(module.GRID) <= fields
    assert all(getattr(Weights(), name) == values[0] for name, values in module.GRID.items())
    assert "setattr(" not in path.read_text(encoding="utf-8")
