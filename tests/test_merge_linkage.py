"""The merge's clustering of a busy day: the same clusters as a dense matrix, in bounded memory."""

from __future__ import annotations

import random
import tracemalloc
from dataclasses import replace

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from sklearn.preprocessing import normalize

from timeline.merge import linkage as sparse
from timeline.merge.cluster import group_events
from timeline.records import Event, TimeExpression

WEIGHTS = sparse.Weights(actor=0.25, predicate=0.1)
SAME = 0.30


def _distances(block: sparse.Block) -> np.ndarray:
    n = block.clause.shape[0]
    sim = 0.5 * (block.clause @ block.clause.T).toarray()
    sim += 0.5 * (block.sentence @ block.sentence.T).toarray()
    for a in range(n):
        for b in range(n):
            keys = block.keys[a] | block.keys[b]
            if keys:
                sim[a, b] += WEIGHTS.actor * len(block.keys[a] & block.keys[b]) / len(keys)
            if block.families[a] and block.families[a] == block.families[b]:
                sim[a, b] += WEIGHTS.predicate
            wa, wb = block.wheres[a], block.wheres[b]
            if wa and wb and not wa & wb:
                sim[a, b] = -1.0
    return np.clip(1.0 - sim, 0.0, None)


def _dense(block: sparse.Block) -> list[list[int]]:
    """The clustering as a dense n x n matrix gives it (the merge before bounded memory)."""
    n = block.clause.shape[0]
    condensed = _distances(block)[np.triu_indices(n, k=1)]
    labels = fcluster(linkage(condensed, method="average"), t=1.0 - SAME, criterion="distance")
    grouped: dict[int, list[int]] = {}
    for row, label in enumerate(labels):
        grouped.setdefault(int(label), []).append(row)
    return sorted(grouped.values())


def _random_block(rng: random.Random, n: int, copies: int = 1) -> sparse.Block:
    """Events drawn from few words, names, verbs and places, so that many pairs share some."""
    words, names = rng.randint(4, 30), ["a", "b", "c", "d", "e", "f"]
    rows = []
    for _ in range(n):
        row = np.zeros(words)
        for w in rng.sample(range(words), rng.randint(0, 4)):
            row[w] = rng.random()
        rows.append(row)
    clause = normalize(csr_matrix(np.array(rows * copies)))
    sentence = normalize(csr_matrix(np.array([np.roll(r, 1) + 0.1 * r for r in rows] * copies)))
    keys = [frozenset(rng.sample(names, rng.randint(0, 2))) for _ in range(n)]
    families = [rng.choice(["", "", "meet", "strike", "die"]) for _ in range(n)]
    wheres = [frozenset(rng.sample(["x", "y", "z"], rng.randint(0, 1))) for _ in range(n)]
    return sparse.Block(clause, sentence, keys * copies, families * copies, wheres * copies)


def _tied(block: sparse.Block, copies: int) -> bool:
    """Whether two different events are at distance 0 (a similarity of 1 or more): average
    linkage may then merge either pair first, and scipy's order is its own."""
    distance = _distances(block)
    n = distance.shape[0] // copies
    distinct = distance[:n, :n][np.triu_indices(n, k=1)]
    return bool((distinct == 0).any())


@pytest.mark.parametrize("seed", range(40))
def test_sparse_linkage_cuts_the_clusters_a_dense_matrix_does(seed: int) -> None:
    rng = random.Random(seed)
    while True:
        copies = rng.choice([1, 1, 3])
        block = _random_block(rng, rng.randint(2, 40), copies=copies)
        if not _tied(block, copies):
            break
    assert sparse.clusters(block, WEIGHTS, SAME) == _dense(block)


def test_candidate_pairs_are_the_pairs_sharing_a_column() -> None:
    incidence = csr_matrix(np.array([[1, 0, 0], [1, 1, 0], [0, 1, 0], [0, 0, 1]]))
    a, b = sparse.candidate_pairs(incidence)
    assert list(zip(a.tolist(), b.tolist(), strict=True)) == [(0, 1), (1, 2)]


def test_candidate_pairs_drop_the_commonest_column_beyond_the_budget() -> None:
    # 1,000 rows share column 0 (499,500 pairs); pairs of rows also share their own column.
    rows = 1000
    incidence = csr_matrix(
        (np.ones(2 * rows), (list(range(rows)) * 2, [0] * rows + [1 + r // 2 for r in range(rows)]))
    )
    a, b = sparse.candidate_pairs(incidence, budget=10_000)
    assert len(a) == rows // 2
    assert (b - a == 1).all()


def _event(document: str, sentence: str, actor: str, place: str) -> Event:
    time = TimeExpression(
        start=0, end=8, text="Wednesday", type="DATE", value="2011-02-02", anchor="2011-02-03"
    )
    return Event(
        document=document,
        sentence=sentence,
        sentence_start=0,
        time=time,
        headline=sentence,
        predicate=sentence.split()[1],
        actors=(actor,),
        places=(place,),
    )


def test_a_busy_day_is_merged_without_a_matrix_of_every_pair() -> None:
    # 6,000 reports on one day, 100 sources each telling the same 60 happenings: a dense
    # n x n similarity would need 6,000^2 x 8 bytes = 288 MB per matrix.
    verbs = ["protest", "march", "clash", "gather", "flee", "rally"]
    places = ["Cairo", "Suez", "Alexandria", "Giza", "Mansoura"]
    happenings = [
        (f"{actor} {verb} near the {place} square on Wednesday", actor, place)
        for actor in ("Protesters", "Police")
        for verb in verbs
        for place in places
    ]
    events = [
        _event(f"source-{s}", sentence, actor, place)
        for s in range(100)
        for sentence, actor, place in happenings
    ]
    tracemalloc.start()
    try:
        grouping = group_events(events)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * 2**20
    sizes = sorted(len(c) for group in grouping.groups for c in group)
    assert len(sizes) <= len(happenings) and sum(sizes) == len(events)
    assert all(size % 100 == 0 for size in sizes)  # the copies of a report stay together


def test_copies_that_say_nothing_are_not_merged_as_copies() -> None:
    empty = csr_matrix((3, 2))
    block = sparse.Block(empty, empty, [frozenset()] * 3, [""] * 3, [frozenset()] * 3)
    assert sparse.clusters(block, WEIGHTS, SAME) == [[0], [1], [2]]


def test_a_place_common_to_a_huge_block_is_its_setting(monkeypatch) -> None:
    monkeypatch.setattr(sparse, "MAX_PAIRS", 10)
    block = _random_block(random.Random(1), 8)
    block = replace(block, wheres=[frozenset({"x"})] * 7 + [frozenset({"y"})])
    assert sparse._settings(block) == [frozenset()] * 7 + [frozenset({"y"})]


def test_a_block_over_the_budget_still_clusters_every_event(monkeypatch) -> None:
    monkeypatch.setattr(sparse, "MAX_PAIRS", 20)
    block = _random_block(random.Random(7), 30, copies=2)
    found = sparse.clusters(block, WEIGHTS, SAME)
    assert sorted(r for c in found for r in c) == list(range(60))
    worded = set(np.flatnonzero(block.clause.getnnz(axis=1)).tolist())
    # Copies of a report that says something stay together; empty ones are not copies.
    assert all(r + 30 in c for c in found for r in c if r < 30 and r in worded)
