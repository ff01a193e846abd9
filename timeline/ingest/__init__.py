"""The ingest stage: input files and folders to `Document` records, a `Problem` per bad input."""

from timeline.ingest.decode import decode
from timeline.ingest.readers import analysed, read_inputs

__all__ = ["analysed", "decode", "read_inputs"]
