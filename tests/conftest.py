"""Shared fixtures: the spaCy model once per session, and paths to bundled and shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEEDS = ROOT / "seeds"
# Other publishers' text, beside the repository on development machines and in CI only.
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"


@pytest.fixture(scope="session")
def nlp():
    from timeline.nlp import load_model

    return load_model()


def require_corpus(*parts: str) -> Path:
    """Return a path under ../shared/corpora, skipping the test when it is absent."""
    path = CORPORA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (research corpora are not bundled)")
    return path
