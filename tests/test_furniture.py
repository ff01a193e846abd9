"""Page furniture never becomes an event, in any input format: reader comments and letters,
schedules, "last updated" stamps, bylines run into the news, "Read more" links.

Each sample under tests/data/furniture/ is read as text, Markdown, JSON Lines and HTML, parsed
and tagged as a build does; the events it gives are compared with the news it holds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA

from timeline.events import extract_events
from timeline.ingest import read_inputs
from timeline.records import Document
from timeline.timex import tag

SAMPLES = Path(DATA, "furniture")
FORMATS = ("txt", "md", "jsonl", "html")


def _as(sample: str, suffix: str, folder: Path) -> Path:
    """The sample written in one input format, dated by metadata where the format has it."""
    text = (SAMPLES / sample).read_text("utf-8")
    path = folder / f"{Path(sample).stem}.{suffix}"
    if suffix in ("txt", "md"):
        if suffix == "md":  # a Markdown author leaves a blank line between paragraphs
            text = "\n\n".join(text.splitlines())
        path.write_text(f"---\ndate: 2011-03-07\n---\n{text}", "utf-8")
    elif suffix == "jsonl":
        path.write_text(json.dumps({"date": "2011-03-07", "text": text}) + "\n", "utf-8")
    else:
        paragraphs = "".join(f"<p>{line}</p>\n" for line in text.splitlines())
        head = '<head><meta property="article:published_time" content="2011-03-07"></head>'
        path.write_text(f"<html>{head}<body><article>{paragraphs}</article></body></html>", "utf-8")
    return path


def _events(nlp, sample: str, suffix: str, folder: Path) -> tuple[Document, list]:
    [document] = [d for d in read_inputs([_as(sample, suffix, folder)]) if isinstance(d, Document)]
    doc = nlp(document.text)
    return document, extract_events(document, doc, tag(doc, document.published))


# sample, the sentences (their first words) that are news, words no event may quote
CASES = [
    pytest.param(
        "comments_signed.txt",
        ["The council approved"],
        ["Reply", "Report abuse", "disgrace", "debate was fair", "I will say so"],
        id="signed-comments-below-the-article",
    ),
    pytest.param(
        "comments_wrote.txt",
        ["Viewers chose"],
        ["wrote", "cried", "best episode"],
        id="comments-signed-wrote",
    ),
    pytest.param(
        "letters.txt",
        ["The city council voted"],
        ["writes", "single taxpayer", "My taxes"],
        id="readers-letters",
    ),
    pytest.param(
        "schedule.txt",
        ["The mosque reopened"],
        ["Ep 1", "Book Of The Week", "Producer", "Fajr", "band plays"],
        id="schedules-and-prayer-times",
    ),
    pytest.param(
        "updated_stamp.txt",
        ["The council approved", "Work on the wall"],
        ["last updated", "Help", "GMT"],
        id="last-updated-stamps",
    ),
    pytest.param(
        "byline_lead.txt",
        ["The council voted", "The library opened"],
        ["By Jane", "BBC News"],
        id="byline-run-into-the-first-sentence",
    ),
    pytest.param(
        "read_more.txt",
        ["The council voted"],
        ["Read more", "changed its mind", "campaigners", "Comments"],
        id="read-more-and-related-links",
    ),
]


CASES.append(
    pytest.param(
        "timeline_captions.txt",
        ["27 September 2011 The", "5 October 2011 A paramedic", "7 November 2011 Jurors"],
        ["arrives at court", "photographs", "looked tired"],
        id="timeline-items-run-into-picture-captions",
    )
)
CASES.append(
    pytest.param(
        "live_updates.txt",
        ["Protesters gathered"],
        ["Update", "error occurred"],
        id="live-update-stamps-and-server-errors",
    )
)


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize(("sample", "news", "junk"), CASES)
def test_furniture_is_never_an_event(nlp, tmp_path, sample, news, junk, suffix) -> None:
    _, events = _events(nlp, sample, suffix, tmp_path)
    quoted = [e.sentence for e in events]
    headlines = [e.headline for e in events]
    for words in junk:
        assert not any(words in text for text in quoted + headlines), (words, quoted, headlines)
    for opening in news:
        assert any(s.startswith(opening) for s in quoted), (opening, quoted)


@pytest.mark.parametrize("suffix", ("txt", "jsonl"))
def test_source_is_titled_by_its_headline_not_its_chrome(nlp, tmp_path, suffix) -> None:
    document, _ = _events(nlp, "updated_stamp.txt", suffix, tmp_path)
    assert document.title == "Harbour wall approved, says mayor"


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_live_update_stamp_gives_its_place_to_no_sentence(nlp, tmp_path, suffix) -> None:
    # "(Update 12:20 a.m. Cairo, ...) A State Department release ... says": the stamp stands
    # on a line of its own, or the parser takes Cairo for the subject of the news.
    _, events = _events(nlp, "live_updates.txt", suffix, tmp_path)
    headlines = [e.headline for e in events]
    assert any(h.startswith("U.S. State Department release says") for h in headlines), headlines


def test_a_byline_is_no_title(nlp, tmp_path) -> None:
    document, _ = _events(nlp, "byline_lead.txt", "jsonl", tmp_path)
    assert not document.title.startswith("By "), document.title


def test_a_numbered_file_is_titled_by_its_first_line(tmp_path) -> None:
    # "00019.txt" says nothing of the story; its first line of news does.
    path = tmp_path / "00019.txt"
    path.write_text(
        "---\ndate: 2011-02-21\n---\nFebruary 21, 2011 | By Ann Holt, CNN The council voted on "
        "Monday to close the central library after a long debate.\n",
        "utf-8",
    )
    [document] = [d for d in read_inputs([path]) if isinstance(d, Document)]
    assert document.title.startswith("The council voted on Monday"), document.title
    assert document.title_from == "text"


def test_a_named_file_keeps_its_name_when_the_text_has_no_headline(tmp_path) -> None:
    path = tmp_path / "library-vote.txt"
    path.write_text("The council voted on Monday to close the central library.\n", "utf-8")
    [document] = [d for d in read_inputs([path]) if isinstance(d, Document)]
    assert (document.title, document.title_from) == ("library-vote", "filename")


# Pages that are no report at all: what was said on air or is scheduled to be, read by form.
BROADCASTS = [
    pytest.param("transcript.txt", id="transcript-marked-as-one"),
    pytest.param("transcript_unmarked.txt", id="transcript-known-by-its-speaker-turns"),
    pytest.param("listings.txt", id="programme-listings-page"),
]


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("sample", BROADCASTS)
def test_a_broadcast_page_gives_no_event(nlp, tmp_path, sample, suffix) -> None:
    document, events = _events(nlp, sample, suffix, tmp_path)
    assert document.text.strip()  # the page is still read, and kept as a source
    assert events == [], [e.headline for e in events]


def test_headings_in_capitals_are_no_speaker_turns(nlp, tmp_path) -> None:
    # "NORTH:", "SOUTH:" head the parts of a round-up; no heading is spoken twice.
    _, events = _events(nlp, "roundup_headings.txt", "txt", tmp_path)
    quoted = [e.sentence for e in events]
    for opening in ("The council voted", "The ferry resumed", "Farmers met"):
        assert any(opening in s for s in quoted), (opening, quoted)


def test_a_round_up_of_datelines_is_no_transcript(nlp, tmp_path) -> None:
    # "CAIRO:" twice, "ALEXANDRIA:" between: no speaker named with a role first, so a report.
    _, events = _events(nlp, "roundup_datelines.txt", "txt", tmp_path)
    quoted = [e.sentence for e in events]
    for opening in ("Thousands of protesters", "Police fired", "The army deployed"):
        assert any(opening in s for s in quoted), (opening, quoted)
