"""bench/RESULTS.md from the results: each scale against the targets, then each page."""

from __future__ import annotations

TARGETS = {
    "build_vs_floor": ("build ÷ floor", "≤ 2×"),
    "pandas_vs_build": ("pandas baseline ÷ whole build", "≥ 5×"),
    "pandas_vs_same_work": ("pandas baseline ÷ the build's part for the same 3 marts", "≥ 5×"),
    "worst_page_queries_p95_ms": ("slowest page's queries, p95 (warm / cold)", "≤ 300 ms"),
    "worst_page_run_ms": ("slowest full page run, p50", "≤ 1 s"),
    "peak_rss_mb": ("peak RSS (ingest, build)", "< 2 GiB"),
}


def ratios(run: dict) -> dict:
    """The figures the targets are about, for one scale."""
    return {
        "build_vs_floor": run["build_s"] / run["floor_s"],
        "pandas_vs_build": run["pandas_s"] / run["build_s"],
        "pandas_vs_same_work": run["pandas_s"] / run["same_work_s"],
        "worst_page_queries_p95_ms": (
            max(q["warm"]["p95_ms"] for q in run["page_queries"].values()),
            max(q["cold"]["p95_ms"] for q in run["page_queries"].values()),
        ),
        "worst_page_run_ms": max(r["p50_ms"] for r in run["page_runs"].values()),
        "peak_rss_mb": max(run["ingest_peak_rss_mb"], run["build_peak_rss_mb"]),
    }


def _cell(key: str, value) -> str:
    if key == "worst_page_queries_p95_ms":
        return f"{value[0]:.0f} / {value[1]:.0f} ms"
    if key.endswith("_ms"):
        return f"{value:.0f} ms"
    if key.endswith("_mb"):
        return f"{value:.0f} MiB"
    return f"{value:.1f}×"


def markdown(results: dict) -> str:
    runs = results["scales"]
    machine = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Run {results['run_at']} with `{results['command']}` on {machine['cpus']} CPUs, "
        f"{machine['memory_gb']:.0f} GiB (Python {machine['python']}, DuckDB {machine['duckdb']}, "
        f"pandas {machine['pandas']}). Generation is not timed. Each command runs in its own process; "
        "time is wall clock, memory the kernel's peak resident set.",
        "",
        "## Scales",
        "",
        "| | " + " | ".join(r["scale"] for r in runs) + " |",
        "|---|" + "---:|" * len(runs),
    ]
    rows = [
        ("former provinces", lambda r: f"{r['provinces']}"),
        ("cases", lambda r: f"{r['cases']:,}"),
        ("input files / MiB", lambda r: f"{r['input_files']:,} / {r['input_mb']:.0f}"),
        ("mart_incidents rows", lambda r: f"{r['marts']['mart_incidents']:,}"),
        ("ingest", lambda r: f"{r['ingest_s']:.1f} s, {r['ingest_peak_rss_mb']:.0f} MiB"),
        ("build", lambda r: f"{r['build_s']:.1f} s, {r['build_peak_rss_mb']:.0f} MiB"),
        ("… of which the inputs and models of the 3 baseline marts", lambda r: f"{r['same_work_s']:.1f} s"),
        ("floor (DuckDB reads every input once)", lambda r: f"{r['floor_s']:.1f} s, {r['floor_peak_rss_mb']:.0f} MiB"),
        ("pandas baseline (3 marts)", lambda r: f"{r['pandas_s']:.1f} s, {r['pandas_peak_rss_mb']:.0f} MiB"),
    ]
    lines += [f"| {label} | " + " | ".join(value(r) for r in runs) + " |" for label, value in rows]
    lines += ["", "## Targets", "", "| target | goal | " + " | ".join(r["scale"] for r in runs) + " |"]
    lines += ["|---|---|" + "---:|" * len(runs)]
    figures = [ratios(r) for r in runs]
    for key, (label, goal) in TARGETS.items():
        lines.append(f"| {label} | {goal} | " + " | ".join(_cell(key, f[key]) for f in figures) + " |")
    largest = runs[-1]
    steps = sorted(
        (
            (seconds, f"{step} {name}")
            for step, names in largest["build_steps"].items()
            for name, seconds in names.items()
        ),
        reverse=True,
    )
    lines += ["", f"## Slowest build steps at {largest['scale']}", "", "| step | seconds |", "|---|---:|"]
    lines += [f"| {label} | {seconds:.2f} |" for seconds, label in steps[:8]]
    lines += [
        "",
        f"## Pages at {largest['scale']}",
        "",
        "| page | queries | warm p50 / p95 | cold p50 / p95 | full run: first / p50 / p95 |",
        "|---|---:|---:|---:|---:|",
    ]
    for page, q in largest["page_queries"].items():
        run = largest["page_runs"][page]
        lines.append(
            f"| {page} | {q['queries']} | {q['warm']['p50_ms']:.0f} / {q['warm']['p95_ms']:.0f} ms | "
            f"{q['cold']['p50_ms']:.0f} / {q['cold']['p95_ms']:.0f} ms | "
            f"{run['first_ms']:.0f} / {run['p50_ms']:.0f} / {run['p95_ms']:.0f} ms |"
        )
    return "\n".join(lines) + "\n"
