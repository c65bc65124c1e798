"""What a published warehouse folder holds: its manifest (parsed once per build) and the
DuckDB scan of each table, one Parquet file or a hive-partitioned folder."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import duckdb
import pandas as pd

from data_pipeline.errors import WarehouseMissing
from data_pipeline.warehouse.models import PUBLISHED_PREFIXES, sql_models

# Types of the hive partition keys the build writes (read back from folder names).
PARTITION_TYPES = {"programme_id": "VARCHAR", "year": "INTEGER"}


def table_scans(root: Path) -> dict[str, str]:
    """Published table → DuckDB expression reading it: one Parquet file, or a folder partitioned
    hive-style (`name/programme_id=…/year=…/*.parquet`), whose keys come back as columns."""
    scans = {}
    for path in sorted(root.iterdir()):
        quoted = str(path).replace("'", "''")
        if path.suffix == ".parquet":
            scans[path.stem] = f"read_parquet('{quoted}')"
        elif path.is_dir():
            keys, level = [], path
            while level.is_dir() and (children := sorted(level.iterdir())) and "=" in children[0].name:
                keys.append(children[0].name.split("=", 1)[0])
                level = children[0]
            types = ", ".join(f"'{key}': '{PARTITION_TYPES[key]}'" for key in keys)
            files = quoted + "/*" * len(keys) + "/*.parquet"
            scans[path.name] = (
                f"(select {', '.join(keys)}, * exclude ({', '.join(keys)}) "
                f"from read_parquet('{files}', hive_partitioning = true, hive_types = {{{types}}}))"
            )
    return scans


def read_table(root: Path, name: str) -> pd.DataFrame:
    """One published table of a warehouse folder, whole, typed as pandas reads Parquet (dates stay
    dates); for tests, the benchmark and the ingest's checks."""
    return duckdb.connect().sql(f"select * from {table_scans(root)[name]}").to_arrow_table().to_pandas()


def read_manifest(warehouse: Path) -> dict:
    """The manifest of the build parquet/ points at now."""
    path = warehouse / "manifest.json"
    if not path.exists():
        raise WarehouseMissing(f"Chưa có kho dữ liệu tại {warehouse} (chạy: python -m data_pipeline demo hoặc build)")
    status = path.stat()
    return _parsed_manifest(path.resolve(), status.st_mtime_ns, status.st_size)


@functools.lru_cache(maxsize=8)
def _parsed_manifest(path: Path, mtime_ns: int, size: int) -> dict:
    """A manifest parsed once per version of the file: a country's lists every staged input
    (megabytes of JSON), and every page read asks for it. Callers must not change it."""
    return json.loads(path.read_text(encoding="utf-8"))


def outdated_tables(manifest: dict) -> list[str]:
    """The published tables this version's SQL models make that a build's manifest lacks."""
    published = {name for name in sql_models() if name.startswith(PUBLISHED_PREFIXES)}
    return sorted(published - set(manifest["row_counts"]))
