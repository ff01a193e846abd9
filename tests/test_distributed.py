"""The analysis on a real Dask cluster: a scheduler and two workers as separate processes."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from timeline.config import Config
from timeline.distributed import _checked_batch, check_scheduler
from timeline.errors import BuildError, ConfigError
from timeline.pipeline import build

distributed = pytest.importorskip("distributed")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _dask() -> list[str]:
    script = Path(sys.executable).with_name("dask")
    return [str(script)] if script.exists() else [shutil.which("dask") or "dask"]


@pytest.fixture
def cluster(tmp_path):
    """`dask scheduler` and two `dask worker`s on 127.0.0.1, each in its own empty folder."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    processes = []
    try:
        scheduler_dir = tmp_path / "scheduler"
        scheduler_dir.mkdir()
        processes.append(
            subprocess.Popen(
                [*_dask(), "scheduler", "--host", "127.0.0.1", "--port", str(port)]
                + ["--no-dashboard"],
                cwd=scheduler_dir,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        for number in (1, 2):
            folder = tmp_path / f"worker{number}"  # shares no folder with the client
            folder.mkdir()
            processes.append(
                subprocess.Popen(
                    [*_dask(), "worker", address, "--nthreads", "1", "--nworkers", "1"]
                    + ["--host", "127.0.0.1", "--no-dashboard", "--local-directory", str(folder)],
                    cwd=folder,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=180)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        deadline = time.monotonic() + 30
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@pytest.mark.slow
def test_a_dask_build_gives_the_same_timeline_as_a_local_build(cluster, tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    local = Config(
        inputs=(inputs,), output=tmp_path / "local", cache=None, processes=1, title="Seeds"
    )
    on_dask = local.with_overrides(
        output=tmp_path / "dask", cache=tmp_path / "cache", scheduler=cluster
    )
    _, local_report = build(local)
    _, report = build(on_dask)
    assert report.parsed == local_report.documents == 5
    produced = (tmp_path / "dask" / "timeline.json").read_bytes()
    assert produced == (tmp_path / "local" / "timeline.json").read_bytes()
    # The client owns the cache: a rebuild sends nothing to the cluster.
    _, again = build(on_dask)
    assert again.parsed == 0
    assert (tmp_path / "dask" / "timeline.json").read_bytes() == produced


def test_a_worker_with_other_code_or_model_refuses_to_analyse():
    """Its results would be cached under this machine's code and model, wrong for good."""
    with pytest.raises(BuildError, match="same versions on every worker"):
        _checked_batch([], analyse=None, expected="older-code:en_core_web_sm-3.7.1")


def test_scheduler_addresses_are_checked():
    assert check_scheduler("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert check_scheduler("local:2") == "local:2"
    for wrong in ("local:0", "10.0.0.5:8786", "local:two"):
        with pytest.raises(ConfigError, match="expected a Dask scheduler address"):
            check_scheduler(wrong)


def test_scheduler_setting_in_timeline_toml(tmp_path):
    from timeline.config import load_config

    path = tmp_path / "timeline.toml"
    path.write_text('scheduler = "tcp://127.0.0.1:8786"\n', encoding="utf-8")
    assert load_config(path).scheduler == "tcp://127.0.0.1:8786"
    path.write_text('scheduler = "somewhere"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="scheduler is 'somewhere'"):
        load_config(path)
