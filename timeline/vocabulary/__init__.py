"""The words the pipeline reads, as data: `time` for time words, `events` for event nouns."""
