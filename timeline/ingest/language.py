"""The language an article is written in, so that the English model never parses another.

py3langid (a naive Bayes classifier over byte n-grams, shipped with its model) is small,
offline and deterministic: the same text always gets the same answer. Texts too short to
judge, and answers the classifier is not sure of, count as unknown, never as foreign: leaving
an English article out of the timeline would be worse than reading a foreign one.
"""

from __future__ import annotations

import re
from functools import cache

# Enough letters for the classifier to be reliable; a headline alone is not.
MIN_LETTERS = 200
# The normalised probability the classifier must give a language before we act on it.
MIN_CONFIDENCE = 0.95
SAMPLE = 2000  # characters read from the start of the text: enough, and fast on long ones
_WORD = re.compile(r"[^\W\d_]+")
# Words frequent in any English prose and absent from the other languages written in Latin
# letters (not "in", "a", "is", "was", "of": Dutch, German and Italian have them too). Plain
# English (1 word in 7 to 4 of them) is told at once, without loading the classifier's model;
# anything else is left to the classifier. This shortcut never calls a text foreign.
ENGLISH_WORDS = frozenset(
    ("the", "and", "to", "that", "for", "with", "said", "have", "has", "from", "by", "they")
    + ("this", "were", "which", "would", "been", "their")
)
PLAINLY_ENGLISH = 0.05  # share of ENGLISH_WORDS among the words of the sample


@cache
def _identifier():  # noqa: ANN202 - the classifier's own type
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect(text: str) -> str | None:
    """The ISO 639-1 code of the language of `text`, or None when it cannot be told surely."""
    sample = text[:SAMPLE]
    words = _WORD.findall(sample.lower())
    if sum(map(len, words)) < MIN_LETTERS:
        return None
    if sum(word in ENGLISH_WORDS for word in words) >= PLAINLY_ENGLISH * len(words):
        return "en"
    language, confidence = _identifier().classify(sample)
    return str(language) if float(confidence) >= MIN_CONFIDENCE else None


def language_name(code: str) -> str:
    """A readable name for the commonest codes, the code itself otherwise."""
    return NAMES.get(code, code)


NAMES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "ja": "Japanese",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "zh": "Chinese",
}
