"""What the benchmark times: commands in their own process (wall time, and the peak resident set
each records of itself through bench.peak), the floor, the pages' queries, and whole page runs."""

from __future__ import annotations

import logging
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import duckdb

from data_pipeline.warehouse.models import sql_models, upstream
from data_pipeline.warehouse.read import Warehouse

ROOT = Path(__file__).resolve().parent.parent
# AppTest's bare-mode warnings, one per cached read, would bury the progress lines
logging.getLogger("streamlit").setLevel(logging.ERROR)


def run_measured(args: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """Run a python command (see `python`) to completion; (wall seconds, its own peak resident
    set in bytes, its output)."""
    with tempfile.TemporaryFile() as output, tempfile.NamedTemporaryFile() as peak:
        started = time.perf_counter()
        environment = {**(env or os.environ), "ANTQ_PEAK_FILE": peak.name}
        process = subprocess.run(args, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)
        elapsed = time.perf_counter() - started
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
        # exit 1 = done with some input rejected: the bench's inputs are all valid, so a failure too
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} exited {process.returncode}: {text[-2000:]}")
        return elapsed, int(Path(peak.name).read_text()) * 1024, text


def python(*args: str) -> list[str]:
    """A python command (-m MODULE … or -c CODE …) run through bench.peak, which records its own
    peak memory."""
    return [sys.executable, "-m", "bench.peak", *args]


def floor_script(staged: Path) -> str:
    """DuckDB reading every accepted input once (every column of every staged file), nothing else."""
    return (
        "import duckdb, pathlib\n"
        "con = duckdb.connect()\n"
        f"for table in sorted(pathlib.Path({str(staged)!r}).iterdir()):\n"
        "    con.execute(f\"select sum(hash(columns(*))) from read_parquet('{table}/*.parquet', union_by_name=true)\")"
        ".fetchall()\n"
    )


# What the pandas baseline computes (bench.baseline), for a like-for-like comparison with the build.
BASELINE_MARTS = ["mart_attainment", "mart_compliance", "mart_incidents"]
RAW_TABLE = re.compile(r"\braw_([a-z_]+)\b")


def same_work_seconds(steps: dict) -> float:
    """The build's seconds on what the baseline's three marts need: the programme tables, the
    staged inputs those marts read and every model upstream of them (from the manifest's steps;
    writing and checksums left out, as the baseline writes nothing)."""
    models = sql_models()
    needed = upstream(models, BASELINE_MARTS)
    # the programme tables (raw_programmes, raw_periods, …) are loaded and timed as one step
    inputs = {table for name in needed for table in RAW_TABLE.findall(models[name])} | {"programmes"}
    return sum(steps["load"].get(table, 0.0) for table in inputs) + sum(steps["models"][name] for name in needed)


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50 and p95 in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000}


@contextmanager
def pointed_at(home: Path, programmes_dir: Path):
    """The app's data home and programmes for the pages run here, restored afterwards."""
    saved = {key: os.environ.get(key) for key in ("ANTQ_HOME", "ANTQ_PROGRAMMES_DIR")}
    os.environ["ANTQ_HOME"], os.environ["ANTQ_PROGRAMMES_DIR"] = str(home), str(programmes_dir)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def record_page_calls(pages: list[str], programme: str, user: str) -> dict:
    """Run each page once (AppTest, signed in as `user`) and note the warehouse calls it makes."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    calls: dict[str, list] = {}
    original = Warehouse.query
    current: list = []

    def noting(self, sql, params=None):
        current.append((sql, params))
        return original(self, sql, params)

    Warehouse.query = noting
    try:
        for page in pages:
            st.cache_data.clear()  # each page's own reads, not what the previous page cached
            st.cache_resource.clear()
            current.clear()
            app = _signed_in(AppTest.from_file(str(ROOT / f"pages/{page}.py"), default_timeout=120), user)
            app.query_params["programme"] = programme
            app.run()
            if app.exception:
                raise RuntimeError(f"{page}: {app.exception}")
            calls[page] = list(current)
    finally:
        Warehouse.query = original
    return calls


def time_queries(warehouse_path: Path, calls: list, repeats: int) -> dict:
    """A page's queries, cold (a new connection each time, as after a build) and warm (the
    app's long-lived connection); p50/p95 of the page's total."""

    def once(warehouse: Warehouse) -> float:
        started = time.perf_counter()
        for sql, params in calls:
            warehouse.query(sql, params)
        return time.perf_counter() - started

    cold = [once(Warehouse(warehouse_path)) for _ in range(max(3, repeats // 4))]
    warm_connection = Warehouse(warehouse_path)
    once(warm_connection)
    warm = [once(warm_connection) for _ in range(repeats)]
    return {"queries": len(calls), "cold": percentiles(cold), "warm": percentiles(warm)}


def time_page_runs(pages: list[str], programme: str, user: str, repeats: int):
    """Whole page runs through AppTest (script, cached reads, charts): first run and repeat runs."""
    from streamlit.testing.v1 import AppTest

    results = {}
    for page in pages:
        app = _signed_in(AppTest.from_file(str(ROOT / f"pages/{page}.py"), default_timeout=300), user)
        app.query_params["programme"] = programme
        first = _timed(app.run)
        again = [_timed(app.run) for _ in range(repeats)]
        results[page] = {"first_ms": first * 1000, **percentiles(again)}
    return results


def _timed(action: Callable) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _signed_in(app, user: str):
    now = time.time()
    app.session_state["auth"] = {"name": user, "since": now, "last_seen": now}
    return app


def duckdb_version() -> str:
    return duckdb.__version__
