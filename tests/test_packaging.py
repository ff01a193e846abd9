"""A wheel must carry every module and every template file, wherever the templates live."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT


@pytest.mark.slow
def test_the_wheel_carries_every_module_and_template(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = tmp_path.glob("timeline-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "timeline").rglob("*.py")}
    templates = {
        "timeline/" + p.relative_to(ROOT).as_posix()
        for p in (ROOT / "templates").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert modules <= names, sorted(modules - names)
    assert templates <= names, sorted(templates - names)
    assert not any(name.startswith(("tests/", "seeds/")) for name in names)
