"""Ingest: every reader, date and title detection, ids, order, and every kind of bad input."""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path

import pytest
from conftest import DATA, SEEDS, require_corpus

from timeline.errors import InputError
from timeline.ingest import decode, read_inputs
from timeline.ingest.datelines import labelled, parse_date_text
from timeline.ingest.frontmatter import split_front_matter
from timeline.ingest.pagetext import scan_page
from timeline.records import Document, Problem

INGEST = DATA / "ingest"
BAD = DATA / "bad"


def read(*paths: Path, **options) -> tuple[list[Document], list[Problem]]:
    results = list(read_inputs(list(paths), **options))
    return (
        [r for r in results if isinstance(r, Document)],
        [r for r in results if isinstance(r, Problem)],
    )


def one(path: Path) -> Document:
    documents, problems = read(path)
    assert problems == []
    assert len(documents) == 1
    return documents[0]


def span_texts(document: Document) -> list[str]:
    return [document.text[start:end] for start, end in document.boilerplate]


# --- the five seeds ---------------------------------------------------------------------------

SEED_CASES = [
    pytest.param(
        "000_4fa99d7d2180e4ad",
        "Xi Jinping, Vladimir Putin look to challenge the West at SCO summit",
        date(2022, 10, 3),
        "October 3, 2022",
        id="000-date-line-at-top",
    ),
    pytest.param(
        "001_1bb006a956a83ea0",
        "Russia’s Vladimir Putin and China’s Xi Jinping praise ‘great power’ links in talks"
        " that defy the West",
        None,
        None,
        id="001-first-line-undated",
    ),
    pytest.param(
        "002_69fafef3681a4047",
        "Xi and Putin Meet in Uzbekistan for Security Summit",
        None,
        None,
        id="002-after-skip-link-and-banner",
    ),
    pytest.param(
        "003_413b558a031f2e5a",
        "Xi, Putin hold first in-person talks since Ukraine invasion at Samarkand",
        date(2022, 9, 15),
        "Updated: 15 Sep 2022, 06:26 PM IST",
        id="003-breadcrumb-and-updated-line",
    ),
    pytest.param(
        "004_074d0d399cf2dab1",
        "Putin And Xi Praise The Enduring Stability Of The China-Russia Partnership At The SCO"
        " Meeting",
        None,
        None,
        id="004-after-breaking-news",
    ),
]


@pytest.mark.parametrize(("stem", "title", "published", "published_text"), SEED_CASES)
def test_seed_title_and_date(stem, title, published, published_text):
    document = one(SEEDS / f"{stem}.txt")
    assert document.id == stem
    assert document.format == "txt"
    assert (document.title, document.title_from) == (title, "text")
    assert document.published == published
    assert document.published_text == published_text
    assert document.published_from == ("text" if published else None)


def test_seed_folder_paths_ids_and_order():
    documents, problems = read(SEEDS)
    assert problems == []
    assert [d.path for d in documents] == [
        f"{SEEDS.as_posix()}/{p.name}" for p in sorted(SEEDS.glob("*.txt"))
    ]
    assert [d.id for d in documents] == [p.stem for p in sorted(SEEDS.glob("*.txt"))]


def test_seed_chrome_lines_are_boilerplate():
    chrome = {d.id: span_texts(d) for d in read(SEEDS)[0]}
    assert "October 3, 2022" in chrome["000_4fa99d7d2180e4ad"]
    assert "Updated: 15 Sep 2022, 06:26 PM IST" in chrome["003_413b558a031f2e5a"]
    assert "Home/ News / World/" in chrome["003_413b558a031f2e5a"]
    assert "Get alerts on WhatsApp" in chrome["003_413b558a031f2e5a"]
    assert "Skip to main content" in chrome["002_69fafef3681a4047"]
    assert "Breaking News" in chrome["004_074d0d399cf2dab1"]
    # News paragraphs never count as chrome.
    for document in read(SEEDS)[0]:
        for text in span_texts(document):
            assert "Putin" not in text or text.startswith(("Home/", "Read more:"))


# --- readers: one sample per feature ------------------------------------------------------

SAMPLE_CASES = [
    # file, title, title_from, published, published_from
    pytest.param(
        "front_matter.md",
        "Harbour bridge: two years of repairs end",
        "metadata",
        date(2021, 6, 14),
        "metadata",
        id="md-front-matter",
    ),
    pytest.param(
        "markdown_syntax.md",
        "Election results announced",
        "text",
        None,
        None,
        id="md-heading-title",
    ),
    pytest.param(
        "front_matter_datetime.txt",
        "Late-night vote passes the budget",
        "metadata",
        date(2022, 9, 15),
        "metadata",
        id="txt-front-matter-datetime-keeps-its-day",
    ),
    pytest.param(
        "front_matter_date_words.txt",
        "front_matter_date_words",
        "filename",
        date(2022, 9, 15),
        "metadata",
        id="txt-front-matter-date-in-words",
    ),
    pytest.param(
        "rule_lines_not_front_matter.txt",
        "Wildfire forces hundreds from their homes",
        "text",
        None,
        None,
        id="txt-rules-are-not-front-matter",
    ),
    pytest.param(
        "date_line_published.txt",
        "Regional trains to run every half hour from December",
        "text",
        date(2022, 9, 15),
        "text",
        id="published-label-with-time",
    ),
    pytest.param(
        "date_line_byline.txt",
        "Central bank raises rates for the fourth time this year",
        "text",
        date(2022, 9, 15),
        "text",
        id="byline-and-date",
    ),
    pytest.param(
        "date_line_published_and_updated.txt",
        "Drought declared in three provinces",
        "text",
        date(2022, 9, 14),
        "text",
        id="published-wins-over-updated",
    ),
    pytest.param(
        "date_line_numeric.txt",
        "City opens its first night bus route",
        "text",
        date(2022, 9, 15),
        "text",
        id="numeric-day-first-unambiguous",
    ),
    pytest.param(
        "date_in_body_only.txt",
        "Leaders sign trade agreement after two years of talks",
        "text",
        None,
        None,
        id="date-in-prose-is-not-publication-date",
    ),
    pytest.param(
        "title_breadcrumb.txt",
        "Storm batters coast as thousands lose power",
        "text",
        None,
        None,
        id="breadcrumb-prefix-stripped",
    ),
    pytest.param(
        "title_none.txt", "title_none", "filename", None, None, id="body-first-title-from-filename"
    ),
    pytest.param(
        "html_article.html",
        "Harbour bridge reopens after two years of repairs",
        "metadata",
        date(2021, 6, 14),
        "metadata",
        id="html-published-time",
    ),
    pytest.param(
        "html_windows1252.html",
        "Café owners protest rent rules",
        "metadata",
        None,
        None,
        id="html-declared-charset-no-date-guessing",
    ),
    pytest.param(
        "html_future_date.html",
        "Time capsule to be opened",
        "metadata",
        date(2999, 1, 1),
        "metadata",
        id="html-future-date-not-capped-at-today",
    ),
]


@pytest.mark.parametrize(
    ("name", "title", "title_from", "published", "published_from"), SAMPLE_CASES
)
def test_sample(name, title, title_from, published, published_from):
    document = one(INGEST / name)
    assert document.id == Path(name).stem
    assert document.path == f"{INGEST.as_posix()}/{name}"
    assert (document.title, document.title_from) == (title, title_from)
    assert (document.published, document.published_from) == (published, published_from)


def test_front_matter_metadata_and_markdown_rendered_to_prose():
    document = one(INGEST / "front_matter.md")
    assert document.format == "md"
    assert document.source == "The Coastal Herald"
    assert document.url == "https://herald.example.org/news/2021/harbour-bridge-reopens"
    assert document.published_text == "2021-06-14"
    assert document.text.startswith("Harbour bridge reopens\n\nThe Harbour Bridge reopened on")
    assert "two years after it was closed when cracks" in document.text  # link text, soft break
    assert "Cost: €48 million\nFirst car across: 6 a.m." in document.text
    for syntax in ("**", "](", "# ", "<script", "alert", "title:", "---"):
        assert syntax not in document.text


def test_markdown_without_front_matter_is_plain_text():
    document = one(INGEST / "markdown_syntax.md")
    assert document.text == (
        "Election results announced\n\nUpdated with final figures.\n\n"
        "The electoral commission announced the results on Sunday after a count that took "
        "three days. Turnout was 71%, the highest since 1998.\n\n"
        '"This is a clear mandate," the winner said.\n\n'
        "The governing party won 84 seats.\nThe opposition won 61 seats."
    )


def test_date_line_spans_point_at_the_line():
    document = one(INGEST / "date_line_published.txt")
    assert span_texts(document) == ["Skip to content", "Menu", "Published: Sep 15, 2022 10:15 AM"]
    assert document.published_text == "Published: Sep 15, 2022 10:15 AM"


def test_ambiguous_numeric_date_line_is_reported_not_guessed():
    documents, problems = read(INGEST / "date_line_ambiguous.txt")
    assert [d.published for d in documents] == [None]
    assert [str(p) for p in problems] == [
        f"{INGEST.as_posix()}/date_line_ambiguous.txt: date line '03/04/2022': '03/04/2022' is "
        "ambiguous (day/month or month/day); give the date as YYYY-MM-DD in front matter "
        '(date: 2022-09-15) or a JSONL "date" field'
    ]
    assert problems[0].skipped is False


def test_html_main_text_without_page_chrome():
    document = one(INGEST / "html_article.html")
    assert document.format == "html"
    assert (document.source, document.published_text) == ("The Coastal Herald", "2021-06-14")
    assert document.url == "https://herald.example.org/news/2021/harbour-bridge-reopens"
    assert "The Harbour Bridge reopened to traffic on Monday morning" in document.text
    assert "stop running on 30 June" in document.text
    assert "\n\n“It is a relief" in document.text  # paragraphs separated by blank lines
    for chrome in (
        "Subscribe",
        "Privacy policy",
        "dataLayer",
        "noopener",
        "Most read",
        "All rights reserved",
        "display: flex",
    ):
        assert chrome not in document.text


def test_html_declared_windows_1252_decodes_without_warning():
    document = one(INGEST / "html_windows1252.html")
    assert "twelve cafés" in document.text
    assert "“We cannot pay more and keep our prices,” said Renée Dubois" in document.text


def test_html_without_text_is_skipped():
    documents, problems = read(INGEST / "html_no_text.html")
    assert documents == []
    assert [(p.message, p.skipped) for p in problems] == [("has no readable text", True)]


def test_jsonl_fields_ids_and_newlines():
    documents, problems = read(INGEST / "jsonl_lines.jsonl")
    assert problems == []
    assert [(d.id, d.title, d.title_from) for d in documents] == [
        ("17", "Numbers as ids", "metadata"),
        ("jsonl_lines-2", "No id given", "metadata"),
        ("jsonl_lines-3", "Dam repairs finished ahead of schedule", "text"),
    ]
    first = documents[0]
    assert (first.published, first.published_from, first.source, first.url) == (
        date(2022, 9, 15),
        "metadata",
        "Wire",
        "https://wire.example.org/17",
    )
    assert documents[1].text == "Second article.\nIts text has Windows line ends."
    assert {d.path for d in documents} == {f"{INGEST.as_posix()}/jsonl_lines.jsonl"}
    assert {d.format for d in documents} == {"jsonl"}


# --- the bad corpus -------------------------------------------------------------------------

BAD_CASES = [
    # file, message, skipped
    pytest.param("empty.txt", "is empty", True, id="empty"),
    pytest.param("whitespace_only.txt", "contains only whitespace", True, id="whitespace"),
    pytest.param("pdf_saved_as.txt", "looks like a PDF file, not text", True, id="pdf-bytes"),
    pytest.param("png_saved_as.md", "looks like a PNG image, not text", True, id="png-bytes"),
    pytest.param("unsupported_format.pdf", "not an article format (.pdf)", True, id="pdf-name"),
    pytest.param(
        "latin1_encoding.txt",
        "is not valid UTF-8; read it as windows-1252 (detected) and converted it to Unicode",
        False,
        id="latin-1",
    ),
    pytest.param(
        "malformed_front_matter.md",
        "front matter is not valid YAML (mapping values are not allowed here at line 2, "
        "column 20); the title, date and other fields of the front matter were left out",
        False,
        id="malformed-yaml",
    ),
    pytest.param(
        "front_matter_not_mapping.md",
        "front matter is a list (['title', {'date': '2023-04-03'}]), not a mapping; "
        "the title, date and other fields of the front matter were left out",
        False,
        id="yaml-not-mapping",
    ),
    pytest.param(
        "unclosed_front_matter.md",
        "front matter opened with --- but never closed",
        False,
        id="unclosed-front-matter",
    ),
    pytest.param(
        "impossible_date.md",
        "front matter date: is '2022-02-30', which is not a real "
        "day (day is out of range for month)",
        False,
        id="impossible-date",
    ),
    pytest.param(
        "same_stem.txt",
        "id 'same_stem' is already used by "
        f"{BAD.as_posix()}/same_stem.md: this document is 'same_stem-2'",
        False,
        id="duplicate-stem",
    ),
    pytest.param(
        "duplicate_ids.jsonl",
        "id 'storm-report' is already used by "
        f"{BAD.as_posix()}/duplicate_ids.jsonl: this document is 'storm-report-2'",
        False,
        id="duplicate-jsonl-id",
    ),
]


@pytest.fixture(scope="module")
def bad_corpus() -> tuple[list[Document], list[Problem]]:
    return read(BAD)


@pytest.mark.parametrize(("name", "message", "skipped"), BAD_CASES)
def test_bad_input_is_reported(bad_corpus, name, message, skipped):
    problems = [p for p in bad_corpus[1] if p.path == f"{BAD.as_posix()}/{name}"]
    assert [(p.message, p.skipped) for p in problems] == [(message, skipped)]
    assert problems[0].fix  # every problem says what to do


def test_unclosed_front_matter_is_named_and_the_article_still_read(bad_corpus):
    documents, problems = bad_corpus
    name = f"{BAD.as_posix()}/unclosed_front_matter.md"
    assert [str(p) for p in problems if p.path == name] == [
        f"{name}: front matter opened with --- but never closed; add a line --- after it"
    ]
    document = next(d for d in documents if d.path == name)
    assert (document.published_from, document.title_from) == (None, "text")
    assert "retired on Saturday, 1 July 2023" in document.text


def test_bad_jsonl_lines_name_file_and_line(bad_corpus):
    documents, problems = bad_corpus
    name = f"{BAD.as_posix()}/bad_lines.jsonl"
    assert [(p.message, p.skipped) for p in problems if p.path == name] == [
        (
            "line 2: is not valid JSON (Unterminated string starting at column 50)",
            True,
        ),
        ("line 3: is a JSON list, not an object", True),
        ('line 4: has no "text"', True),
        ("line 6: date: is '2023-13-45', which is not a real day (month must be in 1..12)", False),
    ]
    assert [d.id for d in documents if d.path == name] == ["rail-1", "rail-6"]


def test_bad_corpus_good_documents_are_read(bad_corpus):
    documents = {d.id: d for d in bad_corpus[0]}
    assert sorted(documents) == [
        "front_matter_not_mapping",
        "future_date",
        "good_article",
        "good_front_matter",
        "impossible_date",
        "latin1_encoding",
        "malformed_front_matter",
        "rail-1",
        "rail-6",
        "same_stem",
        "same_stem-2",
        "storm-report",
        "storm-report-2",
        "unclosed_front_matter",
    ]
    good = documents["good_article"]
    assert (good.title, good.published, good.published_text) == (
        "Bridge over the Vale river opens to traffic",
        date(2023, 6, 12),
        "Published: 12 June 2023",
    )
    assert span_texts(good) == ["By Maria Santos", "Published: 12 June 2023"]
    assert "opened to traffic on Monday, 12 June 2023" in good.text
    front = documents["good_front_matter"]
    assert (front.title_from, front.published, front.source) == (
        "metadata",
        date(2023, 5, 20),
        "The Valley Gazette",
    )
    # Parsed faithfully: flagging a date in the future is the build's job, not ingest's.
    assert documents["future_date"].published == date(2999, 1, 1)
    # A date that cannot be read leaves the document undated, never dated by guesswork.
    assert documents["impossible_date"].published is None
    assert documents["malformed_front_matter"].title == (
        "Ferry strike cancels every crossing to the islands"
    )
    assert documents["malformed_front_matter"].text.startswith("Ferry strike cancels")
    latin = documents["latin1_encoding"]
    assert "twelve cafés" in latin.text
    assert "“We cannot pay more and keep our prices,” said Renée Dubois" in latin.text


# --- front matter ---------------------------------------------------------------------------

FRONT_MATTER_CASES = [
    # text, title, published, body, problem message (or None)
    pytest.param(
        "---\ntitle: A\ndate: 2022-09-15\n---\nBody",
        "A",
        date(2022, 9, 15),
        "\nBody",
        None,
        id="plain",
    ),
    pytest.param(
        "---\ndate: '2022-09-15'\n---\nBody",
        None,
        date(2022, 9, 15),
        "\nBody",
        None,
        id="quoted-date",
    ),
    pytest.param(
        "---\ndate: 2022-09-15 10:00:00\n---\nB",
        None,
        date(2022, 9, 15),
        "\nB",
        None,
        id="space-datetime",
    ),
    pytest.param(
        "---\ndate: Sept. 15, 2022\n---\nB", None, date(2022, 9, 15), "\nB", None, id="month-name"
    ),
    pytest.param(
        "---\ndate: 2022-31-12\n---\nB",
        None,
        None,
        "\nB",
        "front matter date: is '2022-31-12', which is not a real day (month must be in 1..12)",
        id="month-out-of-range",
    ),
    pytest.param(
        "---\ndate: yesterday\n---\nB",
        None,
        None,
        "\nB",
        "front matter date: is 'yesterday': expected YYYY-MM-DD",
        id="relative-word",
    ),
    pytest.param(
        "---\ndate: 2022\n---\nB",
        None,
        None,
        "\nB",
        "front matter date: is '2022': expected YYYY-MM-DD",
        id="year-only",
    ),
    pytest.param(
        "---\ntitle: [a, b]\n---\nB",
        None,
        None,
        "\nB",
        "front matter title: is ['a', 'b']",
        id="title-list",
    ),
    pytest.param(
        "---\ntitle: A\nsource: 12\n...\nB", "A", None, "\nB", None, id="dots-close-the-block"
    ),
    pytest.param("---\n---\nBody", None, None, "\nBody", None, id="empty-block"),
    pytest.param(
        "---\ntitle: A\nno closing fence",
        None,
        None,
        "---\ntitle: A\nno closing fence",
        "front matter opened with --- but never closed",
        id="unclosed-is-text-and-reported",
    ),
    pytest.param(
        "---\nA rule above the story\nno closing fence",
        None,
        None,
        "---\nA rule above the story\nno closing fence",
        None,
        id="unclosed-rule-without-keys-is-text-silently",
    ),
    pytest.param(
        "---\nlayout: post\n---\nB",
        None,
        None,
        "---\nlayout: post\n---\nB",
        None,
        id="no-known-key-is-text",
    ),
    pytest.param(
        "Body\n---\ntitle: A\n---\n",
        None,
        None,
        "Body\n---\ntitle: A\n---\n",
        None,
        id="not-at-top",
    ),
]


@pytest.mark.parametrize(("text", "title", "published", "body", "message"), FRONT_MATTER_CASES)
def test_front_matter(text, title, published, body, message):
    meta, rest, problems = split_front_matter(text)
    assert (meta.title, meta.published, rest) == (title, published, body)
    assert [m for m, _ in problems] == ([message] if message else [])


def test_front_matter_date_problem_suggests_the_form():
    _, _, problems = split_front_matter("---\ndate: 2022-02-30\n---\nB")
    assert problems == [
        (
            "front matter date: is '2022-02-30', which is not a real day "
            "(day is out of range for month)",
            "write the publication date as YYYY-MM-DD, e.g. date: 2022-09-15",
        )
    ]


# --- date lines, chrome and titles ----------------------------------------------------------

DATE_TEXT_CASES = [
    pytest.param("October 3, 2022", date(2022, 10, 3), id="month-day-year"),
    pytest.param("15 Sep 2022", date(2022, 9, 15), id="day-month-year"),
    pytest.param("Thursday, 15 September 2022", date(2022, 9, 15), id="weekday"),
    pytest.param("Sept. 15th, 2022", date(2022, 9, 15), id="ordinal"),
    pytest.param("2022-09-15T10:15:00Z", date(2022, 9, 15), id="iso-timestamp"),
    pytest.param("2022/09/15", date(2022, 9, 15), id="year-first-slashes"),
    pytest.param("09/15/2022", date(2022, 9, 15), id="month-first-unambiguous"),
    pytest.param("15.09.2022", date(2022, 9, 15), id="dotted"),
    pytest.param("03/04/2022", None, id="ambiguous"),
    pytest.param("February 30, 2022", None, id="impossible"),
    pytest.param("September 2022", None, id="no-day"),
    pytest.param("yesterday", None, id="relative"),
    pytest.param("Thursday", None, id="weekday-only"),
]


@pytest.mark.parametrize(("text", "expected"), DATE_TEXT_CASES)
def test_parse_date_text(text, expected):
    assert parse_date_text(text) == expected


DATE_LINE_CASES = [
    pytest.param("Updated: 15 Sep 2022, 06:26 PM IST", date(2022, 9, 15), id="updated-ist"),
    pytest.param(
        "Last updated on September 15, 2022 at 10:15 a.m. ET",
        date(2022, 9, 15),
        id="last-updated-am-et",
    ),
    pytest.param(
        "First published Thu 15 Sep 2022 06.26 BST",
        date(2022, 9, 15),
        id="first-published-dotted-time",
    ),
    pytest.param("Posted: 2022-09-15 10:15", date(2022, 9, 15), id="posted-iso"),
    pytest.param("Sep 15, 2022 10:15 AM", date(2022, 9, 15), id="bare-with-time"),
    pytest.param("By Jane Doe, Reuters • Sep 15, 2022", date(2022, 9, 15), id="byline-dot"),
    pytest.param("Reuters | 15 September 2022", date(2022, 9, 15), id="agency-pipe"),
    pytest.param(
        "Page last updated at 05:27 GMT, Tuesday, 27 September 2011 06:27 UK",
        date(2011, 9, 27),
        id="bbc-page-last-updated",
    ),
    pytest.param(
        "29 September 2011 Last updated at 17:57 GMT Help", date(2011, 9, 29), id="bbc-stamp"
    ),
]


@pytest.mark.parametrize(("line", "expected"), DATE_LINE_CASES)
def test_date_line_anywhere_near_the_top(line, expected):
    text = f"Storm closes the port for a week\n{line}\n\nThe port closed on Monday."
    page = scan_page(text)
    assert (page.published, page.published_text) == (expected, line)
    assert [text[a:b] for a, b in page.boilerplate] == [line]


NOT_DATE_LINE_CASES = [
    pytest.param("The summit was held on September 15, 2022, in Samarkand.", id="sentence"),
    pytest.param("Xi meets Putin | September 15, 2022 talks", id="headline-beside-date"),
    pytest.param("Sep 15, 2022 was a Thursday and the talks began", id="date-in-clause"),
]


@pytest.mark.parametrize("line", NOT_DATE_LINE_CASES)
def test_not_a_date_line(line):
    page = scan_page(f"Storm closes the port\n{line}\n\nThe port closed on Monday.")
    assert (page.published, page.boilerplate) == (None, ())


def test_date_line_run_into_the_byline_and_article():
    first = "January 25, 2011 | By Amir Ahmed, CNN Demonstrators clash with police in Cairo."
    text = f"{first}\nThe protests began on Tuesday."
    page = scan_page(text)
    assert (page.published, page.published_text) == (date(2011, 1, 25), "January 25, 2011")
    assert text[slice(*page.boilerplate[0])] == "January 25, 2011"
    # without a byline after the bar, a date opening a line is the article's own words
    assert scan_page("January 25, 2011 | Protesters clash with police\n").published is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Updated: 15 Sep 2022", True),
        ("Page last updated at 06:56 GMT, Tuesday, 8 November 2011", True),
        ("8 November 2011 Last updated at 06:28", True),
        ("October 3, 2022", False),
    ],
)
def test_labelled_date_lines_are_the_pages_own_record(line, expected):
    assert labelled(line) is expected


def test_unlabelled_date_deep_in_text_is_not_the_publication_date():
    lines = [f"Paragraph {i} tells what happened on day {i} of the talks." for i in range(20)]
    text = "Talks end without a deal\n\n" + "\n\n".join(lines) + "\n\nSeptember 14, 2022\n"
    assert scan_page(text).published is None


def test_labelled_date_deep_in_text_is_found():
    lines = [f"Paragraph {i} tells what happened on day {i} of the talks." for i in range(20)]
    text = "Talks end\n\n" + "\n\n".join(lines) + "\n\nLast updated: 16 Sep 2022\nShare"
    page = scan_page(text)
    assert (page.published, page.published_text) == (date(2022, 9, 16), "Last updated: 16 Sep 2022")
    assert [text[a:b] for a, b in page.boilerplate] == ["Last updated: 16 Sep 2022", "Share"]


TITLE_CASES = [
    pytest.param(
        "Skip to content\nMenu\nSearch\nPort strike ends after nine days\n\nBody.",
        "Port strike ends after nine days",
        id="after-chrome",
    ),
    pytest.param(
        "News › Business › Port strike ends after nine days\n\nBody.",
        "Port strike ends after nine days",
        id="breadcrumb-arrows",
    ),
    pytest.param(
        "Home / Business / Port strike ends\n\nBody.", "Port strike ends", id="breadcrumb-slashes"
    ),
    pytest.param(
        "Subscribe to our newsletter\nPort strike ends after nine days\n",
        "Port strike ends after nine days",
        id="after-subscription-banner",
    ),
    pytest.param(
        "Business\nPort strike ends after nine days\n",
        "Port strike ends after nine days",
        id="after-section-label",
    ),
    pytest.param(
        "What does the port strike mean for prices?\n\nBody.",
        "What does the port strike mean for prices?",
        id="question-headline",
    ),
    pytest.param(
        "By Jane Doe\nPort strike ends after nine days\n",
        "Port strike ends after nine days",
        id="after-byline",
    ),
    pytest.param(
        "The port strike ended on Friday after nine days, the union said in a "
        "statement.\n\nPort workers return\n",
        None,
        id="body-first-no-title",
    ),
    pytest.param("Advertisement\n\n", None, id="only-chrome"),
]


@pytest.mark.parametrize(("text", "title"), TITLE_CASES)
def test_title_from_text(text, title):
    assert scan_page(text).title == title


# --- page furniture inside the article's lines ------------------------------------------------

FURNITURE_CASES = [
    # text, the spans that are boilerplate
    pytest.param(
        "Wall approved\n\nThe council voted on Monday.\n\nThis article appeared on p12 of the "
        "News section of the Coastal Example on Wednesday 5 March 2025.",
        [
            "This article appeared on p12 of the News section of the Coastal Example on Wednesday "
            "5 March 2025."
        ],
        id="print-footer-line",
    ),
    pytest.param(
        "Wall approved\n\nThe council voted on Monday.\nWall approved after debate A version "
        "appeared on p7 of the Main section on 00.38 GMT on Saturday 1 March 2025",
        ["A version appeared on p7 of the Main section on 00.38 GMT on Saturday 1 March 2025"],
        id="print-footer-after-headline-runs-to-line-end",
    ),
    pytest.param(
        "Wall approved\n\nThe council voted on Monday.\nVersion appears on p7 on 00.38 GMT",
        ["Version appears on p7 on 00.38 GMT"],
        id="version-appears-footer",
    ),
    pytest.param(
        "Wall approved\n\nThe council voted on Monday.\nThis article was amended on Friday "
        "7 March 2025. The vote was 31 to 9, not 30 to 10.",
        ["This article was amended on Friday 7 March 2025. The vote was 31 to 9, not 30 to 10."],
        id="amended-note",
    ),
    pytest.param(
        "Wall approved\n\nPhotograph: Jane Doe/AP Ministers met in the capital on Monday.",
        ["Photograph: Jane Doe/AP"],
        id="photo-credit-before-news",
    ),
    pytest.param(
        "Wall approved\n\nPhotograph: Sam Lee\\/AFP\\/Getty Images Rescue teams reached the "
        "village on Sunday.",
        ["Photograph: Sam Lee\\/AFP\\/Getty Images"],
        id="photo-credit-escaped-slashes-and-agencies",
    ),
    pytest.param(
        "Wall approved\n\nPhotograph: PA Two men were arrested on Sunday.",
        ["Photograph: PA"],
        id="photo-credit-agency-only-keeps-next-word",
    ),
    pytest.param(
        "Wall approved\n\nThe harbour at dawn. Photograph: Sam Lee The wall was finished on "
        "Friday.",
        ["Photograph: Sam Lee"],
        id="photo-credit-photographer-after-caption",
    ),
    pytest.param(
        "Wall approved Councillors back the plan Tuesday 4 March 2025 18.17 GMT The council "
        "approved the new harbour wall on Monday after a long debate.",
        ["Tuesday 4 March 2025 18.17 GMT"],
        id="publication-stamp-inside-a-line",
    ),
    pytest.param(
        "Harbour live\n\n12.15pm GMT: The council has approved the plan.\n\n11.40am: Debate "
        "resumes.\n\n11.05",
        ["12.15pm GMT:", "11.40am:", "11.05"],
        id="live-blog-stamps",
    ),
    pytest.param(
        "Wall approved\n\nThe council voted on Monday.\n\nWhat a waste of money Posted by "
        "harbourwatcher 5 March 2025 I agree with the council",
        ["What a waste of money Posted by harbourwatcher 5 March 2025 I agree with the council"],
        id="reader-comment-line",
    ),
    pytest.param(
        "Wall approved\n\nThe council voted on Monday.\n\nRelated links\nHarbour wall plans "
        "unveiled\nStorm damage: what the council knew?\nThe wall will be finished in 2027.",
        ["Related links", "Harbour wall plans unveiled", "Storm damage: what the council knew?"],
        id="related-links-block-ends-at-a-sentence",
    ),
    pytest.param(
        "Related links\nHarbour wall approved after debate\n\nThe council voted on Monday.",
        ["Related links"],
        id="related-heading-at-top-does-not-swallow-the-headline",
    ),
    # News that looks like furniture and is not.
    pytest.param(
        "Wall approved\n\nThe vote was held on Tuesday 4 March 2025 at 18.17 GMT.",
        [],
        id="news-stamp-with-at",
    ),
    pytest.param(
        "Wall approved\n\nThe video was posted by a resident on 2 March 2025 and shared widely.",
        [],
        id="news-posted-by-in-a-sentence",
    ),
    pytest.param(
        "Wall approved\n\nThe photograph: a man on the harbour wall, taken on Monday.\n"
        "A version of the plan appeared on the council's website on Monday.",
        [],
        id="news-photograph-and-version",
    ),
    pytest.param(
        "Wall approved\n\n2009: the year the harbour flooded.\n10.30 was when the vote began.",
        [],
        id="news-line-opening-with-numbers",
    ),
]


@pytest.mark.parametrize(("text", "spans"), FURNITURE_CASES)
def test_page_furniture_is_boilerplate(text, spans):
    page = scan_page(text)
    assert [text[a:b] for a, b in page.boilerplate] == spans


FURNITURE = [
    "Tuesday 4 March 2025 18.17 GMT",
    "Photograph: Sam Lee/Harbour Pictures",
    "Related links",
    "What a waste of money Posted by harbourwatcher 5 March 2025",
    "This article appeared on p12 of the News section of the Coastal Example on Wednesday "
    "5 March 2025.",
]
LINKS = ["Harbour wall plans unveiled", "Storm damage: what the council knew"]


@pytest.mark.parametrize("suffix", ["txt", "md", "html", "jsonl"])
def test_furniture_is_boilerplate_in_every_format(suffix):
    document = one(INGEST / f"furniture.{suffix}")
    spans = span_texts(document)
    assert [s for s in spans if s not in LINKS] == FURNITURE
    # Link lists survive in text and Markdown; trafilatura drops them from web pages.
    assert [s for s in spans if s in LINKS] == ([] if suffix == "html" else LINKS)
    assert document.title == "Harbour wall approved after all-night debate"
    # The stamp is put on a line of its own so the sentence after it is quoted from "The".
    assert "by 31 votes to 9\nTuesday 4 March 2025 18.17 GMT\nThe council approved" in (
        document.text
    )
    for news in ("The council approved", "Work on the wall", "400 homes", "on Tuesday"):
        assert not any(news in s for s in spans)


def test_separating_furniture_keeps_the_text_length():
    raw = (INGEST / "furniture.txt").read_text(encoding="utf-8").strip()
    document = one(INGEST / "furniture.txt")
    assert len(document.text) == len(raw)
    assert document.text.replace("\n", " ") == raw.replace("\n", " ")


UNTITLED_CASES = [
    # JSON Lines id, title
    pytest.param(
        "wire/2025-03-04/1", "Harbour wall approved after all-night debate", id="headline-line"
    ),
    pytest.param(
        "wire/2025-03-04/2",
        "The council approved the new harbour wall on Monday after a debate that lasted…",
        id="long-first-sentence-shortened",
    ),
    pytest.param("wire/2025-03-04/3", "Work starts in May", id="short-first-sentence"),
    pytest.param(
        "wire/2025-03-04/4",
        "The council approved the new harbour wall on Monday after a long debate that…",
        id="after-a-stamp",
    ),
    pytest.param(
        "wire/2025-03-04/5",
        "The council approved the new harbour wall on Monday after a long debate that…",
        id="after-a-photo-credit",
    ),
]


@pytest.mark.parametrize(("doc_id", "title"), UNTITLED_CASES)
def test_jsonl_without_title_is_named_from_its_text(doc_id, title):
    documents = {d.id: d for d in read(INGEST / "untitled.jsonl")[0]}
    assert (documents[doc_id].title, documents[doc_id].title_from) == (title, "text")


JSON_ERROR_CASES = [
    # line, message
    pytest.param('{"text": "unfinished', "Unterminated string starting at column 10", id="string"),
    pytest.param('{"text": }', "Expecting value at column 10", id="value"),
    pytest.param('{"text": "a"} {"text": "b"}', "Extra data at column 15", id="extra-data"),
]


@pytest.mark.parametrize(("line", "message"), JSON_ERROR_CASES)
def test_broken_json_line_gives_the_column_only(tmp_path, line, message):
    path = write(tmp_path / "wire.jsonl", '{"text": "Good."}\n' + line + "\n")
    documents, problems = read(path)
    assert [d.text for d in documents] == ["Good."]
    assert [p.message for p in problems] == [f"line 2: is not valid JSON ({message})"]


def test_html_without_text_logs_nothing_from_libraries(tmp_path, caplog):
    path = write(tmp_path / "blank.html", "<html><body></body></html>\n")
    library = logging.getLogger("trafilatura")
    level = library.level
    with caplog.at_level(logging.WARNING):
        documents, problems = read(path)
    assert documents == []
    assert [str(p) for p in problems] == [
        f"{path.as_posix()}: has no readable text; save the article page again"
    ]
    assert [r.getMessage() for r in caplog.records] == []
    assert library.level == level  # the library's logger is left as it was


YAML_FIX_CASES = [
    # front matter block, message detail, fix
    pytest.param(
        "title: Storm: the aftermath",
        "mapping values are not allowed here at line 2, column 13",
        'put quotes around a value that contains ": ", e.g. title: "Storm: the aftermath"',
        id="colon-in-value",
    ),
    pytest.param(
        "title: A\n\tdate: 2022-09-15",
        "found character '\\t' that cannot start any token at line 3, column 1",
        "indent with spaces, not tabs",
        id="tab",
    ),
    pytest.param(
        'title: "Storm hits\ndate: 2022-09-15',
        "found unexpected end of stream at line 4, column 1",
        "close the quotes around the value, or remove them",
        id="unclosed-quote",
    ),
    pytest.param(
        "title: [Storm",
        "expected ',' or ']', but got '<stream end>' at line 3, column 1",
        "write one `key: value` per line, e.g. title: Storm hits the coast",
        id="other",
    ),
]


@pytest.mark.parametrize(("block", "detail", "fix"), YAML_FIX_CASES)
def test_yaml_error_names_what_was_left_out_and_the_fix(block, detail, fix):
    meta, rest, problems = split_front_matter(f"---\n{block}\n---\nBody")
    assert (meta.title, rest) == (None, "\nBody")
    assert problems == [
        (
            f"front matter is not valid YAML ({detail}); the title, date and other fields of "
            "the front matter were left out",
            fix,
        )
    ]


# --- ids, paths, order, folders -----------------------------------------------------------


def write(path: Path, text: str = "Port strike ends after nine days\n\nBody text.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_ids_paths_and_sorting_by_path_string(tmp_path):
    for name in ("b.txt", "a/b.txt", "a-c.md", "B.txt"):
        write(tmp_path / "in" / name)
    write(
        tmp_path / "in/a/z/deep.html",
        "<html><body><p>Port strike ends after nine days "
        "of talks between the union and the port.</p></body></html>",
    )
    write(tmp_path / "in/a/y.jsonl", '{"text": "One."}\n{"id": "x", "text": "Two."}\n')
    root = tmp_path / "in"
    documents, problems = read(root)
    assert problems == []
    assert [(d.id, d.path) for d in documents] == [
        ("B", f"{root.as_posix()}/B.txt"),
        ("a-c", f"{root.as_posix()}/a-c.md"),
        ("a/b", f"{root.as_posix()}/a/b.txt"),
        ("a/y-1", f"{root.as_posix()}/a/y.jsonl"),
        ("x", f"{root.as_posix()}/a/y.jsonl"),
        ("a/z/deep", f"{root.as_posix()}/a/z/deep.html"),
        ("b", f"{root.as_posix()}/b.txt"),
    ]


def test_single_file_id_is_its_stem_and_inputs_keep_their_order(tmp_path):
    second = write(tmp_path / "sub/second.txt")
    first = write(tmp_path / "first.md")
    documents, _ = read(second, first)
    assert [(d.id, d.path) for d in documents] == [
        ("second", second.as_posix()),
        ("first", first.as_posix()),
    ]


def test_relative_input_keeps_the_name_the_user_gave(tmp_path, monkeypatch):
    write(tmp_path / "articles/one.txt")
    monkeypatch.chdir(tmp_path)
    documents, _ = read(Path("articles"))
    assert [d.path for d in documents] == ["articles/one.txt"]


def test_duplicate_ids_across_inputs_get_numbered(tmp_path):
    write(tmp_path / "a/story.txt")
    write(tmp_path / "b/story.md")
    write(tmp_path / "c/story.txt")
    results = list(read_inputs([tmp_path / "a", tmp_path / "b", tmp_path / "c"]))
    ids = [r.id for r in results if isinstance(r, Document)]
    assert ids == ["story", "story-2", "story-3"]
    messages = [r.message for r in results if isinstance(r, Problem)]
    assert messages == [
        f"id 'story' is already used by {(tmp_path / 'a/story.txt').as_posix()}: "
        "this document is 'story-2'",
        f"id 'story' is already used by {(tmp_path / 'a/story.txt').as_posix()}: "
        "this document is 'story-3'",
    ]


def test_hidden_and_system_files_are_left_out_silently(tmp_path):
    write(tmp_path / ".hidden.txt")
    write(tmp_path / ".git/notes.txt")
    write(tmp_path / "Thumbs.db", "x")
    write(tmp_path / "kept.txt")
    documents, problems = read(tmp_path)
    assert ([d.id for d in documents], problems) == (["kept"], [])


def test_unknown_formats_are_named(tmp_path):
    write(tmp_path / "notes.docx", "x")
    write(tmp_path / "README", "x")
    write(tmp_path / "data.json", "{}")
    documents, problems = read(tmp_path)
    assert documents == []
    assert [(Path(p.path).name, p.message, p.fix) for p in problems] == [
        (
            "README",
            "not an article format (no extension)",
            "convert it to .txt, .md, .html or .jsonl",
        ),
        (
            "data.json",
            "not an article format (.json)",
            'write one JSON object per line with a "text" field and name it .jsonl',
        ),
        (
            "notes.docx",
            "not an article format (.docx)",
            "save it as plain text (.txt) or Markdown (.md) from your word processor",
        ),
        (
            tmp_path.name,
            f"no articles found in {tmp_path.as_posix()}",
            "add .txt, .md, .html or .jsonl files",
        ),
    ]
    assert [p.skipped for p in problems] == [True, True, True, False]


def test_empty_folder_is_reported(tmp_path):
    documents, problems = read(tmp_path)
    assert documents == []
    assert [str(p) for p in problems] == [
        f"{tmp_path.as_posix()}: no articles found in {tmp_path.as_posix()}; "
        "add .txt, .md, .html or .jsonl files"
    ]


def test_nonexistent_input_is_the_tools_error(tmp_path):
    write(tmp_path / "real/one.txt")
    with pytest.raises(InputError) as raised:
        list(read_inputs([tmp_path / "real", tmp_path / "typo"]))
    assert str(raised.value) == (
        f"{(tmp_path / 'typo').as_posix()}: does not exist; check the input path on the "
        "command line or under `inputs` in timeline.toml"
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_loops_are_reported_and_not_followed(tmp_path):
    write(tmp_path / "in/sub/one.txt")
    (tmp_path / "in/sub/back").symlink_to(tmp_path / "in", target_is_directory=True)
    (tmp_path / "in/self.txt").symlink_to(tmp_path / "in/self.txt")
    (tmp_path / "in/gone.txt").symlink_to(tmp_path / "in/missing.txt")
    documents, problems = read(tmp_path / "in")
    assert [d.id for d in documents] == ["sub/one"]
    assert [(Path(p.path).name, p.message, p.skipped) for p in problems] == [
        ("gone.txt", "is a broken link", True),
        ("self.txt", "is a symbolic link loop", True),
        ("back", f"is a link to a folder that is already being read ({tmp_path / 'in'})", True),
    ]


def test_symlinked_folder_is_read_once(tmp_path):
    write(tmp_path / "shared/one.txt")
    (tmp_path / "in").mkdir()
    (tmp_path / "in/link").symlink_to(tmp_path / "shared", target_is_directory=True)
    documents, problems = read(tmp_path / "in", follow_links=True)  # it leaves "in"
    assert ([d.id for d in documents], problems) == (["link/one"], [])


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
def test_permission_denied_on_disk(tmp_path):
    path = write(tmp_path / "secret.txt")
    path.chmod(0)
    try:
        documents, problems = read(tmp_path)
    finally:
        path.chmod(0o644)
    assert documents == []
    assert [(p.message, p.skipped) for p in problems[:1]] == [
        ("cannot be read (Permission denied)", True)
    ]


def test_permission_denied_is_a_problem(tmp_path, monkeypatch):
    write(tmp_path / "secret.txt")
    write(tmp_path / "open.txt")
    real_open = open

    def guarded(file, *args, **kwargs):
        if str(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded)
    documents, problems = read(tmp_path)
    assert [d.id for d in documents] == ["open"]
    assert [str(p) for p in problems] == [
        f"{(tmp_path / 'secret.txt').as_posix()}: cannot be read (Permission denied); "
        "check that you are allowed to read it"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    documents, problems = read(tmp_path / "pipe.txt")
    assert [(p.message, p.skipped) for p in problems] == [("is not a regular file", True)]


def test_file_over_the_limit_is_skipped_unread(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: nothing is written, and nothing must be read
    write(tmp_path / "small.txt")
    documents, problems = read(tmp_path)
    assert [d.id for d in documents] == ["small"]
    assert [str(p) for p in problems] == [
        f"{big.as_posix()}: is 50,000,000 bytes, over the limit of 20,000,000 bytes; "
        "split it into smaller files, or raise `max_bytes` in timeline.toml"
    ]
    documents, problems = read(tmp_path / "small.txt", max_bytes=10)
    assert documents == [] and problems[0].message == "is 45 bytes, over the limit of 10 bytes"


# --- encodings ------------------------------------------------------------------------------

ENCODING_CASES = [
    # bytes, text, warning message (None: read silently)
    pytest.param(b"\xef\xbb\xbfCaf\xc3\xa9 opens", "Café opens", None, id="utf-8-bom"),
    pytest.param(
        "Café “opens”".encode("utf-16"),
        "Café “opens”",
        "is encoded as UTF-16; converted it to Unicode",
        id="utf-16-bom",
    ),
    pytest.param(
        "Port strike ends".encode("utf-16-le"),
        "Port strike ends",
        "is encoded as UTF-16-LE; converted it to Unicode",
        id="utf-16-no-bom",
    ),
    pytest.param(
        "naïve café – “quoted”".encode("cp1252"),
        "naïve café – “quoted”",
        "is not valid UTF-8; read it as windows-1252 (detected) and converted it to Unicode",
        id="windows-1252-short",
    ),
    pytest.param(
        ("Привет, мир! Это тест новостей. " * 4).encode("cp1251"),
        "Привет, мир! Это тест новостей. " * 4,
        "is not valid UTF-8; read it as cp1251 (detected) and converted it to Unicode",
        id="cyrillic-cp1251",
    ),
]


@pytest.mark.parametrize(("data", "text", "message"), ENCODING_CASES)
def test_decode(data, text, message):
    decoded, warning = decode(data)
    assert decoded == text
    assert (warning[0] if warning else None) == message


def test_undetectable_bytes_are_replaced_and_counted():
    text, warning = decode(b"Port " + bytes(range(0x80, 0x100)))
    assert text.startswith("Port ")
    count = text.count("\ufffd")
    assert count > 0
    assert warning == (
        f"is not valid UTF-8 and its encoding could not be detected; replaced {count} "
        "undecodable characters with �",
        "re-save it as UTF-8",
    )


def test_newlines_are_normalised_and_offsets_hold(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(
        b"Menu\r\nPort strike ends after nine days\r\nPublished: 15 Sep 2022\r"
        b"\rThe strike ended on Friday.\r\n"
    )
    document = one(path)
    assert "\r" not in document.text
    assert span_texts(document) == ["Menu", "Published: 15 Sep 2022"]
    assert document.title == "Port strike ends after nine days"


def test_reading_twice_gives_the_same_result():
    assert list(read_inputs([SEEDS, INGEST, BAD])) == list(read_inputs([SEEDS, INGEST, BAD]))


def test_cnn_egypt_corpus_is_read_whole_with_its_dates():
    # How fast it reads is measured by benchmarks/bench_build.py, not asserted here.
    path = require_corpus("t17", "egypt_cnn", "articles.jsonl")
    documents, problems = read(path)
    assert (len(documents), problems) == (271, [])
    assert all(d.published_from == "metadata" for d in documents)


def test_jsonl_size_limit_applies_to_each_article_not_the_file(tmp_path: Path) -> None:
    """A large collection in one JSON Lines file is read line by line; one huge line is not."""
    article = '{"id": "a%d", "text": "The council met on 3 March 2021 to vote."}\n'
    lines = [article % n for n in range(40)]
    lines[7] = '{"id": "huge", "text": "' + "x" * 500 + '"}\n'
    path = tmp_path / "collection.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    assert path.stat().st_size > 400
    items = list(read_inputs([path], max_bytes=400))
    documents = [i for i in items if isinstance(i, Document)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert len(documents) == 39
    assert [(p.message.split(",")[0], p.skipped) for p in problems] == [
        ("line 8: is 527 bytes", True)
    ]
    assert "over the limit of 400 bytes" in problems[0].message
