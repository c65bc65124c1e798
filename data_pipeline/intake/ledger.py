"""The reports received so far, as one ingest run needs them: to place a new file among the
versions of its report, to find another unit's report with the very same figures, and to turn an
accepted report into the rows it stages, with what its sender is told."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from data_pipeline.errors import Rejection
from data_pipeline.formatting import fmt_date
from data_pipeline.intake.receipts import Receipt
from data_pipeline.intake.report import ParsedReport
from data_pipeline.intake.store import SubmissionStore
from data_pipeline.intake.versions import Version, held_message, name_mark, place

LEDGER_COLUMNS = [
    "programme_id",
    "unit_code",
    "period",
    "file_sha256",
    "source_name",
    "received_at",
    "version_mark",
    "version_mark_source",
    "saved_at",
    "figures_sha256",
]
# Reports with fewer non-zero figures than this are not compared (two empty reports match).
MIN_FIGURES_COMPARED = 2


class Held(Exception):
    """A file kept aside for the secretariat (its place among its report's versions cannot be
    decided), with what to tell it."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def figures_fingerprint(report: ParsedReport) -> str | None:
    """A digest of the report's figures, or None when too few are non-zero to compare."""
    figures = sorted(
        [(v["indicator_code"], v["numerator"], v["denominator"]) for v in report.values]
        + [(a["activity_code"], a["value"], None) for a in report.activities]
    )
    non_zero = sum(1 for _, a, b in figures for n in (a, b) if n)
    if non_zero < MIN_FIGURES_COMPARED:
        return None
    return hashlib.sha256(json.dumps(figures).encode()).hexdigest()


@dataclass
class ReportFile:
    """One report file as it is being taken: the report, the file, and when it was received."""

    report: ParsedReport
    path: Path
    sha: str
    receipt: Receipt
    saved_at: dt.datetime | None

    def version(self) -> Version:
        """What orders this file among its report's versions."""
        mark, source = self.report.version_mark, "workbook"
        if mark is None:
            mark, source = name_mark(self.path.name), "name"
        saved = self.saved_at
        if saved is None and self.receipt.source != "upload":  # an upload's file was written by us
            saved = dt.datetime.fromtimestamp(self.path.stat().st_mtime).replace(microsecond=0)
        return Version(self.sha, self.path.name, self.receipt.at, mark, source if mark else None, saved)


class ReportLedger:
    """The staged report submissions (read once per run) and those accepted in this run."""

    def __init__(self, store: SubmissionStore, unit_name: Callable[[ParsedReport, str], str]):
        """`unit_name(report, code)`: how a message names another unit of the report's programme."""
        self.store = store
        self.unit_name = unit_name
        self._rows: list[dict] | None = None

    def rows(self) -> list[dict]:
        """Every submission known: staged before this run, then accepted in it."""
        if self._rows is None:
            staged = self.store.staged_rows("report_submissions", LEDGER_COLUMNS)
            self._rows = [dict(zip(LEDGER_COLUMNS, row, strict=True)) for row in staged]
        return self._rows

    def add(self, submission: dict) -> None:
        """Remember a submission accepted in this run."""
        self.rows().append({column: submission.get(column) for column in LEDGER_COLUMNS})

    def versions(self, report: ParsedReport) -> list[Version]:
        """The versions received so far of one report."""
        key = (report.programme.id, report.unit_code, report.period)
        return [
            Version(
                row["file_sha256"],
                row["source_name"],
                row["received_at"],
                row["version_mark"],
                row["version_mark_source"],
                row["saved_at"],
            )
            for row in self.rows()
            if (row["programme_id"], row["unit_code"], row["period"]) == key and row["received_at"] is not None
        ]

    def twins(self, report: ParsedReport, fingerprint: str | None) -> list[str]:
        """Other units whose report for the same period has exactly these figures."""
        if fingerprint is None:
            return []
        found: dict[str, None] = {}
        for row in self.rows():
            if (
                row["figures_sha256"] == fingerprint
                and row["programme_id"] == report.programme.id
                and row["period"] == report.period
                and row["unit_code"] != report.unit_code
            ):
                found[row["unit_code"]] = None
        return list(found)

    def take(self, taken: ReportFile, now: dt.datetime) -> tuple[dict, dict]:
        """The staged tables of an accepted report and what its sender is told; Held when its
        place among the report's versions cannot be decided, Rejection for a period not open."""
        report, receipt = taken.report, taken.receipt
        period = report.programme.period(report.period)
        if receipt.at.date() < period.opens:
            raise Rejection(
                [
                    f"Kỳ báo cáo '{period.label}' chưa mở: báo cáo kỳ này được nhận từ ngày {fmt_date(period.opens)}, "
                    f"tệp nhận ngày {fmt_date(receipt.at.date())} ({receipt.label})"
                ]
            )
        version = taken.version()
        placed = place(version, self.versions(report))
        if placed.tied_with is not None:
            raise Held([held_message(version, placed.tied_with)])
        fingerprint = figures_fingerprint(report)
        submission = {
            "ingested_at": now,
            "programme_id": report.programme.id,
            "unit_code": report.unit_code,
            "period": report.period,
            "submitted_on": receipt.at.date(),
            "received_at": receipt.at,
            "received_source": receipt.label,
            "recorded_on": report.recorded_on,
            "version_mark": version.version_mark,
            "version_mark_source": version.version_mark_source,
            "saved_at": version.saved_at,
            "version_reason": placed.reason,
            "figures_sha256": fingerprint,
            "template_version": report.template_version,
        }
        tables = {
            "report_submissions": [submission],
            "report_values": report.values,
            "report_activities": report.activities,
            "report_narratives": report.narratives,
        }
        details = {
            "unit_code": report.unit_code,
            "period": report.period,
            "received_at": receipt.at.isoformat(sep=" ", timespec="seconds"),
            "received_source": receipt.label,
            "recorded_on": report.recorded_on.isoformat() if report.recorded_on else None,
            "version": placed.number,
            "version_reason": placed.reason,
            "messages": [*report.notes, *self._flags(report, receipt, fingerprint)],
        }
        return tables, details

    def _flags(self, report: ParsedReport, receipt: Receipt, fingerprint: str | None) -> list[str]:
        """What the secretariat should look at in a report accepted as it is."""
        flags = []
        days = report.programme.backdated_days
        if report.recorded_on is not None and report.recorded_on < receipt.at.date() - dt.timedelta(days=days):
            flags.append(
                f"Ngày ghi trong báo cáo {fmt_date(report.recorded_on)} sớm hơn ngày nhận "
                f"{fmt_date(receipt.at.date())} quá {days} ngày: hạn nộp được tính theo ngày nhận ({receipt.label})"
            )
        for unit in self.twins(report, fingerprint):
            flags.append(
                f"Số liệu trùng khớp hoàn toàn với báo cáo cùng kỳ của {self.unit_name(report, unit)} (mã {unit}): "
                "kiểm tra lại, có thể tệp "
                "được sao chép từ đơn vị khác và chỉ đổi thông tin đơn vị"
            )
        return flags
