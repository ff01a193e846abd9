"""Where the cache goes: the user's cache folder by default, never silently the current one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEEDS

from timeline.cli import main
from timeline.config import Config, load_config

SEED = SEEDS / "003_413b558a031f2e5a.txt"


def _entries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []


def test_default_cache_is_the_users_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    assert Config().cache == Path("/somewhere/cache/timeline")


def test_build_without_settings_leaves_no_cache_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(SEED, work / SEED.name)
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert main(["build", SEED.name, "-o", "out", "--processes", "1", "-q"]) == 0
    assert sorted(p.name for p in work.iterdir()) == [SEED.name, "out"]
    assert len(_entries(tmp_path / "xdg" / "timeline")) == 1  # one result per document


def test_cache_named_in_settings_is_honoured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    shutil.copy(SEED, project / "articles" / SEED.name)
    (project / "timeline.toml").write_text('inputs = ["articles"]\ncache = "results"\n')
    monkeypatch.chdir(project)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert load_config(Path("timeline.toml")).cache == Path("results")
    assert main(["build", "--processes", "1", "-q"]) == 0
    assert len(_entries(project / "results")) == 1
    assert _entries(tmp_path / "xdg") == []
