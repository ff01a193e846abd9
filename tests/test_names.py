"""Name identity: one person under every form a collection uses, in the merge and the index."""

from __future__ import annotations

import pytest
from test_merge import _event

from timeline.config import Config
from timeline.merge import merge_events
from timeline.merge.names import FILTER_NAMES, Names, filter_names, identity
from timeline.records import Timeline
from timeline.render.views import build_site


@pytest.mark.parametrize(
    ("name", "key"),
    [
        pytest.param("Assad", "assad", id="surname"),
        pytest.param("Bashar al-Assad", "assad", id="particle_before_the_surname"),
        pytest.param("Bashar al - Assad", "assad", id="spaced_hyphen_of_web_extraction"),
        pytest.param("President Assad", "assad", id="title"),
        pytest.param("Vladimir Putin's", "putin", id="possessive"),
        pytest.param("the Shanghai Cooperation Organization", "sco", id="organisation_initials"),
    ],
)
def test_identity(name: str, key: str) -> None:
    assert identity(name) == key


def test_every_form_of_one_person_is_one_name() -> None:
    forms = [
        "Bashar al - Assad",
        "Assad",
        "President Bashar al-Assad",
        "al-Assad",
        "Bashar al-Assad",
    ]
    names = Names([*forms, "Hafez al-Assad"])
    assert {names.canonical(f) for f in forms} == {"Bashar al-Assad"}
    assert names.canonical("Hafez al-Assad") == "Hafez al-Assad"
    assert len({names.key(f) for f in forms}) == 1


def test_a_short_form_two_people_share_stays_apart_from_both() -> None:
    names = Names(["Ed Miliband", "David Miliband", "Miliband"])
    assert names.canonical("Miliband") == "Miliband"


def test_a_leading_family_name_and_never_a_place() -> None:
    names = Names(["Xi", "Xi Jinping", "New York", "York"], places=["New York", "York"])
    assert names.canonical("Xi") == "Xi Jinping"
    assert names.canonical("York") == "York"


def test_a_filter_offers_names_that_matter_when_there_are_many() -> None:
    few = {f"n{k}": 1 for k in range(10)}
    assert filter_names(few) == set(few)
    many = {f"n{k}": 1 + k % 5 for k in range(459)}
    offered = filter_names(many)
    assert len(offered) == FILTER_NAMES and all(many[n] == 5 for n in offered)


def test_the_merge_knows_a_surname_and_a_full_name_as_one_actor() -> None:
    full = _event(
        "a", "1953", "Xi Jinping was born in 1953.", "Xi Jinping born", "bear", ("Xi Jinping",)
    )
    short = _event("b", "1952", "Xi was born in 1952, a source says.", "Xi born", "bear", ("Xi",))
    [entry] = merge_events([full, short])
    assert [c.value for c in entry.conflicts] == ["1952", "1953"]


def test_the_people_index_and_filter_use_the_same_identity() -> None:
    events = [
        _event(
            "a",
            "2012-05-25",
            "Bashar al - Assad spoke on Friday.",
            "Assad speaks",
            "speak",
            ("Bashar al - Assad",),
        ),
        _event(
            "b",
            "2012-06-03",
            "President Assad spoke on Sunday.",
            "Assad speaks",
            "speak",
            ("President Assad",),
        ),
        _event(
            "c",
            "2012-06-04",
            "Bashar al-Assad met envoys.",
            "Assad meets envoys",
            "meet",
            ("Bashar al-Assad",),
        ),
    ]
    site = build_site(Timeline("t", (), tuple(merge_events(events))), Config(inputs=()))
    assert [(e.name, len(e.entries)) for e in site.entities] == [("Bashar al-Assad", 3)]
