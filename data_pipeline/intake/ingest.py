"""Validate field files (reports, case lists, model registry, trackers, units file) and stage what
is accepted.

A file is accepted whole or rejected whole; every accepted file is archived raw under its SHA-256,
a file seen before changes nothing, and a rejected one is kept with its reasons beside it. The
Ingestor only orchestrates: the submission store keeps the files, the report reader and the kinds
of table parse them, the denominator check warns."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from data_pipeline.errors import Rejection
from data_pipeline.intake import sheets
from data_pipeline.intake.denominators import UnitCounts, denominator_warnings
from data_pipeline.intake.filecheck import check_file
from data_pipeline.intake.kinds import Context, parse_table
from data_pipeline.intake.report import ParsedReport, is_report, read_report
from data_pipeline.intake.rows import Vocabulary
from data_pipeline.intake.store import SubmissionStore, sha256
from data_pipeline.reference.programme import Programme
from data_pipeline.reference.units import UnitDirectory, seat_agencies
from data_pipeline.settings import Paths

SUPPORTED_SUFFIXES = {".xlsx", ".csv"}
ONLY_REPORTS = "Tài khoản này chỉ được nộp báo cáo của đơn vị; danh sách vụ việc, sổ mô hình, danh mục và bảng nhiệm vụ do quản trị viên nạp"
DUPLICATE = "Tệp này đã được nhận trước đây; không thay đổi gì."


@dataclass
class IngestResult:
    """What happened to each file of one ingest run."""

    files: list[dict] = field(default_factory=list)

    def _with(self, status: str) -> list[dict]:
        return [item for item in self.files if item["status"] == status]

    @property
    def accepted(self) -> list[dict]:
        """Files staged this run."""
        return self._with("accepted")

    @property
    def rejected(self) -> list[dict]:
        """Files refused, each kept with its reasons."""
        return self._with("rejected")

    @property
    def duplicates(self) -> list[dict]:
        """Files received before, which changed nothing."""
        return self._with("duplicate")

    def as_dict(self) -> dict:
        """The result as the CLI prints it in JSON."""
        return {"files": self.files}


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the files inside folders named, in a stable order."""
    files = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        else:
            files.append(path)
    return files


class Ingestor:
    """Validates files for a set of programmes and stages what is accepted."""

    def __init__(
        self,
        paths: Paths,
        programmes: dict[str, Programme],
        default_programme: str,
        scope: set[str] | None = None,
    ):
        """`scope`: the units whose reports this uploader may send (None: any file at all)."""
        self.paths = paths
        self.scope = scope
        self.programmes = programmes
        self.default = programmes[default_programme]
        self.vocabulary = Vocabulary()
        self.now = dt.datetime.now().replace(microsecond=0)
        self.store = SubmissionStore(paths, self.now)
        self._directories: dict[str, UnitDirectory] = {}
        self._unit_counts: dict[str, UnitCounts] = {}
        self._versions: Counter | None = None

    def directory(self, programme: Programme) -> UnitDirectory:
        """Reference units, crosswalk and reporting agencies of a programme, loaded once (again
        after a units file is accepted)."""
        if programme.id not in self._directories:
            self._directories[programme.id] = UnitDirectory(programme, seat_agencies(self.paths, programme))
        return self._directories[programme.id]

    def unit_counts(self, programme: Programme) -> UnitCounts:
        """The units the latest units file lists per area, counted once (again after a units file
        is accepted)."""
        if programme.id not in self._unit_counts:
            listed = self.store.latest_units(programme.id)
            self._unit_counts[programme.id] = UnitCounts(self.directory(programme), listed)
        return self._unit_counts[programme.id]

    def run(
        self,
        files: list[Path],
        progress: Callable[[Path], None] | None = None,
        submitted_at: dt.datetime | None = None,
    ) -> IngestResult:
        """Ingest each file; one bad file never stops the others. `submitted_at` (an upload's
        time, or --submitted-at) overrides the date a report records. A file naming a unit no
        units file lists yet is taken again after the others, in case the batch's units file
        lists it (a folder is read in name order, reports before the units file)."""
        result = IngestResult()
        with self.paths.lock():
            waiting = [path for path in files if not self._ingest_one(path, result, progress, submitted_at, True)]
            for path in waiting:
                self._ingest_one(path, result, progress, submitted_at, False)
        return result

    def _ingest_one(
        self,
        path: Path,
        result: IngestResult,
        progress: Callable[[Path], None] | None,
        submitted_at: dt.datetime | None,
        may_wait: bool,
    ) -> bool:
        """Take one file; False (and nothing recorded) when it names a unit not yet listed and
        `may_wait`."""
        if progress and may_wait:
            progress(path)
        sha = sha256(path) if path.is_file() else ""
        item = {"file": str(path), "sha256": sha, "messages": []}
        if sha and self.store.received(sha):
            self.store.archive(sha, path)
            self.store.leave_inbox(path)
            item.update(status="duplicate", messages=[DUPLICATE])
            result.files.append(item)
            return True
        try:
            kind, tables, details = self.parse(path, submitted_at)
        except Rejection as error:
            if may_wait and error.names_unknown_unit:
                return False
            item.update(status="rejected", messages=error.reasons, kept_as=self.store.reject(path, error.reasons))
            result.files.append(item)
            return True
        # archived before it is staged, and staged before it is reported accepted
        self.store.archive(sha, path)
        self.store.stage(sha, path, tables)
        if "units" in tables:  # the agencies that may report, and the units counted, come from it
            self._directories.clear()
            self._unit_counts.clear()
        item.update(status="accepted", kind=kind, rows=sum(len(rows) for rows in tables.values()), **details)
        item["messages"] = details.get("messages", [])
        result.files.append(item)
        return True

    def parse(self, path: Path, submitted_at: dt.datetime | None = None) -> tuple[str, dict[str, list[dict]], dict]:
        """The file's kind, its rows per staged table and what to tell the user; or Rejection."""
        check_file(path)
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            raise Rejection([f"Định dạng '{suffix or path.name}' không được hỗ trợ (cần .xlsx hoặc .csv)"])
        if suffix == ".csv":
            self._admin_only()
            return *parse_table(path.name, sheets.read_csv(path), self._context()), {}
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many types for a damaged or foreign file
            raise Rejection([f"Không mở được tệp Excel: {error}"]) from None
        try:
            if is_report(workbook):
                report = read_report(workbook, self.programmes, self.directory)
                self._check_scope(report)
                return "report", *self._report_tables(report, submitted_at)
            self._admin_only()
            sheet = workbook.worksheets[0]
            rows = sheets.bounded_rows(sheet.iter_rows(values_only=True), sheet.title)
            return *parse_table(sheet.title, rows, self._context()), {}
        finally:
            workbook.close()

    def _admin_only(self) -> None:
        """An uploader limited to some units sends reports only."""
        if self.scope is not None:
            raise Rejection([ONLY_REPORTS])

    def _check_scope(self, report: ParsedReport) -> None:
        """An uploader limited to some units sends their reports only."""
        if self.scope is not None and report.unit_code not in self.scope:
            raise Rejection(
                [f"Tài khoản này chỉ được nộp báo cáo của đơn vị thuộc địa bàn mình, không phải '{report.unit_code}'"]
            )

    def _context(self) -> Context:
        return Context(
            self.default, self.now, self.vocabulary, lambda: self.directory(self.default), self.store.listed_units
        )

    def _report_tables(self, report: ParsedReport, submitted_at: dt.datetime | None) -> tuple[dict, dict]:
        """The staged tables of an accepted report, and what the user is told of it."""
        if submitted_at is not None:
            submitted_on, source = submitted_at.date(), "thời điểm nhận tệp"
        elif report.recorded_on is not None:
            submitted_on, source = report.recorded_on, "ngày ghi trong báo cáo"
        else:
            submitted_on, source = self.now.date(), "ngày nạp tệp"
        submission = {
            "ingested_at": self.now,
            "programme_id": report.programme.id,
            "unit_code": report.unit_code,
            "period": report.period,
            "submitted_on": submitted_on,
            "submitted_on_source": source,
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
            "submitted_on": submitted_on.isoformat(),
            "version": self._next_version(report),
            "messages": [*report.notes, *denominator_warnings(report, self.unit_counts(report.programme))],
        }
        return tables, details

    def _next_version(self, report: ParsedReport) -> int:
        """1 for a unit's first report of a period, then 2, 3… for each corrected file."""
        if self._versions is None:
            rows = self.store.staged_rows("report_submissions", ["programme_id", "unit_code", "period"])
            self._versions = Counter(rows)
        key = (report.programme.id, report.unit_code, report.period)
        self._versions[key] += 1
        return self._versions[key]
