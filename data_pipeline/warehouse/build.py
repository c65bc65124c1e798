"""Run the SQL layers (staging → core → mart) in DuckDB and publish parquet/ atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from data_pipeline.errors import BuildError
from data_pipeline.intake.staged import STAGED_SCHEMAS
from data_pipeline.reference.programme import Programme
from data_pipeline.settings import Paths
from data_pipeline.warehouse import contracts
from data_pipeline.warehouse.config_tables import programme_tables
from data_pipeline.warehouse.manifest import outdated_tables
from data_pipeline.warehouse.models import PUBLISHED_PREFIXES, build_order, partition_columns, sql_models

KEPT_BUILDS = 2
# The build's DuckDB spills to disk past this (ANTQ_BUILD_MEMORY), so a country builds in a few GiB.
BUILD_MEMORY = "1GB"


def _load_staged(con: duckdb.DuckDBPyConnection, paths: Paths, name: str) -> None:
    """Table raw_<name> in the current schema from every staged file of one kind, read by DuckDB
    in one scan (a country's thousands of files; columns added since a file was staged are null,
    through a union by name with the current schema)."""
    con.register("staged_schema", STAGED_SCHEMAS[name].empty_table())
    scan = "select * from staged_schema"
    if any(paths.staged_table(name).glob("*.parquet")):
        files = str(paths.staged_table(name) / "*.parquet").replace("'", "''")
        scan += f" union all by name select * from read_parquet('{files}', union_by_name = true)"
    con.execute(f"create table raw_{name} as {scan}")  # name is ours, not input
    con.unregister("staged_schema")


def _fingerprint(paths: Paths) -> dict[str, str]:
    """Staged input file → SHA-256 of its content, so a manifest names exactly what was built."""
    return {
        str(path.relative_to(paths.staged)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(paths.staged.rglob("*.parquet"))
    }


def build(
    paths: Paths,
    programmes: dict[str, Programme],
    as_of: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Build every model from staged inputs and publish them as parquet/; returns the manifest.
    One writer at a time per home (ingest or build); leftovers of a build killed half-way are
    removed first."""
    with paths.lock():
        _remove_unfinished(paths)
        return _build(paths, programmes, as_of, progress)


class Stopwatch:
    """Wall seconds of each step of a build (loading an input, running a model, checking its
    contract, writing a table), kept in the manifest: where a slow build spends its time."""

    def __init__(self) -> None:
        self.seconds: dict[str, dict[str, float]] = {"load": {}, "models": {}, "contracts": {}, "write": {}}
        self._last = time.perf_counter()

    def lap(self, step: str, name: str) -> None:
        now = time.perf_counter()
        self.seconds[step][name] = round(now - self._last, 3)
        self._last = now


def _remove_unfinished(paths: Paths) -> None:
    """Builds without a manifest and link files of an interrupted publish: a crash's leftovers."""
    for link in paths.home.glob(".parquet-*"):
        link.unlink()
    if paths.builds.exists():
        for folder in paths.builds.iterdir():
            if folder.is_dir() and not (folder / "manifest.json").exists():
                shutil.rmtree(folder, ignore_errors=True)


def _build(
    paths: Paths,
    programmes: dict[str, Programme],
    as_of: dt.date | None,
    progress: Callable[[str], None] | None,
) -> dict:
    as_of = as_of or dt.date.today()
    started = dt.datetime.now()
    build_id = started.strftime("%Y%m%dT%H%M%S%f")
    models = sql_models()
    schema = contracts.load_schema()  # a malformed schema.yml fails before any work
    target = paths.build_folder(build_id)
    scratch = paths.scratch_folder(build_id)
    scratch.mkdir(parents=True)
    con = duckdb.connect(str(scratch / "build.duckdb"))
    watch = Stopwatch()
    try:
        con.execute(f"set memory_limit = '{os.environ.get('ANTQ_BUILD_MEMORY', BUILD_MEMORY)}'")
        con.execute("set temp_directory = ?", [str(scratch / "spill")])
        _load_inputs(con, paths, programmes, watch)
        con.execute("set variable as_of = ?", [as_of])
        _run_models(con, models, watch, progress)
        # the contracts are checked before anything is written: a broken one publishes nothing
        checked = contracts.verify(con, models, schema, lambda name: watch.lap("contracts", name))
        if checked.violations:
            raise BuildError("\n".join([*checked.violations, "Bản dựng này không được công bố (parquet/ giữ nguyên)."]))
        target.mkdir()
        row_counts = {}
        for name in (name for name in models if name.startswith(PUBLISHED_PREFIXES)):
            row_counts[name] = _write_table(con, name, target, partition_columns(models[name]))
            watch.lap("write", name)
    finally:
        con.close()
        shutil.rmtree(scratch, ignore_errors=True)
    files = sorted(path for path in target.rglob("*.parquet"))
    manifest = {
        "build_id": build_id,
        "built_at": started.isoformat(timespec="seconds"),
        "as_of": as_of.isoformat(),
        "duration_seconds": round((dt.datetime.now() - started).total_seconds(), 3),
        "programmes": sorted(programmes),
        "demo": paths.demo_marker.exists(),  # built from the demo's generated inputs: every output is marked
        "row_counts": row_counts,
        "contracts": {"rules": checked.rules, "passed": checked.passed},
        "seconds": watch.seconds,
        "inputs": _fingerprint(paths),
        "files": {str(path.relative_to(target)): hashlib.sha256(path.read_bytes()).hexdigest() for path in files},
    }
    _write_manifest(target, files, manifest)
    _publish(paths, target)
    return manifest


def _load_inputs(
    con: duckdb.DuckDBPyConnection, paths: Paths, programmes: dict[str, Programme], watch: Stopwatch
) -> None:
    """raw_<name> tables: the programmes' configuration, then every staged kind."""
    for name, frame in programme_tables(programmes).items():
        con.register(f"raw_{name}_frame", frame)
        con.execute(f"create table raw_{name} as select * from raw_{name}_frame")  # name is ours, not input
        con.unregister(f"raw_{name}_frame")
    watch.lap("load", "programmes")
    # a raw table's row order means nothing, and keeping it held the rows of every file in
    # memory (2,8 GiB for a country's 26,000 report files); the models keep DuckDB's default
    con.execute("set preserve_insertion_order = false")
    for name in STAGED_SCHEMAS:
        _load_staged(con, paths, name)
        watch.lap("load", name)
    con.execute("set preserve_insertion_order = true")


def _run_models(
    con: duckdb.DuckDBPyConnection, models: dict[str, str], watch: Stopwatch, progress: Callable[[str], None] | None
) -> None:
    for name in build_order(models):
        if progress:
            progress(name)
        # staging models are one pass over their input: a view, not a second copy of it
        kind = "view" if name.startswith("staging_") else "table"
        try:
            con.execute(f"create {kind} {name} as {models[name]}")
        except duckdb.Error as error:
            raise BuildError(f"Model {name} lỗi: {error}") from None
        watch.lap("models", name)


def _write_manifest(target: Path, files: list[Path], manifest: dict) -> None:
    """Written last and synced with the tables, so a build with a manifest is whole."""
    for path in files:
        _sync(path)
    manifest_tmp = target / "manifest.json.tmp"
    manifest_tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    _sync(manifest_tmp)
    manifest_tmp.replace(target / "manifest.json")


def _write_table(con: duckdb.DuckDBPyConnection, name: str, target: Path, partition: list[str]) -> int:
    """Write one table as Parquet, streamed by DuckDB; partitioned hive-style into a folder when
    its model says so and it has rows. Returns the row count."""
    rows = con.execute(f"select count(*) from {name}").fetchall()[0][0]
    if partition and rows:
        folder = str(target / name).replace("'", "''")
        con.execute(f"copy {name} to '{folder}' (format parquet, partition_by ({', '.join(partition)}))")
    else:
        file = str(target / f"{name}.parquet").replace("'", "''")
        con.execute(f"copy {name} to '{file}' (format parquet)")
    return rows


def table_of(file: str) -> str:
    """The published table a warehouse file (path relative to the build) belongs to."""
    return Path(file).parts[0].removesuffix(".parquet")


def _sync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _publish(paths: Paths, target: Path) -> None:
    """Point parquet/ at the new build with one atomic rename, then prune old builds."""
    link = paths.warehouse
    if link.exists() and not link.is_symlink():
        if any(link.iterdir()):
            raise BuildError(f"{link} là thư mục thật chứ không phải liên kết tới bản dựng; hãy xóa nó (make clean)")
        link.rmdir()
    tmp = link.with_name(f".parquet-{target.name}")
    os.symlink(os.path.relpath(target, link.parent), tmp)
    os.replace(tmp, link)
    builds = sorted(p for p in paths.builds.iterdir() if p.is_dir())
    for old in builds[:-KEPT_BUILDS]:
        shutil.rmtree(old, ignore_errors=True)


def check(paths: Paths) -> list[str]:
    """Problems found comparing parquet/ with its manifest; empty when the warehouse is sound."""
    manifest_path = paths.manifest
    if not manifest_path.exists():
        return [f"Không có {manifest_path}: chưa dựng kho dữ liệu (chạy build)"]
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    problems, rows = [], Counter()
    for name, digest in manifest["files"].items():
        path = paths.warehouse / name
        if not path.exists():
            problems.append(f"Thiếu tệp {name}")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"Tệp {name} khác với manifest (mã băm không khớp)")
        else:
            rows[table_of(name)] += pq.ParquetFile(path).metadata.num_rows
    problems += [
        f"Bảng {table} có {rows[table]} dòng, manifest ghi {count}"
        for table, count in manifest["row_counts"].items()
        if rows[table] != count and not problems
    ]
    if missing := outdated_tables(manifest):
        problems.append(f"Kho được dựng bằng phiên bản cũ, thiếu bảng {', '.join(missing)} (chạy build)")
    # the contracts are read from the files only once they are known to be the build's
    return problems or contracts.verify_published(paths.warehouse.resolve())
