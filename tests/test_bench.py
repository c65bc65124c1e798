"""The benchmark runs once at a tiny scale, so it cannot rot: one former province, 2,000 cases."""

from __future__ import annotations

import json
import os

import pytest

from bench.__main__ import PAGES, main
from bench.measure import BASELINE_MARTS, python, run_measured, same_work_seconds
from data_pipeline.warehouse.models import sql_models, upstream

pytestmark = pytest.mark.slow


def test_the_benchmark_runs_at_a_tiny_scale_and_its_baseline_agrees(tmp_path):
    before = (os.environ.get("ANTQ_HOME"), os.environ.get("ANTQ_PROGRAMMES_DIR"))
    assert main(["--scales", "tiny", "--work", str(tmp_path / "work"), "--out", str(tmp_path), "--repeats", "2"]) == 0
    (run,) = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))["scales"]
    # every one of the 2,000 generated cases is accepted, and both the mart and the pandas
    # baseline count each exactly once in the new-commune view
    assert run["cases"] == 2_000
    assert run["mart_incident_cases_new_view"] == run["pandas_totals"]["cases_new_view"] == 2_000
    # 10 districts × 7 half-years before the reorganisation + 58 communes × 3 after, and the
    # province's 19 bodies × all 10, every one due
    assert run["marts"]["mart_compliance_summary"] == 10
    assert run["pandas_totals"]["compliance_rows"] == 10 * 7 + 58 * 3 + 19 * 10
    assert set(run["page_queries"]) == set(run["page_runs"]) == set(PAGES)
    assert all(q["queries"] > 0 and q["warm"]["p95_ms"] > 0 for q in run["page_queries"].values())
    # the build's own timing of its steps, and the part of it the baseline's three marts need
    assert 0 < run["same_work_s"] < sum(sum(names.values()) for names in run["build_steps"].values()) < run["build_s"]
    table = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    assert "| build ÷ floor | ≤ 2× |" in table and "## Pages at tiny" in table
    # the pages were pointed at the bench's data only while they ran (the tests after it use theirs)
    assert (os.environ.get("ANTQ_HOME"), os.environ.get("ANTQ_PROGRAMMES_DIR")) == before


def test_a_command_reports_its_own_peak_memory_not_the_benchmarks():
    # Linux hands a forking parent's high-water mark to the child's ru_maxrss; held here, 300 MiB
    # would have shown up as the peak of every command
    held = b"1" * (300 * 2**20)
    _, small, _ = run_measured(python("-c", "x = 1"))
    _, big, _ = run_measured(python("-c", "x = b'1' * (200 * 2**20)"))
    assert small < 100 * 2**20 < 200 * 2**20 < big < 300 * 2**20 + len(held) // 10


def test_the_pandas_baseline_is_also_compared_with_the_build_steps_its_three_marts_need():
    models = sql_models()
    needed = upstream(models, BASELINE_MARTS)
    # the case list, the reports in force and the reporters feed them, and the registry (a 2.9
    # sub-goal may take its official figure from it); the model marts, tasks, ratings do not
    assert {"core_incidents", "core_submissions", "core_report_values", "core_period_reporters"} <= needed
    assert {"core_models", "core_registry_coverage"} <= needed
    assert not needed & {"mart_rating", "mart_models", "mart_tasks", "core_report_activities"}
    # loading the programme tables, the case lists, report headers and values, the units file and
    # the registry, and half a second per model; not the tasks, the activities, or any write
    loads = {"programmes": 1.0, "incidents": 4.0, "report_submissions": 2.0, "report_values": 2.0, "units": 1.0}
    loads |= {"models": 1.0}
    steps = {
        "load": loads | {"tasks": 30.0, "report_activities": 30.0},
        "models": dict.fromkeys(models, 0.5),
        "write": dict.fromkeys(models, 30.0),
    }
    assert same_work_seconds(steps) == 11.0 + 0.5 * len(needed)
