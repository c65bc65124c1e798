"""Validate field files (reports, case lists, model registry, units file) and stage what is accepted.

A file is accepted whole or rejected whole; every accepted file is archived raw under its SHA-256,
a file seen before changes nothing, and a rejected one is kept with its reasons beside it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from data_pipeline.errors import Rejection, UnitError
from data_pipeline.intake import layouts, sheets
from data_pipeline.intake.filecheck import check_file
from data_pipeline.intake.report import ParsedReport, is_report, read_report
from data_pipeline.intake.staged import COMPLETING_TABLES, STAGED_SCHEMAS
from data_pipeline.intake.values import parse_count, parse_date
from data_pipeline.reference import spelling, vocabularies
from data_pipeline.reference.programme import Programme
from data_pipeline.reference.units import UnitDirectory, seat_agencies
from data_pipeline.settings import Paths
from data_pipeline.warehouse.manifest import read_table

SUPPORTED_SUFFIXES = {".xlsx", ".csv"}
# Report denominators checked against the units file, and how far they may stray before a warning.
CHECKED_COVERAGE = ("village", "agency", "school", "enterprise")
DENOMINATOR_TOLERANCE = 0.2
VIEW_OF_STRUCTURE = {"legacy": "legacy", "2025": "new"}
ONLY_REPORTS = "Tài khoản này chỉ được nộp báo cáo của đơn vị; danh sách vụ việc, sổ mô hình, danh mục và bảng nhiệm vụ do quản trị viên nạp"


@dataclass
class IngestResult:
    """What happened to each file of one ingest run."""

    files: list[dict] = field(default_factory=list)

    def _with(self, status: str) -> list[dict]:
        return [item for item in self.files if item["status"] == status]

    @property
    def accepted(self) -> list[dict]:
        return self._with("accepted")

    @property
    def rejected(self) -> list[dict]:
        return self._with("rejected")

    @property
    def duplicates(self) -> list[dict]:
        return self._with("duplicate")

    def as_dict(self) -> dict:
        return {"files": self.files}


def _sha256(path: Path) -> str:
    """The file's SHA-256, read in chunks (a file may be large before it is refused)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


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
        self.vocabulary = {
            **{k: vocabularies.vocabulary_lookup(v, "code") for k, v in vocabularies.incident_vocabulary().items()},
            **{k: vocabularies.vocabulary_lookup(v) for k, v in vocabularies.model_vocabulary().items()},
        }
        self._directories: dict[str, UnitDirectory] = {}
        self.now = dt.datetime.now().replace(microsecond=0)
        self._versions: Counter | None = None
        self._coverage: pd.DataFrame | None = None

    def directory(self, programme: Programme) -> UnitDirectory:
        """Reference units, crosswalk and reporting agencies of a programme, loaded once (again
        after a units file is accepted)."""
        if programme.id not in self._directories:
            self._directories[programme.id] = UnitDirectory(programme, seat_agencies(self.paths.staged, programme))
        return self._directories[programme.id]

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

    def _received(self, sha: str) -> bool:
        """Whether a file was fully accepted before: its last staged table is in place (a file
        whose ingest was killed half-way is taken again)."""
        return any((self.paths.staged / table / f"{sha}.parquet").exists() for table in COMPLETING_TABLES)

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
        sha = _sha256(path) if path.is_file() else ""
        item = {"file": str(path), "sha256": sha, "messages": []}
        if sha and self._received(sha):
            self._archive(sha, path)
            self._leave_inbox(path)
            item.update(status="duplicate", messages=["Tệp này đã được nhận trước đây; không thay đổi gì."])
            result.files.append(item)
            return True
        try:
            kind, tables, details = self.parse(path, submitted_at)
        except Rejection as error:
            if may_wait and error.names_unknown_unit:
                return False
            item.update(status="rejected", messages=error.reasons, kept_as=self._reject(path, error))
            result.files.append(item)
            return True
        # archived before it is staged, and staged before it is reported accepted
        self._archive(sha, path)
        self._stage(sha, path, tables)
        if "units" in tables:
            self._directories.clear()  # the agencies that may report come from the units file
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
            if self.scope is not None:
                raise Rejection([ONLY_REPORTS])
            kind, tables = self._parse_table(path.name, sheets.read_csv(path))
            return kind, tables, {}
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many types for a damaged or foreign file
            raise Rejection([f"Không mở được tệp Excel: {error}"]) from None
        try:
            if is_report(workbook):
                report = read_report(workbook, self.programmes, self.directory)
                if self.scope is not None and report.unit_code not in self.scope:
                    raise Rejection(
                        [
                            f"Tài khoản này chỉ được nộp báo cáo của đơn vị thuộc địa bàn mình, không phải '{report.unit_code}'"
                        ]
                    )
                return "report", *self._report_tables(report, submitted_at)
            if self.scope is not None:
                raise Rejection([ONLY_REPORTS])
            sheet = workbook.worksheets[0]
            kind, tables = self._parse_table(
                sheet.title, sheets.bounded_rows(sheet.iter_rows(values_only=True), sheet.title)
            )
            return kind, tables, {}
        finally:
            workbook.close()

    def _report_tables(self, report: ParsedReport, submitted_at: dt.datetime | None) -> tuple[dict, dict]:
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
            "report_models": report.models,
            "report_narratives": report.narratives,
        }
        details = {
            "unit_code": report.unit_code,
            "period": report.period,
            "submitted_on": submitted_on.isoformat(),
            "version": self._next_version(report),
            "messages": self._denominator_warnings(report),
        }
        return tables, details

    def _next_version(self, report: ParsedReport) -> int:
        """1 for a unit's first report of a period, then 2, 3… for each corrected file."""
        if self._versions is None:
            self._versions = Counter(self._staged_rows("report_submissions", ["programme_id", "unit_code", "period"]))
        key = (report.programme.id, report.unit_code, report.period)
        self._versions[key] += 1
        return self._versions[key]

    def _denominator_warnings(self, report: ParsedReport) -> list[str]:
        """Warn (without rejecting) when a denominator strays far from the units file's count."""
        if self._coverage is None:
            warehouse = self.paths.warehouse
            built = (warehouse / "manifest.json").exists()
            self._coverage = read_table(warehouse, "mart_model_coverage") if built else pd.DataFrame()
        coverage = self._coverage
        if coverage.empty:
            return []
        view = VIEW_OF_STRUCTURE[report.programme.reporters(report.period).structure]
        counts = coverage[
            (coverage.programme_id == report.programme.id)
            & (coverage.view == view)
            & (coverage.unit_code == report.unit_code)
        ]
        expected = dict(zip(counts.indicator_code, counts.units, strict=True))
        kinds = {i.code: i.coverage_of for i in report.programme.indicators}
        warnings = []
        for value in report.values:
            units = expected.get(value["indicator_code"])
            checked = kinds.get(value["indicator_code"]) in CHECKED_COVERAGE and units is not None
            if checked and abs(value["denominator"] - units) > max(2, DENOMINATOR_TOLERANCE * units):
                warnings.append(
                    f"Cảnh báo — Sheet '{layouts.REPORT_TARGETS_SHEET}', chỉ tiêu {value['indicator_code']}, cột 'Mẫu số': "
                    f"{value['denominator']} khác xa số đơn vị trong danh mục ({units}); vẫn nhận báo cáo, đề nghị kiểm tra."
                )
        return warnings

    def _parse_table(self, sheet: str, rows: list[tuple]) -> tuple[str, dict[str, list[dict]]]:
        for kind, columns, required, parser in (
            ("incidents", layouts.INCIDENT_COLUMNS, layouts.INCIDENT_REQUIRED, self._incident),
            ("contacts", layouts.CONTACT_COLUMNS, layouts.CONTACT_REQUIRED, self._contact),
            ("milestones", layouts.MILESTONE_COLUMNS, layouts.MILESTONE_REQUIRED, self._milestone),
            ("models", layouts.MODEL_COLUMNS, layouts.MODEL_REQUIRED, self._model),
            ("tasks", layouts.TASK_COLUMNS, layouts.TASK_REQUIRED, self._task),
            ("units", layouts.UNIT_COLUMNS, layouts.UNIT_REQUIRED, self._unit),
        ):
            if sheets.has_header(rows, required[:3]):
                records = sheets.records(sheet, rows, columns, required)
                parsed = self._collect(sheet, records, parser)
                if kind == "units":
                    self._check_units(sheet, parsed)
                if kind == "models":
                    self._check_model_units(sheet, parsed)
                return kind, {kind: [row for _, row in parsed]}
        raise Rejection(
            [
                f"Sheet '{sheet}': không nhận ra loại tệp (không phải báo cáo, danh sách vụ việc, sổ mô hình, "
                "sổ tiếp xúc quản trị viên, bảng theo dõi các bước, bảng theo dõi nhiệm vụ hay danh mục đơn vị)"
            ]
        )

    def _collect(self, sheet: str, records, parser) -> list[tuple[int, dict]]:
        rows, errors = [], []
        try:
            for number, record in records:
                try:
                    rows.append((number, parser(sheet, number, record)))
                except Rejection as error:
                    errors.extend(error.reasons)
        except Rejection as error:
            errors.extend(error.reasons)
        if errors:
            raise Rejection(errors)
        if not rows:
            raise Rejection([f"Sheet '{sheet}': không có dòng số liệu nào"])
        return rows

    def _listed_units(self) -> set[str]:
        """Units of the units files accepted so far (staged), besides the reference units."""
        return {code for (code,) in self._staged_rows("units", ["unit_code"])}

    def _staged_rows(self, table: str, columns: list[str]) -> list[tuple]:
        """Some columns of every staged file of one kind, in one DuckDB scan (a country's
        thousands of reports: one pandas read per file made each ingest run slower than the last)."""
        folder = self.paths.staged / table
        if not any(folder.glob("*.parquet")):
            return []
        pattern = str(folder / "*.parquet").replace("'", "''")
        with duckdb.connect() as con:
            return con.execute(f"select {', '.join(columns)} from read_parquet('{pattern}')").fetchall()

    def _check_model_units(self, sheet: str, rows: list[tuple[int, dict]]) -> None:
        """A model belongs to a known unit; otherwise it could be counted nowhere."""
        known = set(self.directory(self.default).units.index) | self._listed_units()
        errors = [
            sheets.cell_error(
                sheet,
                number,
                "Mã đơn vị",
                "mã một đơn vị đã có (xã, huyện hoặc danh mục đơn vị đã nạp)",
                row["unit_code"],
            )
            for number, row in rows
            if row["unit_code"] not in known
        ]
        if errors:
            raise Rejection(errors, names_unknown_unit=True)

    def _check_units(self, sheet: str, rows: list[tuple[int, dict]]) -> None:
        """A units file names each unit once, and each parent is a known unit or one listed above it."""
        known = set(self.directory(self.default).units.index)
        errors, listed = [], set()
        for number, row in rows:
            if row["unit_code"] in listed or row["unit_code"] in known:
                errors.append(
                    sheets.cell_error(sheet, number, "Mã đơn vị", "mã chưa dùng cho đơn vị khác", row["unit_code"])
                )
            listed.add(row["unit_code"])
        for number, row in rows:
            if row["parent_code"] not in known | listed:
                errors.append(
                    sheets.cell_error(
                        sheet,
                        number,
                        "Mã đơn vị cấp trên",
                        "mã tỉnh, huyện, xã hoặc đơn vị có trong tệp",
                        row["parent_code"],
                    )
                )
        if errors:
            raise Rejection(errors)

    def _lookup(self, sheet: str, number: int, record: dict, column: str, section: str) -> str:
        value = record.get(column)
        code = self.vocabulary[section].get(spelling.match_key(value))
        if code is None:
            source = (
                vocabularies.MODEL_VOCABULARY
                if section in vocabularies.model_vocabulary()
                else vocabularies.INCIDENT_VOCABULARY
            )
            raise Rejection(
                [sheets.cell_error(sheet, number, column, f"một loại có trong config/{source.name}", value)]
            )
        return code

    def _incident(self, sheet: str, number: int, record: dict) -> dict:
        occurred_on = sheets.field(sheet, number, record, "Ngày", parse_date, "ngày dạng dd/mm/yyyy")
        if occurred_on > self.now.date():
            raise Rejection(
                [sheets.cell_error(sheet, number, "Ngày", "ngày đã qua (không ở tương lai)", record.get("Ngày"))]
            )
        directory = self.directory(self.default)
        typed_code, typed_name = spelling.clean_text(record.get("Mã xã")), spelling.clean_text(record.get("Xã, phường"))
        if typed_code:
            commune = directory.commune(typed_code, occurred_on)
            if commune is None:
                raise Rejection([sheets.cell_error(sheet, number, "Mã xã", "mã xã của tỉnh", typed_code)])
        else:
            try:
                commune = directory.commune_by_name(typed_name, occurred_on)
            except UnitError as error:
                raise Rejection([sheets.cell_error(sheet, number, "Xã, phường", str(error), typed_name)]) from None

        def count(column: str) -> int:
            return sheets.field(sheet, number, record, column, parse_count, "số nguyên ≥ 0", False) or 0

        return {
            "ingested_at": self.now,
            "programme_id": self.default.id,
            "case_id": sheets.field(sheet, number, record, "Mã vụ việc", spelling.clean_text, "mã vụ việc"),
            "occurred_on": occurred_on,
            "commune_code": commune,
            "category_code": self._lookup(sheet, number, record, "Loại vụ việc", "categories"),
            "outcome_code": self._lookup(sheet, number, record, "Kết quả xử lý", "outcomes"),
            "taken_down": count("Số tài khoản, bài viết gỡ bỏ"),
            "fine": count("Số tiền phạt (đồng)"),
            "loss": count("Thiệt hại (đồng)"),
            "note": spelling.clean_text(record.get("Ghi chú")),
        }

    def _model(self, sheet: str, number: int, record: dict) -> dict:
        stage = spelling.clean_text(record.get("Giai đoạn"))
        stages = {spelling.match_key(k): v for k, v in layouts.MODEL_STAGES.items()}
        if spelling.match_key(stage) not in stages:
            raise Rejection([sheets.cell_error(sheet, number, "Giai đoạn", " / ".join(layouts.MODEL_STAGES), stage)])

        def text(column: str, required: bool = True) -> str | None:
            return sheets.field(sheet, number, record, column, spelling.clean_text, "nội dung", required)

        def optional(column: str, section: str) -> str | None:
            return self._lookup(sheet, number, record, column, section) if text(column, False) else None

        themes = [t.strip() for t in (text("Chủ đề") or "").split(layouts.THEME_SEPARATOR) if t.strip()]
        platform = text("Nền tảng")
        return {
            "ingested_at": self.now,
            "programme_id": self.default.id,
            "model_id": text("Mã mô hình"),
            "model_name": text("Tên mô hình"),
            "model_kind": text("Loại mô hình"),
            "participants": self._lookup(sheet, number, record, "Phân loại", "participants"),
            "leader": optional("Người dẫn dắt", "leaders"),
            "content": optional("Nội dung hoạt động", "contents"),
            "platform": self.vocabulary["platforms"].get(spelling.match_key(platform), platform),
            "theme": f"{layouts.THEME_SEPARATOR} ".join(
                dict.fromkeys(self._lookup(sheet, number, {"Chủ đề": t}, "Chủ đề", "themes") for t in themes)
            ),
            "unit_code": text("Mã đơn vị"),
            "head": text("Người đứng đầu", False),
            "members": sheets.field(sheet, number, record, "Số thành viên", parse_count, "số nguyên ≥ 0"),
            "stage": stages[spelling.match_key(stage)],
            "established_on": sheets.field(sheet, number, record, "Ngày thành lập", parse_date, "ngày dạng dd/mm/yyyy"),
            "ended_on": sheets.field(sheet, number, record, "Ngày kết thúc", parse_date, "ngày dạng dd/mm/yyyy", False),
        }

    def _task(self, sheet: str, number: int, record: dict) -> dict:
        def text(column: str, required: bool = True) -> str | None:
            return sheets.field(sheet, number, record, column, spelling.clean_text, "nội dung", required)

        def day(column: str) -> dt.date | None:
            return sheets.field(sheet, number, record, column, parse_date, "ngày dạng dd/mm/yyyy", False)

        return {
            "ingested_at": self.now,
            "programme_id": self.default.id,
            "task_id": text("Mã nhiệm vụ"),
            "task_name": text("Nội dung nhiệm vụ"),
            "owner": text("Cơ quan chủ trì"),
            "starts_on": day("Ngày bắt đầu"),
            "due_on": day("Hạn hoàn thành"),
            "done_on": day("Ngày hoàn thành"),
            "note": text("Ghi chú", False),
        }

    def _milestone(self, sheet: str, number: int, record: dict) -> dict:
        steps = {m.id for m in self.default.milestones}
        step = spelling.clean_text(record.get("Bước"))
        if step not in steps:
            expected = f"một bước của {self.default.short_name} ({', '.join(sorted(steps))})" if steps else None
            raise Rejection(
                [sheets.cell_error(sheet, number, "Bước", expected or "chương trình có các bước (milestones)", step)]
            )
        unit = sheets.field(sheet, number, record, "Mã đơn vị", spelling.clean_text, "mã đơn vị")
        if unit not in self.directory(self.default).units.index:
            raise Rejection([sheets.cell_error(sheet, number, "Mã đơn vị", "mã huyện hoặc xã của chương trình", unit)])
        return {
            "ingested_at": self.now,
            "programme_id": self.default.id,
            "step_id": step,
            "unit_code": unit,
            "done_on": sheets.field(
                sheet, number, record, "Ngày hoàn thành", parse_date, "ngày dạng dd/mm/yyyy", False
            ),
            "note": sheets.field(sheet, number, record, "Ghi chú", spelling.clean_text, "nội dung", False),
        }

    def _contact(self, sheet: str, number: int, record: dict) -> dict:
        def text(column: str, required: bool = True) -> str | None:
            return sheets.field(sheet, number, record, column, spelling.clean_text, "nội dung", required)

        return {
            "ingested_at": self.now,
            "programme_id": self.default.id,
            "model_id": text("Mã mô hình"),
            "contacted_on": sheets.field(sheet, number, record, "Ngày tiếp xúc", parse_date, "ngày dạng dd/mm/yyyy"),
            "admin": text("Quản trị viên"),
            "channel": text("Hình thức", False),
            "officer": text("Cán bộ tiếp xúc", False),
            "note": text("Ghi chú", False),
        }

    def _unit(self, sheet: str, number: int, record: dict) -> dict:
        kinds = {spelling.match_key(k): v for k, v in layouts.UNIT_KINDS.items()}
        kind = kinds.get(spelling.match_key(record.get("Loại đơn vị")))
        if kind is None:
            raise Rejection(
                [
                    sheets.cell_error(
                        sheet, number, "Loại đơn vị", " / ".join(layouts.UNIT_KINDS), record.get("Loại đơn vị")
                    )
                ]
            )

        def text(column: str, required: bool = True) -> str | None:
            return sheets.field(sheet, number, record, column, spelling.clean_text, "nội dung", required)

        return {
            "ingested_at": self.now,
            "programme_id": self.default.id,
            "unit_code": text("Mã đơn vị"),
            "unit_name": text("Tên đơn vị"),
            "unit_kind": kind,
            "parent_code": text("Mã đơn vị cấp trên"),
            "size_class": text("Quy mô doanh nghiệp", False),
            "school_level": text("Cấp học", False),
            "households": sheets.field(sheet, number, record, "Số hộ gia đình", parse_count, "số nguyên ≥ 0", False),
            "is_synthetic": text("Nguồn", False) == layouts.SYNTHETIC_SOURCE,
        }

    def _archive(self, sha: str, path: Path) -> None:
        """Keep the raw file under its hash (once)."""
        self.paths.archive.mkdir(parents=True, exist_ok=True)
        archived = self.paths.archive / f"{sha}{path.suffix.lower()}"
        if not archived.exists():
            # copied under a temporary name first: a copy cut short never passes for the file
            partial = archived.with_name(f".{archived.name}.tmp")
            shutil.copyfile(path, partial)
            partial.replace(archived)

    def _stage(self, sha: str, path: Path, tables: dict[str, list[dict]]) -> None:
        """Write the file's rows, each table atomically; the submission row goes last, so a
        report is only seen once all its parts are in place."""
        for table in sorted(tables, key=lambda name: name == "report_submissions"):
            schema = STAGED_SCHEMAS[table]
            rows = [{"file_sha256": sha, "source_name": path.name, **row} for row in tables[table]]
            data = pa.Table.from_pylist(rows, schema=schema) if rows else schema.empty_table()
            target = self.paths.staged / table / f"{sha}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".tmp")
            pq.write_table(data, tmp)
            tmp.replace(target)
        self._leave_inbox(path)

    def _reject(self, path: Path, error: Rejection) -> str:
        """Keep the rejected file with a reasons file beside it; returns where it was kept."""
        self.paths.rejected.mkdir(parents=True, exist_ok=True)
        stamp = self.now.strftime("%Y%m%dT%H%M%S")
        kept = self.paths.rejected / f"{stamp}_{path.name}"
        if path.exists():
            shutil.copyfile(path, kept)
        kept.with_name(kept.name + ".ly-do.txt").write_text("\n".join(error.reasons) + "\n", encoding="utf-8")
        self._leave_inbox(path)
        return str(kept)

    def _leave_inbox(self, path: Path) -> None:
        """A file dropped in the inbox is removed once it is archived or kept as rejected."""
        if path.resolve().is_relative_to(self.paths.inbox.resolve()) and path.exists():
            path.unlink()
