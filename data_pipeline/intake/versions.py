"""The order of the files a unit sent for one report, from facts in this order of trust: when
each was received (the system's or the secretariat's time), the number the unit gave it (written
in the workbook, or `_v2` / `lan2` in the file name), and when the workbook was last saved. When
none of them tells two files apart, the later one is held for the secretariat: a hash never
decides which figures are in force. The build orders the versions by the same facts."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from data_pipeline.formatting import fmt_date

# `_v2`, `-V3`, `lan2`, `lần 2`, `lan_02` in a file name (after accents are taken off).
NAME_MARK = re.compile(r"(?:^|[^a-z0-9])(?:v|ver|lan)[\s_.-]*0?(\d{1,2})(?![0-9])")
MARK_SOURCES = {"workbook": "ghi trong tệp", "name": "ghi trong tên tệp"}


def name_mark(name: str) -> int | None:
    """The version a file name carries (bao_cao_v2.xlsx → 2), if any."""
    text = unicodedata.normalize("NFD", Path(name).stem.lower()).replace("đ", "d")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    found = NAME_MARK.findall(text)
    return int(found[-1]) if found and int(found[-1]) >= 1 else None


@dataclass(frozen=True)
class Version:
    """What is known of one file of a report: when received, the unit's number, when saved."""

    file_sha256: str
    source_name: str
    received_at: dt.datetime
    version_mark: int | None
    version_mark_source: str | None
    saved_at: dt.datetime | None

    @property
    def mark(self) -> int:
        """The unit's number for the file; a file without one is its first."""
        return self.version_mark or 1


def compare(later: Version, earlier: Version) -> str | None:
    """Why `later` comes after `earlier` (the first fact that tells them apart), or None when it
    does not (it comes before, or nothing tells them apart)."""
    if later.received_at != earlier.received_at:
        if later.received_at > earlier.received_at:
            return f"nhận sau ({_moment(later.received_at)}, bản trước {_moment(earlier.received_at)})"
        return None
    if later.mark != earlier.mark:
        if later.mark > earlier.mark:
            return f"cùng thời điểm nhận; lần gửi {later.mark} {MARK_SOURCES[later.version_mark_source or 'name']}"
        return None
    if later.saved_at and earlier.saved_at and later.saved_at > earlier.saved_at:
        return f"cùng thời điểm nhận và lần gửi; tệp lưu sau ({_moment(later.saved_at)})"
    return None


def undecided(a: Version, b: Version) -> bool:
    """Whether no fact tells two files of one report apart."""
    return compare(a, b) is None and compare(b, a) is None


@dataclass(frozen=True)
class Placed:
    """Where a new file falls among a report's versions: its number and why it follows the one
    before it; or, when it cannot be placed, the file it cannot be told apart from."""

    number: int
    reason: str
    tied_with: Version | None = None


def place(new: Version, others: list[Version]) -> Placed:
    """The new file's place among the report's other versions."""
    tied = next((other for other in others if undecided(new, other)), None)
    if tied is not None:
        return Placed(0, "", tied)
    before = [other for other in others if compare(new, other) is not None]
    if not before:
        if not others:
            return Placed(1, "bản đầu tiên")
        after = others[0]
        return Placed(1, f"đứng trước bản '{after.source_name}' đã nhận, vì bản đó {compare(after, new)}")
    latest = before[0]
    for other in before[1:]:
        if compare(other, latest) is not None:
            latest = other
    return Placed(len(before) + 1, compare(new, latest) or "")


def held_message(new: Version, tied: Version) -> str:
    """What the secretariat is told of a file held because its order cannot be decided."""
    return (
        f"Tệp này và tệp '{tied.source_name}' là hai bản của cùng một báo cáo, nhận cùng thời điểm "
        f"({_moment(new.received_at)}), không ghi lần gửi khác nhau và không biết tệp nào lưu sau, nên không "
        "xác định được bản nào mới hơn. Tệp được tạm giữ, chưa tính vào số liệu. Để nhận: ghi thời điểm nhận "
        f"của từng tệp vào sổ nhận văn bản, hoặc đặt tên tệp có lần gửi (ví dụ '_v2'), rồi nạp lại tệp này"
    )


def _moment(at: dt.datetime) -> str:
    return fmt_date(at)
