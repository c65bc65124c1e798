"""python -m bench: generate the synthetic country at each scale, then measure ingest and build,
the floor, the pandas baseline, every page's queries and whole page runs; write
bench/results.json and bench/RESULTS.md."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
from pathlib import Path

import duckdb
import pandas as pd

from bench import report
from bench.generate import AS_OF, generate, scales
from bench.measure import (
    floor_script,
    pointed_at,
    python,
    record_page_calls,
    run_measured,
    same_work_seconds,
    time_page_runs,
    time_queries,
)
from data_pipeline.accounts import add_user
from data_pipeline.cli import Progress
from data_pipeline.settings import Paths
from data_pipeline.warehouse.manifest import read_manifest, read_table

PAGES = ["overview", "attainment", "incidents", "models", "maps", "compliance", "tasks", "briefing", "explore"]
USER = "thu_tai"


def prepare(work: Path, scale, reuse: bool) -> list[tuple[str, Path]]:
    """The field files of one scale, generated before any page runs (AppTest takes over
    __main__, which the generator's worker processes would import); with `reuse`, those of an
    earlier run of the same scale (generation is deterministic), with a fresh data home."""
    print(f"== {scale.name}: {scale.provinces} tỉnh, {scale.cases_per_province:_} vụ việc mỗi tỉnh".replace("_", "."))
    marker = work / "generated.json"
    if reuse and marker.exists() and json.loads(marker.read_text()) == [scale.provinces, scale.cases_per_province]:
        shutil.rmtree(work / "home", ignore_errors=True)
        return [
            (path.stem, work / "field" / path.stem.removeprefix("bench_") / "submissions" / "inbox")
            for path in sorted((work / "programmes").glob("*.yaml"), key=lambda p: p.stem != "bench_24")
        ]
    if work.exists():
        shutil.rmtree(work)
    provinces = generate(work, scale)
    marker.write_text(json.dumps([scale.provinces, scale.cases_per_province]))
    return provinces


def measure_scale(work: Path, scale, provinces: list[tuple[str, Path]], repeats: int) -> dict:
    """Every measurement of one scale."""
    print(f"== đo {scale.name}", flush=True)
    programmes_dir = work / "programmes"
    paths = Paths(home=work / "home", programmes_dir=programmes_dir)
    common = ["--home", str(paths.home), "--programmes-dir", str(programmes_dir)]
    result = {"scale": scale.name, "provinces": scale.provinces, "cases": scale.cases_per_province * scale.provinces}
    result["input_files"] = sum(len(list(inbox.iterdir())) for _, inbox in provinces)
    result["input_mb"] = sum(p.stat().st_size for _, inbox in provinces for p in inbox.iterdir()) / 2**20

    ingest_s, ingest_rss = 0.0, 0
    bar = Progress("Nạp tệp (theo tỉnh)", len(provinces), True)
    for programme_id, inbox in provinces:
        seconds, rss, _ = run_measured(
            python("-m", "data_pipeline", "ingest", str(inbox), *common, "--programme", programme_id)
        )
        ingest_s, ingest_rss = ingest_s + seconds, max(ingest_rss, rss)
        bar.step(programme_id)
    first = provinces[0][0]
    build_s, build_rss, _ = run_measured(
        python("-m", "data_pipeline", "build", *common, "--programme", first, "--as-of", AS_OF.isoformat())
    )
    floor_s, floor_rss, _ = run_measured(python("-c", floor_script(paths.staged)))
    baseline_s, baseline_rss, totals = run_measured(python("-m", "bench.baseline", str(paths.home)))
    manifest = read_manifest(paths.warehouse)
    result |= {
        "staged_mb": sum(p.stat().st_size for p in paths.staged.rglob("*.parquet")) / 2**20,
        "warehouse_mb": sum(p.stat().st_size for p in paths.warehouse.rglob("*.parquet")) / 2**20,
        "ingest_s": ingest_s,
        "ingest_peak_rss_mb": ingest_rss / 2**20,
        "build_s": build_s,
        "build_peak_rss_mb": build_rss / 2**20,
        "floor_s": floor_s,
        "floor_peak_rss_mb": floor_rss / 2**20,
        "pandas_s": baseline_s,
        "pandas_peak_rss_mb": baseline_rss / 2**20,
        "pandas_totals": json.loads(totals.strip().splitlines()[-1]),
        "marts": manifest["row_counts"],
        "build_steps": manifest["seconds"],
        "same_work_s": same_work_seconds(manifest["seconds"]),
    }
    add_user(paths, USER, "admin", None, by="bench")
    print("  đo truy vấn từng trang…", flush=True)
    with pointed_at(paths.home, programmes_dir):
        calls = record_page_calls(PAGES, first, USER)
        result["page_queries"] = {page: time_queries(paths.warehouse, calls[page], repeats) for page in PAGES}
        print("  chạy trọn từng trang…", flush=True)
        result["page_runs"] = time_page_runs(PAGES, first, USER, max(3, repeats // 4))
    incidents = read_table(paths.warehouse, "mart_incidents")
    result["mart_incident_cases_new_view"] = int(incidents[incidents.view == "new"].cases.sum())
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scales", nargs="+", default=["1", "3", "10", "national"], help="tiny, 1, 3, 10, national")
    parser.add_argument("--work", type=Path, default=Path(".bench"), help="where the generated data go")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent, help="where results are written")
    parser.add_argument("--repeats", type=int, default=20, help="runs per query timing")
    parser.add_argument("--reuse", action="store_true", help="reuse field files generated by an earlier run")
    args = parser.parse_args(argv)
    chosen = [(args.work / s.name.replace("×", "x"), s) for s in scales(args.scales)]
    prepared = [prepare(work, scale, args.reuse) for work, scale in chosen]
    runs = [
        measure_scale(work, scale, provinces, args.repeats)
        for (work, scale), provinces in zip(chosen, prepared, strict=True)
    ]
    results = {
        "run_at": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "memory_gb": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30,
            "python": platform.python_version(),
            "duckdb": duckdb.__version__,
            "pandas": pd.__version__,
        },
        "command": "python -m bench " + " ".join(sys.argv[1:] if argv is None else argv),
        "scales": runs,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    (args.out / "RESULTS.md").write_text(report.markdown(results), encoding="utf-8")
    print(report.markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
