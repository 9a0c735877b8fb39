"""The exceptions counterclaim raises on purpose.

    CounterclaimError
     +-- InputError        a source cannot be read (missing, binary, empty, too large, bad JSON)
     +-- ExtractionError   the language pipeline cannot be loaded or run
     +-- StorageError      the store cannot be opened, migrated or written

Only the command line turns these into a one-line message and an exit status.
"""

from __future__ import annotations


class CounterclaimError(Exception):
    """Base of every error counterclaim raises on purpose."""


class InputError(CounterclaimError):
    """A source that cannot be read; the message names the source and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ExtractionError(CounterclaimError):
    """The extraction pipeline cannot be loaded or run."""


class StorageError(CounterclaimError):
    """The store cannot be opened, migrated or written."""
