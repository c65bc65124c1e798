"""Every failure the pipeline expects, under one base: the CLI prints a PipelineError's message and
exits 2 (a rejected field file is a result, exit 1, not an exception); anything else is a bug and
raises with its traceback."""

from __future__ import annotations


class PipelineError(Exception):
    """An expected failure; the message, in Vietnamese, tells the person who can fix it what to do."""


class ConfigError(PipelineError):
    """A programme file (or the package's reference data) is missing a key or holds a wrong value;
    the message names both."""


class InputError(PipelineError):
    """A field file holds something that cannot be accepted."""


class UnitError(InputError):
    """A code or name that is not a unit this programme accepts there (the message says which are)."""


class UnknownUnit(UnitError):
    """A code that is no unit the programme knows (yet: a units file may list it)."""


class Rejection(InputError):
    """A file that cannot be accepted; carries every reason found, in Vietnamese."""

    def __init__(self, reasons: list[str], names_unknown_unit: bool = False):
        """`names_unknown_unit`: the file names a unit no units file lists yet (a units file
        later in the same batch may)."""
        super().__init__("; ".join(reasons))
        self.reasons = reasons
        self.names_unknown_unit = names_unknown_unit


class BuildError(PipelineError):
    """A build step failed; the previous warehouse is untouched."""


class WarehouseMissing(PipelineError):
    """parquet/ has not been built yet."""


class HomeLocked(PipelineError):
    """Another writer held the data home's lock longer than a writer may wait."""


class AccountError(PipelineError):
    """An account command that cannot be done; the message says why."""


class QueryRefused(PipelineError):
    """An analyst's query the sandbox refuses or could not finish; the message is for the analyst."""


class BriefingError(PipelineError):
    """A briefing that cannot be made as asked (an unknown period, a wrong file type)."""
