"""The ingest stage: input files and folders to `Document` records, a `Problem` per bad input."""

from timeline.ingest.readers import decode, read_inputs

__all__ = ["decode", "read_inputs"]
