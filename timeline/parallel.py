"""Running the analysis of many documents over worker processes on this machine, or on a Dask
cluster (timeline.distributed) when a scheduler is named.

The pipeline hands in its `analyse` function; this module only knows how to parse batches of
documents with the spaCy model and spread them over processes. Each worker loads the model
once and sends back only the small records, never spaCy Docs, so the parent does little more
than collect them.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from functools import partial

from spacy.tokens import Doc
from spacy.util import minibatch

from timeline.nlp import load_model, parse
from timeline.records import Document, DocumentResult

Analyse = Callable[[Document, Doc], DocumentResult]

BATCH = 8  # documents a worker takes at a time: small enough to keep both cores busy


def analyse_documents(
    documents: Iterable[Document], analyse: Analyse, processes: int, scheduler: str | None = None
) -> Iterator[tuple[Document, DocumentResult]]:
    """Parse `documents` and run `analyse` on each, over `processes` processes (in order) or
    on the Dask cluster at `scheduler` (as batches finish)."""
    if scheduler:
        from timeline.distributed import analyse_on_cluster

        yield from analyse_on_cluster(minibatch(documents, BATCH), analyse, scheduler)
        return
    batches = list(minibatch(documents, BATCH))
    work = partial(analyse_batch, analyse=analyse)
    if processes <= 1:
        yield from (pair for batch in batches for pair in zip(batch, work(batch), strict=True))
        return
    load_model()  # once, before the workers start, so that forked workers share it
    context = multiprocessing.get_context()
    with context.Pool(processes) as pool:
        for batch, results in zip(batches, pool.imap(work, batches), strict=True):
            yield from zip(batch, results, strict=True)


def analyse_batch(batch: list[Document], analyse: Analyse) -> list[DocumentResult]:
    """Parse one batch with the model and analyse each document of it."""
    nlp = load_model()
    docs = parse(nlp, (document.text for document in batch))
    return [analyse(document, doc) for document, doc in zip(batch, docs, strict=True)]
