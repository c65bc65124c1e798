"""One row of a field table, read cell by cell: every parser asks for a text, a count, a date or a
class the same way, so every bad cell is explained the same way (sheet, row, column, expected)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from data_pipeline.errors import Rejection
from data_pipeline.intake import sheets
from data_pipeline.intake.values import parse_count, parse_date
from data_pipeline.reference import spelling, vocabularies

TEXT = "nội dung"
COUNT = "số nguyên ≥ 0"
DATE = "ngày dạng dd/mm/yyyy"


class Vocabulary:
    """The classes a case list or the model registry may name (config vocabularies), each spelling
    matched loosely to its canonical code or name."""

    def __init__(self) -> None:
        incidents, models = vocabularies.incident_vocabulary(), vocabularies.model_vocabulary()
        self.sources = {
            **dict.fromkeys(incidents, vocabularies.INCIDENT_VOCABULARY.name),
            **dict.fromkeys(models, vocabularies.MODEL_VOCABULARY.name),
        }
        self.sections = {
            **{k: vocabularies.vocabulary_lookup(v, "code") for k, v in incidents.items()},
            **{k: vocabularies.vocabulary_lookup(v) for k, v in models.items()},
        }

    def get(self, section: str, value: object) -> str | None:
        """The canonical form of `value` in a section, or None when the section has no such class."""
        return self.sections[section].get(spelling.match_key(value))


@dataclass(frozen=True)
class Row:
    """A row of a sheet: its number as the user sees it and its cells by column name."""

    sheet: str
    number: int
    record: Mapping[str, object]
    # what the sender is told of a row that was read (the code decided over a name, say)
    warnings: list[str] = field(default_factory=list)

    def warn_name(self, column: str, typed: str | None, code: str, name: str) -> None:
        """Warn when the name typed beside a code is not the coded unit's name (the code decides)."""
        if typed and spelling.commune_name_key(typed, False) != spelling.commune_name_key(name, False):
            self.warnings.append(
                f"Sheet '{self.sheet}', dòng {self.number}, cột '{column}': ghi '{typed}' nhưng mã {code} là "
                f"'{name}'; số liệu được tính cho '{name}' theo mã"
            )

    def get(self, column: str) -> object:
        """The raw cell (None when the column is absent)."""
        return self.record.get(column)

    def clean(self, column: str) -> str | None:
        """The cell as tidy text, blank → None, never an error."""
        return spelling.clean_text(self.record.get(column))

    def rejection(self, column: str, expected: str, value: object) -> Rejection:
        """The Rejection for one bad cell of this row."""
        return Rejection([sheets.cell_error(self.sheet, self.number, column, expected, value)])

    def text(self, column: str, required: bool = True, expected: str = TEXT) -> str | None:
        """A text cell; blank is an error when `required`."""
        return sheets.field(self.sheet, self.number, self.record, column, spelling.clean_text, expected, required)

    def count(self, column: str, required: bool = True) -> int | None:
        """A whole number ≥ 0."""
        return sheets.field(self.sheet, self.number, self.record, column, parse_count, COUNT, required)

    def date(self, column: str, required: bool = True) -> dt.date | None:
        """A date as the field types it."""
        return sheets.field(self.sheet, self.number, self.record, column, parse_date, DATE, required)

    def choice(self, column: str, choices: Mapping[str, str]) -> str:
        """The value of one of a few printed choices (matched loosely), or an error listing them."""
        value = self.record.get(column)
        found = {spelling.match_key(k): v for k, v in choices.items()}.get(spelling.match_key(value))
        if found is None:
            raise self.rejection(column, " / ".join(choices), spelling.clean_text(value))
        return found

    def lookup(self, column: str, vocabulary: Vocabulary, section: str, value: object = None) -> str:
        """The canonical class a cell names (`value`: one part of a cell listing several)."""
        value = self.record.get(column) if value is None else value
        found = vocabulary.get(section, value)
        if found is None:
            raise self.rejection(column, f"một loại có trong config/{vocabulary.sources[section]}", value)
        return found
