"""Running the analysis on a Dask cluster, when one machine is not enough.

`scheduler` names the cluster: `tcp://host:8786` (an existing scheduler, e.g. one started by
dask-kubernetes, the Dask Helm chart or dask-jobqueue), or `local:N` to start N worker
processes on this machine. Each worker loads the spaCy model once (a worker plugin); each task
carries a batch of documents, their text included, and returns only their records, so the
workers need nothing of the client but the scheduler: no shared disk, no shared cache. The
client keeps the cache, merges and renders.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from timeline.errors import ConfigError
from timeline.records import Document, DocumentResult

log = logging.getLogger(__name__)

INSTALL = "install the Dask extra: pip install 'timeline[dask]'"
IN_FLIGHT = 4  # batches queued per worker thread: enough to keep every worker busy, and the
# client never holds more than that much text in the cluster at once


def check_scheduler(scheduler: str) -> str:
    """`scheduler` if it is `local:N` or a `tcp://` / `tls://` address; else a ConfigError."""
    if scheduler.startswith("local:"):
        count = scheduler.removeprefix("local:")
        if count.isdigit() and int(count) > 0:
            return scheduler
    elif scheduler.startswith(("tcp://", "tls://", "ucx://", "inproc://")):
        return scheduler
    raise ConfigError(
        f"scheduler is {scheduler!r}: expected a Dask scheduler address such as "
        "tcp://host:8786, or local:N to start N workers on this machine"
    )


@contextmanager
def connect(scheduler: str) -> Iterator[object]:
    """A Dask client for `scheduler`, with the model plugin registered on every worker."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError(f"scheduler = {scheduler!r} needs Dask; {INSTALL}") from None
    if not log.isEnabledFor(logging.DEBUG):  # Dask reports every connection at INFO
        logging.getLogger("distributed").setLevel(logging.WARNING)
    cluster = None
    try:
        if scheduler.startswith("local:"):
            workers = int(scheduler.removeprefix("local:"))
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout=30)
    except OSError as error:
        if cluster is not None:
            cluster.close()
        raise ConfigError(
            f"cannot reach the Dask scheduler at {scheduler} ({error}); check the address "
            "and that `dask scheduler` is running there"
        ) from None
    try:
        client.register_plugin(_model_plugin(), name="timeline-model")
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _model_plugin() -> object:
    from distributed import WorkerPlugin

    class ModelPlugin(WorkerPlugin):
        """Load the spaCy model once, when the worker starts, before its first task."""

        def setup(self, worker: object) -> None:
            from timeline.nlp import load_model

            load_model()

    return ModelPlugin()


def fingerprint() -> str:
    """The analysis code and model this process runs, as the cache keys its results."""
    from timeline.cache import code_fingerprint
    from timeline.nlp import model_id

    return f"{code_fingerprint()}:{model_id()}"


def _checked_batch(batch: list[Document], analyse: object, expected: str) -> list[DocumentResult]:
    """analyse_batch on a worker, refused if the worker runs other code or another model.

    The client caches what workers send under its own code and model; a worker left on an
    older timeline or spaCy model would otherwise put wrong results under that key for good.
    """
    from timeline.errors import BuildError
    from timeline.parallel import analyse_batch

    if fingerprint() != expected:
        raise BuildError(
            "a Dask worker runs another version of timeline or of the spaCy model than this "
            "machine; install the same versions on every worker and restart them"
        )
    return analyse_batch(batch, analyse)


def analyse_on_cluster(
    batches: Iterable[list[Document]], analyse: object, scheduler: str
) -> Iterator[tuple[Document, DocumentResult]]:
    """Analyse each batch on the cluster; pairs come back as batches finish."""
    from distributed import as_completed

    expected = fingerprint()
    with connect(scheduler) as client:
        threads = max(1, sum(client.nthreads().values()))
        pending = iter(batches)
        sent: dict[object, list[Document]] = {}

        def send() -> bool:
            batch = next(pending, None)
            if batch is None:
                return False
            # pure=False: two batches of the same text are still two tasks, each with its ids.
            future = client.submit(_checked_batch, batch, analyse, expected, pure=False)
            sent[future] = batch
            done.add(future)
            return True

        done = as_completed()
        for _ in range(threads * IN_FLIGHT):
            if not send():
                break
        for future in done:
            batch = sent.pop(future)
            results = future.result()
            future.release()
            send()
            yield from zip(batch, results, strict=True)
