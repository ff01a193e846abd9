"""The tool's own exceptions; the CLI is the one place that catches them."""

from __future__ import annotations


class TimelineError(Exception):
    """Base class: a problem the user can fix, reported as one line."""


class ConfigError(TimelineError):
    """`timeline.toml` or a command-line option is wrong."""


class InputError(TimelineError):
    """An input file cannot be read as an article."""

    def __init__(self, path: str, message: str, fix: str) -> None:
        super().__init__(f"{path}: {message}; {fix}")
        self.path = path
        self.message = message
        self.fix = fix


class ModelError(TimelineError):
    """The spaCy model is not installed."""


class BuildError(TimelineError):
    """The build could not complete; the previous output is left as it was."""
