"""The analysis cache: keyed by what a document says, stored as data, never as code."""

from __future__ import annotations

import dataclasses
import gzip
import json
import pickle
import shutil

from tests.conftest import SEEDS
from timeline.cache import Cache
from timeline.config import Config
from timeline.pipeline import build


def _config(inputs, cache, **overrides) -> Config:
    return Config(inputs=tuple(inputs), cache=cache, title="t", processes=1, **overrides)


def _copy_seeds(folder, count=2):
    folder.mkdir(parents=True)
    for path in sorted(SEEDS.glob("*.txt"))[:count]:
        shutil.copy(path, folder / path.name)
    return folder


def test_moving_and_renaming_inputs_parses_nothing_and_relabels_events(tmp_path):
    first = _copy_seeds(tmp_path / "in")
    cache = tmp_path / "cache"
    before, report = build(_config([first], cache), write=False)
    assert report.parsed == 2
    moved = tmp_path / "elsewhere" / "renamed"
    moved.parent.mkdir()
    first.rename(moved)
    for path in sorted(moved.glob("*.txt")):
        path.rename(path.with_name("new-" + path.name))
    after, report = build(_config([moved], cache), write=False)
    assert report.parsed == 0, "a renamed file is the same article"
    ids = {doc.id for doc in after.documents}
    assert all(doc_id.startswith("new-") for doc_id in ids)
    events = [event for entry in after.entries for event in entry.events]
    assert events and {event.document for event in events} <= ids
    # The same timeline as parsing the renamed files afresh.
    fresh, _ = build(_config([moved], None), write=False)
    assert after.entries == fresh.entries
    assert before.entries


def test_a_jsonl_file_renamed_with_one_article_added_parses_only_that_one(tmp_path):
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))[:3]]
    lines = [json.dumps({"text": t, "date": "2022-09-16"}) for t in texts]
    (tmp_path / "a.jsonl").write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    cache = tmp_path / "cache"
    build(_config([tmp_path / "a.jsonl"], cache), write=False)
    (tmp_path / "a.jsonl").unlink()
    (tmp_path / "b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, report = build(_config([tmp_path / "b.jsonl"], cache), write=False)
    assert report.parsed == 1


def test_changed_text_or_date_is_parsed_again(tmp_path):
    folder = _copy_seeds(tmp_path / "in", 1)
    cache = tmp_path / "cache"
    build(_config([folder], cache), write=False)
    path = next(folder.glob("*.txt"))
    path.write_text(path.read_text(encoding="utf-8") + "\n\nAdded on Friday.", encoding="utf-8")
    _, report = build(_config([folder], cache), write=False)
    assert report.parsed == 1


def test_entries_are_gzipped_json_that_round_trip(tmp_path):
    folder = _copy_seeds(tmp_path / "in", 1)
    cache = tmp_path / "cache"
    timeline, _ = build(_config([folder], cache), write=False)
    entries = list(cache.rglob("*.json.gz"))
    assert len(entries) == 1
    with gzip.open(entries[0], "rt", encoding="utf-8") as file:
        data = json.load(file)
    assert data["events"] and "document" not in data["events"][0]
    document = timeline.documents[0]
    cached = Cache(cache).get(dataclasses.replace(document, id="other", path="x/other.txt"))
    assert cached is not None
    assert cached.expressions == timeline.expressions[document.id]
    assert {event.document for event in cached.events} == {"other"}


def test_a_planted_pickle_or_forged_file_is_ignored_never_run(tmp_path):
    folder = _copy_seeds(tmp_path / "in", 1)
    cache_dir = tmp_path / "cache"
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (marker.write_text, ("ran",))

    document = next(
        d for d in build(_config([folder], tmp_path / "scratch"), write=False)[0].documents
    )
    cache = Cache(cache_dir)
    key = cache.key(document)
    planted = cache_dir / key[:2]
    planted.mkdir(parents=True)
    payload = pickle.dumps(Exploit())
    (planted / f"{key}.pickle").write_bytes(payload)  # where the old cache looked
    (planted / f"{key}.json.gz").write_bytes(gzip.compress(payload))
    assert cache.get(document) is None
    _, report = build(_config([folder], cache_dir), write=False)
    assert report.parsed == 1
    assert not marker.exists()
    # A well-formed entry with a wrong type in it is a miss too, not a crash later on.
    forged = {"key": key, "expressions": [{"start": "0"}], "events": []}
    (planted / f"{key}.json.gz").write_bytes(gzip.compress(json.dumps(forged).encode()))
    assert cache.get(document) is None


def test_a_build_with_nothing_to_parse_never_loads_the_model(tmp_path, monkeypatch):
    import timeline.pipeline

    folder = _copy_seeds(tmp_path / "in", 2)
    cache = tmp_path / "cache"
    first, _ = build(_config([folder], cache), write=False)
    loads = []
    monkeypatch.setattr(timeline.pipeline, "preload", lambda: loads.append("model"))
    again, report = build(_config([folder], cache), write=False)
    assert report.parsed == 0
    assert loads == [], "the model is loaded only when some document is not in the cache"
    assert again.entries == first.entries


def test_a_damaged_entry_is_parsed_again_with_the_others_in_input_order(tmp_path):
    folder = _copy_seeds(tmp_path / "in", 3)
    cache_dir = tmp_path / "cache"
    first, _ = build(_config([folder], cache_dir), write=False)
    cache = Cache(cache_dir)
    damaged = cache.key(first.documents[0])
    (cache_dir / damaged[:2] / f"{damaged}.json.gz").write_bytes(b"not gzip")
    extra = folder / "zz-added.txt"
    shutil.copy(next(SEEDS.glob("*.txt")), extra)
    extra.write_text(extra.read_text(encoding="utf-8") + "\n\nAdded on Friday.", encoding="utf-8")
    again, report = build(_config([folder], cache_dir), write=False)
    assert report.parsed == 2
    fresh, _ = build(_config([folder], None), write=False)
    assert again.entries == fresh.entries
    assert [d.id for d in again.documents] == [d.id for d in fresh.documents]
