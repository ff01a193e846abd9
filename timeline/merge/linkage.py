"""Average linkage on a sparse graph: the clustering of one date's events without an n x n matrix.

Two events can only be similar when they share something: a word of their clause or of their
sentence, a name, a verb family or a place. An inverted index (a sparse incidence matrix
multiplied by its transpose) gives those candidate pairs; every other pair has similarity 0,
and conflicts in place when both events name one. Average linkage needs no more: the mean
distance between two clusters is a base (1 per pair, 2 per pair in different places) plus
what the candidate pairs between them add, so the clusters a threshold cuts are the ones a
dense matrix gives, in memory proportional to the pairs that share something.

Exact copies (a wire story syndicated by many papers, or a benchmark's replicated records)
are one weighted node: at distance 0 they are the first merge average linkage would make.
A block whose shared words would propose more than `MAX_PAIRS` pairs stops proposing pairs
through its commonest features (they add least to a similarity); a place that common no
longer tells that block's happenings apart, as the collection's common places do not.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix, hstack, triu
from scipy.sparse.csgraph import connected_components

MAX_PAIRS = 1_000_000  # candidate pairs one date block may hold
_CHUNK = 50_000  # pairs whose similarity is computed at once
_COPY = 1e-9  # two events this close are copies: one node


@dataclass(frozen=True)
class Block:
    """One date's events as the clustering sees them: their vectors and what they name."""

    clause: csr_matrix  # rows normalised
    sentence: csr_matrix  # rows normalised
    keys: list[frozenset[str]]  # actor and place keys, for the overlap of names
    families: list[str]  # verb family, empty for light verbs
    wheres: list[frozenset[str]]  # where each happened; none when unsaid


@dataclass(frozen=True)
class Weights:
    """How much each kind of agreement adds to the similarity of two events."""

    actor: float
    predicate: float


def clusters(block: Block, weights: Weights, same: float) -> list[list[int]]:
    """Average-linkage clusters of the block's rows: merged while the mean similarity of two
    clusters is at least `same`; rows in each cluster and clusters in sorted order."""
    n = block.clause.shape[0]
    if n < 2:
        return [list(range(n))]
    threshold = 1.0 - same
    assert threshold < 1.0, "unrelated events (distance 1) must never merge"
    node_of, weight, block = _copies(block, weights)
    names = _Names.of(block, _settings(block))
    # Pairs sharing a place are always candidates: a placed pair that is not is counted as
    # two places apart. `_settings` has kept the places within the budget.
    shares = hstack([_within_budget(_shares(block, names), MAX_PAIRS), names.places])
    a, b = candidate_pairs(shares, budget=2 * MAX_PAIRS)
    # What each candidate pair adds to the distance of an unrelated pair (1, or 2 when both
    # name a place).
    base = 1.0 + names.placed[a] * names.placed[b]
    distance = _distance(block, names, weights, a, b)
    a, b, distance, base = _within_reach(len(weight), a, b, distance, base, threshold)
    labels = _average_linkage(weight, names.placed * weight, a, b, distance - base, threshold)
    grouped: dict[int, list[int]] = {}
    for row in range(n):
        grouped.setdefault(labels[node_of[row]], []).append(row)
    return sorted(grouped.values())


def candidate_pairs(
    incidence: csr_matrix, budget: int = MAX_PAIRS
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of rows (a < b) sharing a column, through columns kept so that at most
    `budget` pairs are proposed: the commonest columns are dropped first."""
    incidence = _within_budget(incidence, budget)
    shared = triu(incidence @ incidence.T, k=1).tocoo()
    order = np.lexsort((shared.col, shared.row))
    return shared.row[order].astype(np.int64), shared.col[order].astype(np.int64)


def _within_budget(incidence: csr_matrix, budget: int) -> csr_matrix:
    """The columns of a 0/1 incidence that propose at most `budget` pairs, commonest dropped."""
    incidence = csr_matrix(incidence, dtype=np.float64, copy=True)
    incidence.data[:] = 1.0
    df = np.asarray(incidence.getnnz(axis=0), dtype=np.float64)
    cost = df * (df - 1) / 2
    if cost.sum() <= budget:
        return incidence
    order = np.argsort(-df, kind="stable")
    left = cost.sum() - np.cumsum(cost[order])
    dropped = order[: int(np.argmax(left <= budget)) + 1]
    keep = np.ones(incidence.shape[1], dtype=bool)
    keep[dropped] = False
    return csr_matrix(incidence[:, np.flatnonzero(keep)])


def _copies(block: Block, weights: Weights) -> tuple[np.ndarray, np.ndarray, Block]:
    """Rows that are copies of one another as one node each: which node each row is, the
    number of rows per node, and the block of one row per node."""
    itself = 0.5 * _squares(block.clause) + 0.5 * _squares(block.sentence)
    itself += weights.actor * np.array([bool(k) for k in block.keys])
    itself += weights.predicate * np.array([bool(f) for f in block.families])
    close = np.clip(1.0 - itself, 0.0, None) <= _COPY
    first: dict[tuple, int] = {}  # signature -> the node of its copies, if they are close
    node_of = np.empty(block.clause.shape[0], dtype=np.int64)
    representatives: list[int] = []
    for row in range(block.clause.shape[0]):
        signature = (
            _row(block.clause, row),
            _row(block.sentence, row),
            block.keys[row],
            block.families[row],
            block.wheres[row],
        )
        node = first.get(signature, -1)
        if node < 0:
            node = len(representatives)
            representatives.append(row)
            if signature not in first:
                first[signature] = node if close[row] else -1
        node_of[row] = node
    weight = np.bincount(node_of, minlength=len(representatives)).astype(float)
    picked = Block(
        block.clause[representatives],
        block.sentence[representatives],
        [block.keys[r] for r in representatives],
        [block.families[r] for r in representatives],
        [block.wheres[r] for r in representatives],
    )
    return node_of, weight, picked


def _squares(matrix: csr_matrix) -> np.ndarray:
    return np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel()


def _row(matrix: csr_matrix, row: int) -> tuple[bytes, bytes]:
    span = slice(matrix.indptr[row], matrix.indptr[row + 1])
    return matrix.indices[span].tobytes(), matrix.data[span].tobytes()


def _settings(block: Block) -> list[frozenset[str]]:
    """Where each node happened, for this block: a place too common in it to stay within the
    budget of pairs is its setting, and the nodes naming it are not placed."""
    names = sorted({k for w in block.wheres for k in w})
    if not names:
        return block.wheres
    column = {k: c for c, k in enumerate(names)}
    marks = _marks([[column[k] for k in w] for w in block.wheres], len(names))
    kept = _within_budget(csr_matrix(marks), MAX_PAIRS).shape[1]
    if kept == len(names):
        return block.wheres
    df = np.asarray(marks.getnnz(axis=0))
    common = {names[c] for c in np.argsort(-df, kind="stable")[: len(names) - kept]}
    return [frozenset() if w & common else w for w in block.wheres]


def _marks(columns: Sequence[Sequence[int]], width: int) -> csr_matrix:
    rows = [r for r, cs in enumerate(columns) for _ in cs]
    flat = [c for cs in columns for c in cs]
    return csr_matrix((np.ones(len(flat)), (rows, flat)), shape=(len(columns), max(width, 1)))


def _labelled(values: Sequence[frozenset[str]] | Sequence[str]) -> csr_matrix:
    names = sorted({k for v in values for k in ((v,) if isinstance(v, str) else v) if k})
    column = {k: c for c, k in enumerate(names)}
    return _marks(
        [[column[k] for k in ((v,) if isinstance(v, str) else v) if k] for v in values],
        len(names),
    )


@dataclass(frozen=True)
class _Names:
    """The block's names, verb families and places as incidence matrices, built once."""

    keys: csr_matrix
    sizes: np.ndarray  # how many keys each node has
    families: csr_matrix
    family: np.ndarray  # each node's family, as objects for comparing
    places: csr_matrix
    placed: np.ndarray  # 1.0 when the node says where it happened

    @classmethod
    def of(cls, block: Block, wheres: list[frozenset[str]]) -> _Names:
        keys = _labelled(block.keys)
        return cls(
            keys=keys,
            sizes=np.asarray(keys.getnnz(axis=1), dtype=float),
            families=_labelled(block.families),
            family=np.array(block.families, dtype=object),
            places=_labelled(wheres),
            placed=np.array([bool(w) for w in wheres], dtype=float),
        )


def _shares(block: Block, names: _Names) -> csr_matrix:
    """What each node could share with another besides a place: words, names, verb family."""
    parts = [block.clause, block.sentence, names.keys, names.families]
    return csr_matrix(hstack(parts), dtype=np.float64)


def _distance(
    block: Block, names: _Names, weights: Weights, a: np.ndarray, b: np.ndarray
) -> np.ndarray:
    """The distance of each pair (a[k], b[k]): 1 minus the similarity, 2 for different places,
    computed as the dense matrix was (to the last bit, but for sums of three or more terms)."""
    out = np.empty(len(a))
    for start in range(0, len(a), _CHUNK):
        x, y = a[start : start + _CHUNK], b[start : start + _CHUNK]
        sim = 0.5 * _dots(block.clause, x, y) + 0.5 * _dots(block.sentence, x, y)
        shared = _dots(names.keys, x, y)
        union = names.sizes[x] + names.sizes[y] - shared
        sim += weights.actor * np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
        same = (names.family[x] == names.family[y]) & (names.family[x] != "")
        sim[same] += weights.predicate
        apart = (names.placed[x] * names.placed[y] > 0) & (_dots(names.places, x, y) == 0)
        sim[apart] = -1.0
        out[start : start + _CHUNK] = np.clip(1.0 - sim, 0.0, None)
    return out


def _dots(matrix: csr_matrix, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.asarray(matrix[x].multiply(matrix[y]).sum(axis=1)).ravel()


def _within_reach(
    nodes: int,
    a: np.ndarray,
    b: np.ndarray,
    distance: np.ndarray,
    base: np.ndarray,
    threshold: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The pairs whose nodes could end in one cluster: two clusters merge only when some pair
    between them is within the threshold (a mean is no less than its least term), so a
    cluster never leaves its component of the graph of such pairs."""
    close = distance <= threshold
    graph = csr_matrix((np.ones(int(close.sum())), (a[close], b[close])), shape=(nodes, nodes))
    _, component = connected_components(graph, directed=False)
    inside = component[a] == component[b]
    return a[inside], b[inside], distance[inside], base[inside]


def _average_linkage(
    weight: np.ndarray,
    placed: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    excess: np.ndarray,
    threshold: float,
) -> list[int]:
    """Each node's cluster: the closest two clusters merge while their mean distance is at
    most `threshold`. The mean distance of clusters A and B is
    (|A||B| + placed(A) placed(B) + the excess of the candidate pairs between them) / |A||B|."""
    size = list(weight)
    where = list(placed)
    links: list[dict[int, float]] = [{} for _ in size]
    scaled = (excess * weight[a] * weight[b]).tolist()
    for x, y, e in zip(a.tolist(), b.tolist(), scaled, strict=True):
        links[x][y] = e
        links[y][x] = e

    def mean(x: int, y: int) -> float:
        pairs = size[x] * size[y]
        return (pairs + where[x] * where[y] + links[x][y]) / pairs

    heap = [
        (m, x, y)
        for x in range(len(size))
        for y in links[x]
        if x < y and (m := mean(x, y)) <= threshold
    ]
    heapq.heapify(heap)
    alive = [True] * len(size)
    parent = list(range(len(size)))
    while heap:
        _, x, y = heapq.heappop(heap)
        if not (alive[x] and alive[y]):  # one of them has merged since
            continue
        merged = len(size)
        size.append(size[x] + size[y])
        where.append(where[x] + where[y])
        joined: dict[int, float] = {}
        for old in (x, y):
            alive[old] = False
            parent[old] = merged
            for other, e in links[old].items():
                if other not in (x, y):
                    joined[other] = joined.get(other, 0.0) + e
                    del links[other][old]
            links[old] = {}
        links.append(joined)
        alive.append(True)
        parent.append(merged)
        for other, e in joined.items():
            links[other][merged] = e
            if (distance := mean(merged, other)) <= threshold:
                heapq.heappush(heap, (distance, other, merged))
    return [_top(parent, node) for node in range(len(weight))]


def _top(parent: list[int], node: int) -> int:
    while parent[node] != node:
        node = parent[node]
    return node
