"""A non-editable install must carry every package and the templates."""

from __future__ import annotations

import tomllib

from conftest import ROOT


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]


def test_every_subpackage_is_listed():
    packages = set(_setuptools()["packages"])
    found = {
        "timeline." + init.parent.relative_to(ROOT / "timeline").as_posix().replace("/", ".")
        for init in (ROOT / "timeline").rglob("__init__.py")
        if init.parent != ROOT / "timeline"
    }
    assert found | {"timeline", "timeline.templates"} == packages


def test_every_template_file_is_package_data():
    patterns = _setuptools()["package-data"]["timeline.templates"]
    templates = ROOT / "templates"
    shipped = {p for pattern in patterns for p in templates.glob(pattern)}
    files = {p for p in templates.rglob("*") if p.is_file() and p.suffix != ".py"}
    files = {p for p in files if "__pycache__" not in p.parts}
    assert files == shipped, sorted(str(p.relative_to(templates)) for p in files - shipped)
