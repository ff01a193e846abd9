"""A content-addressed cache of per-document results, so a rebuild parses only what changed.

A result is keyed by the document (its text and every piece of metadata), the spaCy model and
the source of the code that turns a document into expressions and events. Templates are not
part of the key: a changed template re-renders without re-parsing anything.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

import timeline
from timeline.nlp import model_id
from timeline.records import Document, DocumentResult

log = logging.getLogger(__name__)

# The modules whose code decides a document's expressions and events (a test checks that
# every module the analysis imports is here).
ANALYSIS = (
    "records.py",
    "errors.py",
    "nlp.py",
    "vocabulary",
    "pipeline.py",
    "events",
    "timevalue.py",
    "timex",
)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the analysis code, so results from older code are never reused."""
    package = Path(timeline.__file__).parent
    digest = hashlib.sha256(timeline.__version__.encode())
    for name in ANALYSIS:
        path = package / name
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and file.suffix in (".py", ".jsonl", ".json"):
                digest.update(file.relative_to(package).as_posix().encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


class Cache:
    """One pickle file per document result under `folder`, named by its key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._salt = f"{code_fingerprint()}:{model_id()}"

    def key(self, document: Document) -> str:
        fields = dataclasses.asdict(document)
        payload = json.dumps([self._salt, fields], sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, document: Document) -> DocumentResult | None:
        path = self._path(self.key(document))
        try:
            with path.open("rb") as file:
                result = pickle.load(file)
        except FileNotFoundError:
            return None
        except Exception as error:  # a damaged entry is only a miss: it is parsed again
            log.warning("ignoring damaged cache entry %s (%s)", path, error)
            return None
        return result if isinstance(result, DocumentResult) else None

    def put(self, document: Document, result: DocumentResult) -> None:
        path = self._path(self.key(document))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as file:
                pickle.dump(result, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except OSError as error:  # a cache that cannot be written costs speed, not results
            log.warning("cannot write the cache in %s (%s)", self.folder, error)
