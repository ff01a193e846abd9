"""Ingest survives whatever users scraped: arbitrary bytes, text, front matter and JSON lines."""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.ingest import decode, read_inputs
from timeline.ingest.decode import scrub
from timeline.ingest.frontmatter import KNOWN_KEYS, split_front_matter
from timeline.ingest.pagetext import first_line_title, scan_page, separate_chrome
from timeline.records import Document, Problem

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".pdf", "")

# Pieces that real scraped pages are made of, so that examples reach the interesting code.
PIECES = st.sampled_from(
    [
        "---\n",
        "...\n",
        "title: ",
        "date: ",
        "source: ",
        "url: ",
        "2022-02-30",
        "2022-09-15",
        "October 3, 2022",
        "Updated: 15 Sep 2022, 06:26 PM IST",
        "03/04/2022",
        "By Jane Doe",
        "Home/ News / World/ ",
        "Skip to main content",
        "# ",
        "**",
        "<script>",
        "</p>",
        "<p>",
        "[",
        "]",
        "{",
        "}",
        ": ",
        "- ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\ufeff",
        "é",
        "“",
        "\x00",
        "Xi and Putin meet in Samarkand",
        "The talks began on Thursday.",
        "&amp;",
        "!!timestamp ",
        "Tuesday 4 March 2025 18.17 GMT",
        "Photograph: Sam Lee/AP ",
        "This article appeared on p7 ",
        "Posted by reader 2 May 2012",
        "Related links",
        "12.15pm GMT: ",
        # Half characters and what a terminal acts on: they must never crash or reach a page.
        "\ud83d",
        "\ude00",
        "\x1b[2J",
        "\x1b]0;title\x07",
        "\u202e",
        "\x0b",
        "\x0c",
        "\x85",
        "\u2028",
        "\x00",
    ]
)
# Every code point: surrogates and controls included (st.text leaves surrogates out).
ANY_CHARACTERS = st.text(st.characters(codec=None, exclude_categories=()), max_size=20)
PAGE_TEXT = st.lists(st.one_of(PIECES, ANY_CHARACTERS), max_size=30).map("".join)
CONTENT = st.one_of(
    st.binary(max_size=600),
    PAGE_TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")),
    PAGE_TEXT.map(lambda text: text.encode("cp1252", "replace")),
)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | PAGE_TEXT,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
JSON_LINE = st.one_of(
    st.fixed_dictionaries(
        {"text": st.one_of(PAGE_TEXT, JSON_VALUE)},
        optional={k: JSON_VALUE for k in ("id", "title", "date", "source", "url")},
    ).map(json.dumps),
    JSON_VALUE.map(json.dumps),
    PAGE_TEXT,
)


def writable(*values: str | None) -> None:
    """Each value can be written out as UTF-8: no lone surrogate survived ingest."""
    for value in values:
        if value is not None:
            value.encode("utf-8")


def check(results: list[Document | Problem], names: list[str]) -> None:
    """Every file gives a Document or a skipped Problem, and every record is well formed."""
    for result in results:
        assert isinstance(result, Document | Problem)
        if isinstance(result, Problem):
            assert result.message and result.fix
            writable(result.path, result.message, result.fix)
            continue
        writable(result.id, result.path, result.text, result.title, result.source, result.url)
        assert "\x00" not in result.text
        assert result.id and result.title and result.text.strip()
        assert result.format in ("txt", "md", "html", "jsonl")
        assert result.title_from in ("metadata", "text", "filename")
        assert result.published_from in ("metadata", "text", None)
        assert (result.published is None) == (result.published_from is None)
        for start, end in result.boilerplate:
            assert 0 <= start < end <= len(result.text)
    ids = [r.id for r in results if isinstance(r, Document)]
    assert len(ids) == len(set(ids))
    for name in names:
        assert any(r.path == name and (isinstance(r, Document) or r.skipped) for r in results), (
            f"{name} was lost silently"
        )


def read_files(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        names = []
        for name, data in files:
            (root / name).write_bytes(data)
            names.append((root / name).as_posix())
        # The folder exists, so even the tool's own errors would be a bug here: every file
        # must come back as a Document or a Problem, never as an exception.
        check(list(read_inputs([root], max_bytes=4000)), names)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(EXTENSIONS), CONTENT), min_size=1, max_size=4))
def test_any_files(files):
    read_files([(f"f{i}{ext}", data) for i, (ext, data) in enumerate(files)])


@FUZZ
@given(st.lists(JSON_LINE, min_size=1, max_size=6))
def test_any_jsonl(lines):
    read_files([("lines.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"))])


@FUZZ
@given(st.sampled_from([".txt", ".md"]), PAGE_TEXT, PAGE_TEXT)
def test_any_front_matter_file(ext, block, body):
    read_files([(f"a{ext}", f"---\n{block}\n---\n{body}".encode("utf-8", "surrogatepass"))])


@FUZZ
@given(st.dictionaries(st.sampled_from(["title", "source", "url", "date"]), PAGE_TEXT), PAGE_TEXT)
def test_any_escaped_front_matter_values(fields, body):
    # JSON strings are YAML double-quoted strings: "\ud83d" and "\u001b" arrive as escapes.
    block = "".join(f"{key}: {json.dumps(value)}\n" for key, value in fields.items())
    data = f"---\n{block}---\n{body}".encode("utf-8", "surrogatepass")
    read_files([("a.md", data)])


@FUZZ
@given(st.lists(st.tuples(PAGE_TEXT, PAGE_TEXT, PAGE_TEXT), min_size=1, max_size=4))
def test_any_unicode_in_jsonl_fields(records):
    lines = [json.dumps({"id": i, "title": t, "text": x}) for i, t, x in records]
    read_files([("lines.jsonl", "\n".join(lines).encode("utf-8"))])


@FUZZ
@given(PAGE_TEXT, PAGE_TEXT)
def test_front_matter_parser(block, body):
    text = f"---\n{block}\n---\n{body}"
    meta, rest, problems = split_front_matter(text)
    assert text.endswith(rest)
    assert all(message and fix for message, fix in problems)
    assert meta.title is None or meta.title.strip() == meta.title
    removed = text[: len(text) - len(rest)]
    if removed.strip("-\n") and not problems:
        # Taken away without a word: only a block made of the fields front matter has.
        lines = removed.split("\n")[1:-1]
        top = [line for line in lines if line.strip() and line[0] not in " \t#"]
        keys = {line.lstrip("- \t").split(":")[0].strip() for line in top}
        assert keys <= KNOWN_KEYS, keys - KNOWN_KEYS


@FUZZ
@given(PAGE_TEXT)
def test_page_scan(text):
    page = scan_page(text)
    assert page.boilerplate == tuple(sorted(set(page.boilerplate)))
    for start, end in page.boilerplate:
        assert text[start:end].strip() == text[start:end] != ""
        assert "\n" not in text[start:end]
    assert page.title is None or page.title in text
    assert page.published_text is None or page.published_text in text


@FUZZ
@given(st.binary(max_size=2000))
def test_decode_any_bytes(data):
    text, warning = decode(data)
    text.encode("utf-8")  # no lone surrogates: every later stage can write it out
    assert warning is None or all(warning)
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        exact = body.decode("utf-8")
    except UnicodeDecodeError:
        exact = None
    if exact is None:  # not UTF-8: converted, and the user is told so
        assert warning is not None
    elif warning is None:  # UTF-8 read as it is, never altered
        assert text == exact


@FUZZ
@given(st.text(max_size=300))
def test_decode_round_trips_utf8_text(text):
    data = text.encode("utf-8", "surrogatepass")
    decoded, warning = decode(data)
    if "\x00" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return  # NUL-spaced ASCII reads as UTF-16; surrogates are not UTF-8: both warn
    assert (decoded, warning) == (text.removeprefix("\ufeff"), None)


@FUZZ
@given(PAGE_TEXT)
def test_separating_furniture_only_turns_spaces_into_line_breaks(text):
    separated = separate_chrome(text)
    assert len(separated) == len(text)
    assert all(a == b or (a in " \t" and b == "\n") for a, b in zip(text, separated, strict=True))
    assert separate_chrome(separated) == separated


@FUZZ
@given(PAGE_TEXT)
def test_title_from_the_first_line_is_short_and_from_the_text(text):
    page = scan_page(text)
    title = first_line_title(text, page.boilerplate)
    assert title is None or (title.strip() == title != "" and len(title) <= 80)
    assert title is None or title.removesuffix("…") in text


@FUZZ
@given(PAGE_TEXT, st.sampled_from([None, "2022-09-15"]))
def test_any_text_through_the_tagger(text, dct):
    import timeline

    for expression in timeline.tag(text, dct=dct):
        assert 0 <= expression.start < expression.end <= len(text)
        assert expression.text == scrub(text)[0][expression.start : expression.end]
        assert expression.type in ("DATE", "TIME", "DURATION", "SET")
        assert expression.value


# --- folder trees with links --------------------------------------------------------------

SECRET = "SECRET outside the input folder"
NAMES = st.sampled_from(["a", "b", "c.txt", "d.md", ".hidden", "e.txt"])
KINDS = st.sampled_from(["file", "folder", "link-inside", "link-outside", "link-up", "broken"])
TREE = st.lists(st.tuples(st.lists(NAMES, min_size=1, max_size=3), KINDS), max_size=12)


def make_tree(root: Path, outside: Path, tree: list[tuple[list[str], str]]) -> None:
    """Lay out `tree` under `root`; entries whose parent is not a real folder are dropped."""
    for parts, kind in tree:
        path = root.joinpath(*parts)
        if os.path.lexists(path) or not path.parent.is_dir() or path.parent.is_symlink():
            continue
        if kind == "file":
            path.write_text(f"Article {'/'.join(parts)} was written on 3 March 2023.\n")
        elif kind == "folder":
            path.mkdir()
        elif kind == "link-inside":
            path.symlink_to(root)  # a loop back to the top, or a second way to the same files
        elif kind == "link-outside":
            path.symlink_to(outside)
        elif kind == "link-up":
            path.symlink_to(os.path.relpath(outside / "secret.txt", path.parent))
        else:
            path.symlink_to(root / "no-such-file")


@FUZZ
@given(TREE)
def test_any_folder_tree_with_links(tree):
    with tempfile.TemporaryDirectory() as folder:
        outside = Path(folder) / "outside"
        outside.mkdir()
        (outside / "secret.txt").write_text(SECRET)
        root = Path(folder) / "in"
        root.mkdir()
        make_tree(root, outside, tree)
        results = list(read_inputs([root]))
        check(results, [])
        documents = [r for r in results if isinstance(r, Document)]
        assert not any(SECRET in d.text for d in documents), "a link out was followed"
        for path in root.rglob("*"):
            relative = path.relative_to(root)
            if any(part.startswith(".") for part in relative.parts):
                continue
            hidden_links = [p for p in relative.parents if (root / p).is_symlink()]
            if path.is_file() and not path.is_symlink() and not hidden_links:
                name = path.as_posix()
                assert any(r.path == name for r in results), f"{name} was lost silently"
            if path.is_symlink() and not path.exists():
                assert any(r.path == path.as_posix() and r.skipped for r in results)
