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
    writes the staged table `name`; `check` looks at all its rows together once each is valid."""

    name: str
    columns: dict[str, str]
    required: tuple[str, ...]
    parse_row: Callable[[Row, Context], dict]
    check: Callable[[str, Parsed, Context], None] | None = None

    def recognises(self, rows: Iterable[tuple]) -> bool:
        """Whether a table's header has this kind's first required columns."""
        return sheets.has_header(rows, self.required[:3])

    def parse(self, sheet: str, table: list[tuple], context: Context) -> Parsed:
        """Every row read (with its number), or one Rejection listing every bad cell."""
        rows, errors = [], []
        try:
            for number, record in sheets.records(sheet, table, self.columns, self.required):
                try:
                    row = self.parse_row(Row(sheet, number, record), context)
                except Rejection as error:
                    errors.extend(error.reasons)
                    continue
                rows.append((number, {"ingested_at": context.now, "programme_id": context.programme.id, **row}))
        except Rejection as error:
            errors.extend(error.reasons)
        if errors:
            raise Rejection(errors)
        if not rows:
            raise Rejection([f"Sheet '{sheet}': không có dòng số liệu nào"])
        if self.check is not None:
            self.check(sheet, rows, context)
        return rows
