"""A content-addressed cache of per-document results, so a rebuild parses only what changed.

A result is keyed by what the document says (its text and the metadata the analysis reads),
the spaCy model, the settings and the source of the code that turns a document into
expressions and events; never by where the document lives, so moving or renaming inputs
re-parses nothing. Templates are not part of the key: a changed template re-renders without
re-parsing anything. Entries are gzipped JSON read back field by field: a file planted in the
cache can at worst be a wrong entry, never code that runs.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import logging
import os
import tempfile
import types
import typing
from datetime import date
from functools import cache, lru_cache, partial
from pathlib import Path

import timeline
from timeline.nlp import model_id
from timeline.records import Document, DocumentResult, Event

log = logging.getLogger(__name__)

# The modules whose code decides a document's expressions and events (a test checks that
# every module the analysis imports is here).
ANALYSIS = (
    "records.py",
    "errors.py",
    "nlp.py",
    "vocabulary",
    "analysis.py",
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


# Where a document lives, and what is named after it, never changes its analysis.
_PLACE = ("id", "path")
_VERSION = 2  # of the entry format


class Cache:
    """One gzipped JSON file per document result under `folder`, named by its key."""

    def __init__(self, folder: Path, settings: str = "") -> None:
        self.folder = folder
        # `settings`: whatever in the configuration changes the analysis of a document.
        self._salt = f"{_VERSION}:{code_fingerprint()}:{model_id()}:{settings}"

    def key(self, document: Document) -> str:
        fields = dataclasses.asdict(document)
        for name in _PLACE:
            del fields[name]
        if document.title_from == "filename":  # the title is the id, so named after the file
            del fields["title"]
        payload = json.dumps([self._salt, fields], sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json.gz"

    def get(self, document: Document) -> DocumentResult | None:
        """The cached result for `document`, its events labelled with this document's id."""
        return self.load(self.key(document), document.id)

    def has(self, key: str) -> bool:
        """Whether an entry is stored under `key` (it may still turn out damaged)."""
        return self._path(key).is_file()

    def load(self, key: str, document_id: str) -> DocumentResult | None:
        """The result stored under `key`, its events labelled `document_id`; None if absent."""
        path = self._path(key)
        try:
            with gzip.open(path, "rt", encoding="utf-8") as file:
                data = json.load(file)
            if type(data) is not dict or data.pop("key", None) != key:
                return None
            return result_from_json(data, document_id)
        except FileNotFoundError:
            return None
        except Exception as error:  # a damaged or foreign entry is only a miss: parsed again
            log.warning("ignoring damaged cache entry %s (%s)", path, error)
            return None

    def put(self, document: Document, result: DocumentResult) -> None:
        key = self.key(document)
        path = self._path(key)
        data = {"key": key, **result_to_json(result)}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as raw, gzip.open(raw, "wt", encoding="utf-8") as file:
                json.dump(data, file, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, path)
        except OSError as error:  # a cache that cannot be written costs speed, not results
            log.warning("cannot write the cache in %s (%s)", self.folder, error)


def result_to_json(result: DocumentResult) -> dict:
    """A document's result as JSON data; events keep no document id (the cache is not by id)."""
    return _encode(result)


def result_from_json(data: dict, document_id: str) -> DocumentResult:
    """The result that `result_to_json` wrote, its events belonging to `document_id`."""
    return _decode(DocumentResult, data, document_id)


def _encode(value: object) -> object:
    if dataclasses.is_dataclass(value):
        return {
            f.name: _encode(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not (isinstance(value, Event) and f.name == "document")
        }
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _decode(kind: object, value: object, document_id: str) -> object:
    """`value` read back as `kind` (a record, a tuple, a date, an optional or a plain JSON
    type), checking each type on the way: a planted or damaged entry raises, never runs."""
    return _decoder(kind)(value, document_id)


Decoder = typing.Callable[[object, str], object]


@cache
def _decoder(kind: object) -> Decoder:
    """The function that reads `kind` back, built once per type: working out a record's fields
    and their types for every value read cost more than the reading itself."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        (inner,) = [arg for arg in args if arg is not type(None)]
        read_inner = _decoder(inner)
        return lambda value, doc_id: None if value is None else read_inner(value, doc_id)
    if origin is tuple:
        return partial(_read_tuple, kind, _decoder(args[0]))
    if dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return partial(_read_record, kind, {name: _decoder(hints[name]) for name in hints})
    if kind is date:
        return lambda value, doc_id: date.fromisoformat(value)
    if kind in (str, int, bool):
        return partial(_read_plain, kind)
    raise TypeError(f"no decoder for {kind}")


def _read_tuple(kind: object, item: Decoder, value: object, document_id: str) -> tuple:
    if type(value) is not list:
        raise TypeError(f"expected a list for {kind}, got {type(value).__name__}")
    return tuple([item(part, document_id) for part in value])


def _read_record(kind: type, fields: dict[str, Decoder], value: object, document_id: str) -> object:
    if type(value) is not dict:
        raise TypeError(f"expected an object for {kind.__name__}")
    # KeyError: an unknown field; a missing one is the constructor's TypeError.
    read = {name: fields[name](item, document_id) for name, item in value.items()}
    if kind is Event:
        read["document"] = document_id
    return kind(**read)


def _read_plain(kind: type, value: object, document_id: str) -> object:
    if type(value) is not kind:
        raise TypeError(f"expected {kind}, got {type(value).__name__}")
    return value


@cache
def _hints(kind: type) -> dict[str, object]:
    from timeline.timex import Frame  # named in records only for type checkers

    return typing.get_type_hints(kind, localns={"Frame": Frame})
