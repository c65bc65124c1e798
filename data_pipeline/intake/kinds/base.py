"""What every kind of field table shares: the context a row parser may consult and the shape of
a kind (how it is recognised, which staged table it writes, how one row is read)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from data_pipeline.errors import Rejection
from data_pipeline.intake import sheets
from data_pipeline.intake.rows import Row, Vocabulary
from data_pipeline.reference.programme import Programme
from data_pipeline.reference.units import UnitDirectory


@dataclass(frozen=True)
class Context:
    """What a row parser may consult: the programme the file is for, its units (loaded on first
    use), the units files accepted so far, the vocabularies and the time of the run."""

    programme: Programme
    now: dt.datetime
    vocabulary: Vocabulary
    directory: Callable[[], UnitDirectory]
    listed_units: Callable[[], set[str]]

    def known_units(self) -> set[str]:
        """Codes of the programme's reference units (province, districts, communes)."""
        return set(self.directory().units.index)


Parsed = list[tuple[int, dict]]


@dataclass(frozen=True)
class Kind:
    """One kind of field table: recognised by the first three of its required columns, it
    writes the staged table `name`; `check` looks at all its rows together once each is valid.
    Every column it knows must be in the header except the `optional` ones and, of each
    `alternatives` group, all but one."""

    name: str
    columns: dict[str, str]
    required: tuple[str, ...]
    parse_row: Callable[[Row, Context], dict]
    check: Callable[[str, Parsed, Context], None] | None = None
    optional: tuple[str, ...] = ()
    alternatives: tuple[tuple[str, ...], ...] = ()

    @property
    def expected(self) -> list[str]:
        """The columns a table of this kind must have besides the required ones."""
        grouped = {column for group in self.alternatives for column in group}
        return [c for c in self.columns if c not in (*self.required, *self.optional) and c not in grouped]

    def recognises(self, rows: Iterable[tuple]) -> bool:
        """Whether a table's header has this kind's first required columns."""
        return sheets.has_header(rows, self.required[:3])

    def parse(self, sheet: str, table: list[tuple], context: Context) -> tuple[Parsed, list[str]]:
        """Every row read (with its number) and what the sender is told of the table (rows not
        read, warnings); or one Rejection listing every bad cell."""
        read = sheets.read_table(sheet, table, self.columns, self.required, self.expected, self.alternatives)
        rows, errors, notes = [], [], list(read.notes)
        for number, record in read.records:
            row = Row(sheet, number, record)
            try:
                parsed = self.parse_row(row, context)
            except Rejection as error:
                errors.extend(error.reasons)
                continue
            notes.extend(row.warnings)
            rows.append((number, {"ingested_at": context.now, "programme_id": context.programme.id, **parsed}))
        if errors:
            raise Rejection(errors)
        if not rows:
            raise Rejection([f"Sheet '{sheet}': không có dòng số liệu nào"])
        if self.check is not None:
            self.check(sheet, rows, context)
        return rows, notes
