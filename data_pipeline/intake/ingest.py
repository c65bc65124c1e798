"""Validate field files (reports, case lists, model registry, trackers, units file) and stage what
is accepted.

A file is accepted whole or rejected whole; every accepted file is archived raw under its SHA-256,
a file seen before changes nothing, and a rejected one is kept with its reasons beside it. The
Ingestor only orchestrates: the submission store keeps the files, the report reader and the kinds
of table parse them, the denominator check warns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from data_pipeline.errors import Rejection
from data_pipeline.intake import sheets
from data_pipeline.intake.denominators import UnitCounts, denominator_warnings
from data_pipeline.intake.filecheck import check_file
from data_pipeline.intake.kinds import UNRECOGNISED, Context, parse_table, recognised
from data_pipeline.intake.ledger import Held, ReportFile, ReportLedger
from data_pipeline.intake.receipts import Receipt, ReceiptRegister, is_register, registers_for
from data_pipeline.intake.report import ParsedReport, check_not_orphaned, is_report, read_report
from data_pipeline.intake.rows import Vocabulary
from data_pipeline.intake.spreadsheet import Spreadsheet, open_spreadsheet
from data_pipeline.intake.store import SubmissionStore, sha256
from data_pipeline.reference.programme import Programme
from data_pipeline.reference.units import UnitDirectory, seat_agencies
from data_pipeline.settings import Paths

SUPPORTED_SUFFIXES = {".xlsx", ".xls", ".ods", ".csv"}
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
    def held(self) -> list[dict]:
        """Files kept aside for the secretariat, each with what to do."""
        return self._with("held")

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


def submissions_only(files: Iterable[Path]) -> list[Path]:
    """The files to ingest, without the receipt registers among them."""
    return [path for path in files if not is_register(path)]


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
        # when this run first sees its files: runs are serialised by the lock, so later runs' are later
        self.seen_at = dt.datetime.now()
        self.now = self.seen_at.replace(microsecond=0)
        self.store = SubmissionStore(paths, self.now)
        self._directories: dict[str, UnitDirectory] = {}
        self._unit_counts: dict[str, UnitCounts] = {}
        self.ledger = ReportLedger(self.store, lambda report, code: self.directory(report.programme).identity(code)[1])
        self.register = ReceiptRegister()

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
        received: Receipt | None = None,
    ) -> IngestResult:
        """Ingest each file; one bad file never stops the others. `received`: when the files were
        received (an upload's time, or --submitted-at); else the receipt registers (the home's,
        and one among the files) say, or else now. A file naming a unit no units file lists yet
        is taken again after the others, in case the batch's units file lists it (a folder is
        read in name order, reports before the units file)."""
        result = IngestResult()
        with self.paths.lock():
            self.register = ReceiptRegister.read(registers_for(files, self.paths.receipt_register))
            files = submissions_only(files)
            waiting = [path for path in files if not self._ingest_one(path, result, progress, received, True)]
            for path in waiting:
                self._ingest_one(path, result, progress, received, False)
        return result

    def receipt(self, path: Path, received: Receipt | None) -> Receipt:
        """When a file was received, by the most trusted source that says."""
        return received or self.register.receipt(path) or Receipt(self.seen_at, "first_seen")

    def _ingest_one(
        self,
        path: Path,
        result: IngestResult,
        progress: Callable[[Path], None] | None,
        received: Receipt | None,
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
            kind, tables, details = self.parse(path, self.receipt(path, received), sha)
        except Rejection as error:
            if may_wait and error.names_unknown_unit:
                return False
            item.update(status="rejected", messages=error.reasons, kept_as=self.store.reject(path, error.reasons))
            result.files.append(item)
            return True
        except Held as held:
            item.update(status="held", messages=held.reasons, kept_as=self.store.hold(path, held.reasons))
            result.files.append(item)
            return True
        # archived before it is staged, and staged before it is reported accepted
        self.store.archive(sha, path)
        self.store.stage(sha, path, tables)
        if "units" in tables:  # the agencies that may report, and the units counted, come from it
            self._directories.clear()
            self._unit_counts.clear()
        if kind == "report":
            self.ledger.add({"file_sha256": sha, "source_name": path.name, **tables["report_submissions"][0]})
        item.update(status="accepted", kind=kind, rows=sum(len(rows) for rows in tables.values()), **details)
        item["messages"] = details.get("messages", [])
        result.files.append(item)
        return True

    def parse(self, path: Path, receipt: Receipt, sha: str = "") -> tuple[str, dict[str, list[dict]], dict]:
        """The file's kind, its rows per staged table and what to tell the user; or Rejection
        (or Held, for a report whose place among its versions cannot be decided)."""
        check_file(path)
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            raise Rejection([f"Định dạng '{suffix or path.name}' không được hỗ trợ (cần .xlsx, .xls, .ods hoặc .csv)"])
        if suffix == ".csv":
            self._admin_only()
            kind, tables, notes = parse_table(path.name, sheets.read_csv(path), self._context())
            return kind, tables, {"messages": notes}
        workbook = open_spreadsheet(path)
        if is_report(workbook):
            report = read_report(workbook, self.programmes, self.directory)
            self._check_scope(report)
            tables, details = self.ledger.take(ReportFile(report, path, sha, receipt, workbook.saved_at), self.now)
            details["messages"] += denominator_warnings(report, self.unit_counts(report.programme))
            return "report", tables, details
        check_not_orphaned(workbook)
        self._admin_only()
        sheet = self._table_sheet(workbook)
        kind, tables, notes = parse_table(sheet.title, sheet.rows, self._context())
        return kind, tables, {"messages": notes}

    @staticmethod
    def _table_sheet(workbook: Spreadsheet):
        """The first visible sheet some kind of table recognises (a cover sheet may come first)."""
        shown = workbook.visible or workbook.sheets
        if not shown:
            raise Rejection(["Tệp không có sheet nào"])
        sheet = next((sheet for sheet in shown if recognised(sheet.rows) is not None), None)
        if sheet is None:
            raise Rejection([UNRECOGNISED.format(sheet=shown[0].title)])
        return sheet

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
