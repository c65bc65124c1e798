"""Read field files (report workbooks, case lists, model registry, units file) into staged Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq

from data_pipeline import formats as f
from data_pipeline.programme import Programme
from data_pipeline.reference import UnitDirectory
from data_pipeline.settings import Paths

SUPPORTED_SUFFIXES = {".xlsx", ".csv"}

STAGED_SCHEMAS: dict[str, pa.Schema] = {
    "report_submissions": pa.schema(
        [
            ("file_sha256", pa.string()),
            ("source_name", pa.string()),
            ("ingested_at", pa.timestamp("s")),
            ("programme_id", pa.string()),
            ("unit_code", pa.string()),
            ("period", pa.string()),
            ("submitted_on", pa.date32()),
        ]
    ),
    "report_values": pa.schema(
        [
            ("file_sha256", pa.string()),
            ("indicator_code", pa.string()),
            ("numerator", pa.int64()),
            ("denominator", pa.int64()),
        ]
    ),
    "report_activities": pa.schema(
        [("file_sha256", pa.string()), ("activity_code", pa.string()), ("value", pa.int64())]
    ),
    "incidents": pa.schema(
        [
            ("file_sha256", pa.string()),
            ("ingested_at", pa.timestamp("s")),
            ("programme_id", pa.string()),
            ("case_id", pa.string()),
            ("occurred_on", pa.date32()),
            ("commune_code", pa.string()),
            ("category_code", pa.string()),
            ("outcome_code", pa.string()),
            ("taken_down", pa.int64()),
            ("fine", pa.int64()),
            ("loss", pa.int64()),
            ("note", pa.string()),
        ]
    ),
    "models": pa.schema(
        [
            ("file_sha256", pa.string()),
            ("ingested_at", pa.timestamp("s")),
            ("programme_id", pa.string()),
            ("model_id", pa.string()),
            ("model_name", pa.string()),
            ("model_kind", pa.string()),
            ("participants", pa.string()),
            ("platform", pa.string()),
            ("theme", pa.string()),
            ("unit_code", pa.string()),
            ("members", pa.int64()),
            ("stage", pa.string()),
            ("established_on", pa.date32()),
            ("ended_on", pa.date32()),
        ]
    ),
    "units": pa.schema(
        [
            ("file_sha256", pa.string()),
            ("ingested_at", pa.timestamp("s")),
            ("programme_id", pa.string()),
            ("unit_code", pa.string()),
            ("unit_name", pa.string()),
            ("unit_kind", pa.string()),
            ("parent_code", pa.string()),
            ("size_class", pa.string()),
            ("school_level", pa.string()),
            ("households", pa.int64()),
            ("is_synthetic", pa.bool_()),
        ]
    ),
}


class Rejection(ValueError):
    """A file that cannot be accepted; carries every reason found, in Vietnamese."""

    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


@dataclass
class IngestResult:
    """What happened to each file of one ingest run."""

    accepted: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"accepted": self.accepted, "rejected": self.rejected}


def incident_lookups() -> dict[str, dict[str, str]]:
    """Category and outcome lookups: match_key(name, code or variant) → canonical code."""
    lookups = {}
    for section, items in f.incident_vocabulary().items():
        lookups[section] = {
            f.match_key(name): item["code"]
            for item in items
            for name in [item["name"], item["code"], *item.get("variants", [])]
        }
    return lookups


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the files inside folders named, in a stable order."""
    files = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        else:
            files.append(path)
    return files


def _cell_error(sheet: str, row: int, column: str, expected: str, value: object) -> str:
    return f"Sheet '{sheet}', dòng {row}, cột '{column}': cần {expected}, nhận được '{value}'"


def _header_map(header: Iterable[object], columns: dict[str, str]) -> dict[int, str]:
    """Column index → field name, matching headers loosely (case, spaces, diacritics)."""
    wanted = {f.match_key(name): name for name in columns}
    return {i: wanted[f.match_key(h)] for i, h in enumerate(header) if f.match_key(h) in wanted}


def _records(
    sheet: str, rows: Iterator[tuple], columns: dict[str, str], required: Iterable[str]
) -> Iterator[tuple[int, dict[str, object]]]:
    """(row number, {header: value}) for each non-empty data row; the first row is the header."""
    header = _header_map(next(rows, ()), columns)
    missing = [name for name in required if name not in header.values()]
    if missing:
        raise Rejection([f"Sheet '{sheet}': thiếu cột {', '.join(repr(m) for m in missing)}"])
    for number, row in enumerate(rows, start=2):
        record = {name: row[i] if i < len(row) else None for i, name in header.items()}
        if any(f.clean_text(v) for v in record.values()):
            yield number, record


def _read_csv(path: Path) -> list[tuple]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise Rejection(["Tệp CSV không đọc được bằng UTF-8 hay Windows-1258"])
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    return [tuple(row) for row in csv.reader(io.StringIO(text), dialect)]


def _find_sheet(workbook: openpyxl.Workbook, name: str):
    for sheet in workbook.worksheets:
        if f.match_key(sheet.title) == f.match_key(name):
            return sheet
    return None


class Ingestor:
    """Validates files for a set of programmes and stages what is accepted."""

    def __init__(self, paths: Paths, programmes: dict[str, Programme], default_programme: str):
        self.paths = paths
        self.programmes = programmes
        self.default = programmes[default_programme]
        self.vocabulary = incident_lookups()
        self._directories: dict[str, UnitDirectory] = {}
        self.now = dt.datetime.now().replace(microsecond=0)

    def directory(self, programme: Programme) -> UnitDirectory:
        """Reference units and crosswalk of a programme, loaded once."""
        if programme.id not in self._directories:
            self._directories[programme.id] = UnitDirectory(programme)
        return self._directories[programme.id]

    def run(self, files: list[Path], progress: Callable[[Path], None] | None = None) -> IngestResult:
        """Ingest each file; one bad file never stops the others."""
        result = IngestResult()
        for path in files:
            if progress:
                progress(path)
            try:
                kind, tables = self.parse(path)
            except Rejection as error:
                result.rejected.append({"file": str(path), "reasons": error.reasons, **self._reject(path, error)})
                continue
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            self._stage(sha, path, tables)
            rows = sum(len(rows) for rows in tables.values())
            result.accepted.append({"file": str(path), "kind": kind, "sha256": sha, "rows": rows})
        return result

    def parse(self, path: Path) -> tuple[str, dict[str, list[dict]]]:
        """The file's kind and its rows per staged table, or Rejection."""
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            raise Rejection([f"Định dạng '{suffix or path.name}' không được hỗ trợ (cần .xlsx hoặc .csv)"])
        if suffix == ".csv":
            rows = _read_csv(path)
            return self._parse_table(path.name, iter(rows))
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many types for a damaged or foreign file
            raise Rejection([f"Không mở được tệp Excel: {error}"]) from None
        try:
            if _find_sheet(workbook, f.REPORT_IDENTITY_SHEET) is not None:
                return "report", self._parse_report(workbook)
            sheet = workbook.worksheets[0]
            return self._parse_table(sheet.title, sheet.iter_rows(values_only=True))
        finally:
            workbook.close()

    def _parse_table(self, sheet: str, rows: Iterator[tuple]) -> tuple[str, dict[str, list[dict]]]:
        rows = iter(list(rows))
        header = next(rows, ())
        keys = {f.match_key(h) for h in header}
        for kind, columns, required, parser in (
            ("incidents", f.INCIDENT_COLUMNS, f.INCIDENT_REQUIRED, self._incident),
            ("models", f.MODEL_COLUMNS, f.MODEL_REQUIRED, self._model),
            ("units", f.UNIT_COLUMNS, f.UNIT_REQUIRED, self._unit),
        ):
            signature = {f.match_key(name) for name in list(columns)[:3]}
            if signature <= keys:
                records = _records(sheet, iter([header, *rows]), columns, required)
                return kind, {kind: self._collect(sheet, records, parser)}
        raise Rejection(
            [
                f"Sheet '{sheet}': không nhận ra loại tệp (không phải báo cáo, danh sách vụ việc, sổ mô hình hay danh mục đơn vị)"
            ]
        )

    def _collect(self, sheet: str, records, parser) -> list[dict]:
        rows, errors = [], []
        for number, record in records:
            try:
                rows.append(parser(sheet, number, record))
            except Rejection as error:
                errors.extend(error.reasons)
        if errors:
            raise Rejection(errors)
        if not rows:
            raise Rejection([f"Sheet '{sheet}': không có dòng số liệu nào"])
        return rows

    def _field(self, sheet: str, number: int, record: dict, column: str, parse, expected: str, required=True):
        value = record.get(column)
        try:
            parsed = parse(value)
        except (ValueError, TypeError):
            raise Rejection([_cell_error(sheet, number, column, expected, value)]) from None
        if parsed is None and required:
            raise Rejection([_cell_error(sheet, number, column, expected, "")])
        return parsed

    def _lookup(self, sheet: str, number: int, record: dict, column: str, section: str) -> str:
        value = record.get(column)
        code = self.vocabulary[section].get(f.match_key(value))
        if code is None:
            raise Rejection(
                [_cell_error(sheet, number, column, "một loại có trong config/incident_categories.yaml", value)]
            )
        return code

    def _incident(self, sheet: str, number: int, record: dict) -> dict:
        occurred_on = self._field(sheet, number, record, "Ngày", f.parse_date, "ngày dạng dd/mm/yyyy")
        commune = self.directory(self.default).commune(f.clean_text(record.get("Mã xã")), occurred_on)
        if commune is None:
            raise Rejection([_cell_error(sheet, number, "Mã xã", "mã xã của tỉnh", record.get("Mã xã"))])

        def count(column: str) -> int:
            return self._field(sheet, number, record, column, f.parse_count, "số nguyên ≥ 0", False) or 0

        return {
            "ingested_at": self.now,
            "programme_id": self.default.id,
            "case_id": self._field(sheet, number, record, "Mã vụ việc", f.clean_text, "mã vụ việc"),
            "occurred_on": occurred_on,
            "commune_code": commune,
            "category_code": self._lookup(sheet, number, record, "Loại vụ việc", "categories"),
            "outcome_code": self._lookup(sheet, number, record, "Kết quả xử lý", "outcomes"),
            "taken_down": count("Số tài khoản, bài viết gỡ bỏ"),
            "fine": count("Số tiền phạt (đồng)"),
            "loss": count("Thiệt hại (đồng)"),
            "note": f.clean_text(record.get("Ghi chú")),
        }

    def _model(self, sheet: str, number: int, record: dict) -> dict:
        stage = f.clean_text(record.get("Giai đoạn"))
        stages = {f.match_key(k): v for k, v in f.MODEL_STAGES.items()}
        if f.match_key(stage) not in stages:
            raise Rejection([_cell_error(sheet, number, "Giai đoạn", " / ".join(f.MODEL_STAGES), stage)])

        def text(column: str) -> str:
            return self._field(sheet, number, record, column, f.clean_text, "nội dung")

        return {
            "ingested_at": self.now,
            "programme_id": self.default.id,
            "model_id": text("Mã mô hình"),
            "model_name": text("Tên mô hình"),
            "model_kind": text("Loại mô hình"),
            "participants": text("Phân loại"),
            "platform": text("Nền tảng"),
            "theme": text("Chủ đề"),
            "unit_code": text("Mã đơn vị"),
            "members": self._field(sheet, number, record, "Số thành viên", f.parse_count, "số nguyên ≥ 0"),
            "stage": stages[f.match_key(stage)],
            "established_on": self._field(
                sheet, number, record, "Ngày thành lập", f.parse_date, "ngày dạng dd/mm/yyyy"
            ),
            "ended_on": self._field(
                sheet, number, record, "Ngày kết thúc", f.parse_date, "ngày dạng dd/mm/yyyy", False
            ),
        }

    def _unit(self, sheet: str, number: int, record: dict) -> dict:
        kinds = {f.match_key(k): v for k, v in f.UNIT_KINDS.items()}
        kind = kinds.get(f.match_key(record.get("Loại đơn vị")))
        if kind is None:
            raise Rejection(
                [_cell_error(sheet, number, "Loại đơn vị", " / ".join(f.UNIT_KINDS), record.get("Loại đơn vị"))]
            )

        def text(column: str, required: bool = True) -> str | None:
            return self._field(sheet, number, record, column, f.clean_text, "nội dung", required)

        return {
            "ingested_at": self.now,
            "programme_id": self.default.id,
            "unit_code": text("Mã đơn vị"),
            "unit_name": text("Tên đơn vị"),
            "unit_kind": kind,
            "parent_code": text("Mã đơn vị cấp trên"),
            "size_class": text("Quy mô doanh nghiệp", False),
            "school_level": text("Cấp học", False),
            "households": self._field(sheet, number, record, "Số hộ gia đình", f.parse_count, "số nguyên ≥ 0", False),
            "is_synthetic": text("Nguồn", False) == f.SYNTHETIC_SOURCE,
        }

    def _parse_report(self, workbook: openpyxl.Workbook) -> dict[str, list[dict]]:
        identity_sheet = _find_sheet(workbook, f.REPORT_IDENTITY_SHEET)
        identity = {}
        keys = {f.match_key(k): v for k, v in f.REPORT_IDENTITY_KEYS.items()}
        for row in identity_sheet.iter_rows(values_only=True):
            if row and f.match_key(row[0]) in keys:
                identity[keys[f.match_key(row[0])]] = row[1] if len(row) > 1 else None
        sheet = identity_sheet.title
        programme = self.programmes.get(f.clean_text(identity.get("programme_id")) or "")
        if programme is None:
            raise Rejection(
                [
                    f"Sheet '{sheet}', ô 'Chương trình': cần một trong {', '.join(self.programmes)}, nhận được '{identity.get('programme_id')}'"
                ]
            )
        period = f.clean_text(identity.get("period"))
        if period not in {p.id for p in programme.periods}:
            raise Rejection(
                [f"Sheet '{sheet}', ô 'Kỳ báo cáo': cần một kỳ của {programme.short_name}, nhận được '{period}'"]
            )
        try:
            unit = self.directory(programme).reporter(f.clean_text(identity.get("unit_code")) or "", period)
        except ValueError as error:
            raise Rejection([f"Sheet '{sheet}', ô 'Mã đơn vị': {error}"]) from None
        try:
            submitted_on = f.parse_date(identity.get("submitted_on"))
        except (ValueError, TypeError):
            submitted_on = None
        if submitted_on is None:
            raise Rejection(
                [
                    f"Sheet '{sheet}', ô 'Ngày báo cáo': cần ngày dạng dd/mm/yyyy, nhận được '{identity.get('submitted_on')}'"
                ]
            )

        targets = _find_sheet(workbook, f.REPORT_TARGETS_SHEET)
        if targets is None:
            raise Rejection([f"Thiếu sheet '{f.REPORT_TARGETS_SHEET}'"])
        known = {i.code for i in programme.indicators}
        values, errors, seen = [], [], set()
        name = targets.title
        for number, record in _records(
            name, targets.iter_rows(values_only=True), f.REPORT_TARGET_COLUMNS, ["Mã chỉ tiêu", "Tử số", "Mẫu số"]
        ):
            code = f.clean_text(record["Mã chỉ tiêu"])
            try:
                if code not in known:
                    raise Rejection([_cell_error(name, number, "Mã chỉ tiêu", "mã chỉ tiêu của chương trình", code)])
                if code in seen:
                    raise Rejection([_cell_error(name, number, "Mã chỉ tiêu", "mỗi chỉ tiêu một dòng", code)])
                seen.add(code)
                numerator = self._field(name, number, record, "Tử số", f.parse_count, "số nguyên ≥ 0", False)
                denominator = self._field(name, number, record, "Mẫu số", f.parse_count, "số nguyên ≥ 0", False)
                if (numerator is None) != (denominator is None):
                    raise Rejection(
                        [f"Sheet '{name}', dòng {number}: cần nhập cả 'Tử số' và 'Mẫu số' hoặc để trống cả hai"]
                    )
                if numerator is not None and numerator > denominator:
                    raise Rejection(
                        [f"Sheet '{name}', dòng {number}, cột 'Tử số': {numerator} lớn hơn 'Mẫu số' {denominator}"]
                    )
            except Rejection as error:
                errors.extend(error.reasons)
                continue
            if numerator is not None:
                values.append({"indicator_code": code, "numerator": numerator, "denominator": denominator})
        if errors:
            raise Rejection(errors)

        activities = []
        activity_sheet = _find_sheet(workbook, f.REPORT_ACTIVITIES_SHEET)
        if activity_sheet is not None:
            records = _records(
                activity_sheet.title,
                activity_sheet.iter_rows(values_only=True),
                f.REPORT_ACTIVITY_COLUMNS,
                ["Mã", "Số lượng"],
            )
            for number, record in records:
                value = self._field(
                    activity_sheet.title, number, record, "Số lượng", f.parse_count, "số nguyên ≥ 0", False
                )
                if value is not None:
                    activities.append({"activity_code": f.clean_text(record["Mã"]), "value": value})
        submission = {
            "ingested_at": self.now,
            "programme_id": programme.id,
            "unit_code": unit,
            "period": period,
            "submitted_on": submitted_on,
        }
        return {"report_submissions": [submission], "report_values": values, "report_activities": activities}

    def _stage(self, sha: str, path: Path, tables: dict[str, list[dict]]) -> None:
        """Archive the raw file under its hash and write its rows; re-ingesting replaces, never duplicates."""
        self.paths.archive.mkdir(parents=True, exist_ok=True)
        archived = self.paths.archive / f"{sha}{path.suffix.lower()}"
        if not archived.exists():
            shutil.copyfile(path, archived)
        for table, rows in tables.items():
            schema = STAGED_SCHEMAS[table]
            rows = [{"file_sha256": sha, "source_name": path.name, **row} for row in rows]
            data = pa.Table.from_pylist(rows, schema=schema) if rows else schema.empty_table()
            target = self.paths.staged / table / f"{sha}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".tmp")
            pq.write_table(data, tmp)
            tmp.replace(target)
        self._leave_inbox(path)

    def _reject(self, path: Path, error: Rejection) -> dict:
        """Keep the rejected file with a reasons file beside it."""
        self.paths.rejected.mkdir(parents=True, exist_ok=True)
        stamp = self.now.strftime("%Y%m%dT%H%M%S")
        kept = self.paths.rejected / f"{stamp}_{path.name}"
        if path.exists():
            shutil.copyfile(path, kept)
        kept.with_name(kept.name + ".ly-do.txt").write_text("\n".join(error.reasons) + "\n", encoding="utf-8")
        self._leave_inbox(path)
        return {"kept_as": str(kept)}

    def _leave_inbox(self, path: Path) -> None:
        """A file dropped in the inbox is removed once it is archived or kept as rejected."""
        if path.resolve().is_relative_to(self.paths.inbox.resolve()) and path.exists():
            path.unlink()
