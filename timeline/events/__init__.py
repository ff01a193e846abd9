"""The events stage: what each dated clause of a parsed article reports, as `Event` records."""

from timeline.events.extract import extract_events

__all__ = ["extract_events"]
