"""Where submissions live on disk: the raw file archived under its SHA-256, its typed tables
staged as Parquet, a refused file kept with its reasons, and the inbox emptied of what was taken.

Every write goes through a temporary name, so a run killed half-way never leaves a file that
passes for complete."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from data_pipeline.intake.staged import COMPLETING_TABLES, STAGED_SCHEMAS
from data_pipeline.reference.units import latest_units_file
from data_pipeline.settings import Paths

SUBMISSION_TABLE = "report_submissions"
# What the denominator check reads of a units file.
UNIT_FIELDS = ("unit_code", "unit_kind", "parent_code", "size_class", "school_level")


def sha256(path: Path) -> str:
    """The file's SHA-256, read in chunks (a file may be large before it is refused)."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class SubmissionStore:
    """The submissions folders of one data home, for one ingest run (`now`: when it started)."""

    def __init__(self, paths: Paths, now: dt.datetime):
        self.paths = paths
        self.now = now

    def received(self, sha: str) -> bool:
        """Whether a file was fully accepted before: its last staged table is in place (a file
        whose ingest was killed half-way is taken again)."""
        return any(self.paths.staged_file(table, sha).exists() for table in COMPLETING_TABLES)

    def archive(self, sha: str, path: Path) -> None:
        """Keep the raw file under its hash (once)."""
        self.paths.archive.mkdir(parents=True, exist_ok=True)
        archived = self.paths.archived(sha, path.suffix)
        if not archived.exists():
            # copied under a temporary name first: a copy cut short never passes for the file
            partial = archived.with_name(f".{archived.name}.tmp")
            shutil.copyfile(path, partial)
            partial.replace(archived)

    def stage(self, sha: str, path: Path, tables: dict[str, list[dict]]) -> None:
        """Write the file's rows, each table atomically; the submission row goes last, so a
        report is only seen once all its parts are in place."""
        for table in sorted(tables, key=lambda name: name == SUBMISSION_TABLE):
            schema = STAGED_SCHEMAS[table]
            rows = [{"file_sha256": sha, "source_name": path.name, **row} for row in tables[table]]
            data = pa.Table.from_pylist(rows, schema=schema) if rows else schema.empty_table()
            target = self.paths.staged_file(table, sha)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".tmp")
            pq.write_table(data, tmp)
            tmp.replace(target)
        self.leave_inbox(path)

    def reject(self, path: Path, reasons: list[str]) -> str:
        """Keep the rejected file with a reasons file beside it; returns where it was kept."""
        return self._keep(path, reasons, self.paths.rejected_copy)

    def hold(self, path: Path, reasons: list[str]) -> str:
        """Keep a file held for the secretariat with its reasons beside it; returns where."""
        return self._keep(path, reasons, self.paths.held_copy)

    def _keep(self, path: Path, reasons: list[str], where) -> str:
        stamp = self.now.strftime("%Y%m%dT%H%M%S")
        kept = where(stamp, path.name)
        kept.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            shutil.copyfile(path, kept)
        kept.with_name(kept.name + ".ly-do.txt").write_text("\n".join(reasons) + "\n", encoding="utf-8")
        self.leave_inbox(path)
        return str(kept)

    def leave_inbox(self, path: Path) -> None:
        """A file dropped in the inbox is removed once it is archived or kept as rejected."""
        if path.resolve().is_relative_to(self.paths.inbox.resolve()) and path.exists():
            path.unlink()

    def staged_rows(self, table: str, columns: list[str]) -> list[tuple]:
        """Some columns of every staged file of one kind, in one DuckDB scan (a country's
        thousands of reports: one pandas read per file made each ingest run slower than the last)."""
        folder = self.paths.staged_table(table)
        if not any(folder.glob("*.parquet")):
            return []
        pattern = str(folder / "*.parquet").replace("'", "''")
        with duckdb.connect() as con:
            # by name: a file staged by an earlier version may lack a later column (read as null)
            sql = f"select {', '.join(columns)} from read_parquet('{pattern}', union_by_name = true)"
            return con.execute(sql).fetchall()

    def listed_units(self) -> set[str]:
        """Units of the units files accepted so far (staged), besides the reference units."""
        return {code for (code,) in self.staged_rows("units", ["unit_code"])}

    def latest_units(self, programme_id: str) -> list[dict]:
        """The units the latest units file accepted for a programme lists (as the build takes them)."""
        return latest_units_file(self.paths, programme_id, UNIT_FIELDS)
