"""The merge stage: every source's events to one `Entry` per happening, ranked."""

from timeline.merge.cluster import merge_events

__all__ = ["merge_events"]
