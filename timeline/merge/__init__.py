"""The merge stage: every source's events to one `Entry` per happening, ranked."""

from timeline.merge.cluster import merge_events
from timeline.merge.rank import Weights

__all__ = ["Weights", "merge_events"]
