"""When each file was received, and who vouches for the time: the system's upload time, the
secretariat's --submitted-at, its receipt register (sổ nhận văn bản: file → when the văn thư or
the mail received it), or else the moment ingest first saw the file. A unit's own date in its
workbook is never the receipt time: it is kept beside it and flagged when far earlier."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from data_pipeline.errors import InputError, Rejection
from data_pipeline.intake import sheets
from data_pipeline.reference import spelling
from data_pipeline.settings import RECEIPT_REGISTER_NAME as REGISTER_NAME

REGISTER_COLUMNS = {"Tệp": "file", "Thời điểm nhận": "received_at", "Ghi chú": "note"}
SOURCES = {
    "upload": "thời điểm tải lên hệ thống",
    "option": "thời điểm nhận do văn thư ghi khi nạp (--submitted-at)",
    "register": f"sổ nhận văn bản ({REGISTER_NAME})",
    "first_seen": "thời điểm hệ thống nạp tệp lần đầu",
}
MOMENT = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?")


@dataclass(frozen=True)
class Receipt:
    """When a file was received and what says so (a key of SOURCES)."""

    at: dt.datetime
    source: str

    @property
    def label(self) -> str:
        """The source as users read it."""
        return SOURCES[self.source]


def parse_moment(value: object) -> dt.datetime:
    """A receipt time as typed: 15/11/2025, 15/11/2025 14:30, or ISO (2025-11-15T14:30);
    ValueError for anything else."""
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    text = " ".join(unicodedata.normalize("NFC", str(value or "")).split())
    if match := MOMENT.fullmatch(text):
        day, month, year, hour, minute, second = (int(g) if g else 0 for g in match.groups())
        return dt.datetime(year, month, day, hour, minute, second)
    return dt.datetime.fromisoformat(text).replace(microsecond=0, tzinfo=None)


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", Path(name.replace("\\", "/")).name).strip().casefold()


def is_register(path: Path) -> bool:
    """Whether a file is a receipt register rather than a submission."""
    return _key(path.name) == REGISTER_NAME


class ReceiptRegister:
    """The receipt times the secretariat's registers give, by file name (the last entry for a
    name wins, as a register is appended to)."""

    def __init__(self, entries: dict[str, dt.datetime] | None = None):
        self.entries = entries or {}

    @classmethod
    def read(cls, registers: Iterable[Path]) -> ReceiptRegister:
        """The registers that exist, in order; InputError naming the register, row and column of
        a bad entry (nothing is ingested against a register that cannot be read)."""
        entries: dict[str, dt.datetime] = {}
        for register in registers:
            if not register.is_file():
                continue
            try:
                table = sheets.read_table(
                    register.name, sheets.read_csv(register), REGISTER_COLUMNS, ["Tệp", "Thời điểm nhận"]
                )
            except Rejection as error:
                raise InputError(f"Sổ nhận văn bản {register}: {'; '.join(error.reasons)}") from None
            for number, record in table.records:
                name = spelling.clean_text(record["Tệp"])
                try:
                    at = parse_moment(record["Thời điểm nhận"])
                except (ValueError, TypeError):
                    at = None
                if not name or at is None:
                    column = "Tệp" if not name else "Thời điểm nhận"
                    expected = "tên tệp" if not name else "thời điểm dạng dd/mm/yyyy hh:mm"
                    problem = sheets.cell_error(register.name, number, column, expected, record[column])
                    raise InputError(f"Sổ nhận văn bản {register}: {problem}")
                entries[_key(name)] = at
        return cls(entries)

    def receipt(self, path: Path) -> Receipt | None:
        """The register's receipt of a file, if it lists it."""
        at = self.entries.get(_key(path.name))
        return Receipt(at, "register") if at is not None else None


def registers_for(files: Iterable[Path], home_register: Path) -> list[Path]:
    """The home's register (beside the inbox), then any register among the files given."""
    return [home_register, *(path for path in files if is_register(path))]
