"""The ingest stage: input files and folders to `Document` records, a `Problem` per bad input."""

from timeline.ingest.decode import decode
from timeline.ingest.readers import read_inputs

__all__ = ["decode", "read_inputs"]
