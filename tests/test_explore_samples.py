"""The explorer's sample queries, run in the sandbox the page uses: each keeps to the programme
and view on the page, and "kỳ gần nhất" is the latest period already due by the periods' order."""

import datetime as dt

import pytest
from fixture_data import AS_OF, PROGRAMME
from helpers import run_page

from data_pipeline.warehouse.sandbox import Sandbox, examples

LATEST = "Tỉ lệ đạt toàn tỉnh theo chỉ tiêu, kỳ gần nhất"
BY_YEAR = "Vụ việc theo năm và loại"
LATE = "Đơn vị nộp báo cáo trễ nhiều nhất"
DEMO_AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def fixture_sandbox(fixture_home):
    return Sandbox(fixture_home / "parquet")


@pytest.fixture(scope="module")
def demo_sandbox(demo_home):
    return Sandbox(demo_home / "parquet")


def _run(sandbox: Sandbox, programme: str, view: str, as_of: dt.date) -> dict:
    return {name: sandbox.run(sql).frame for name, sql in examples(programme, view, as_of).items()}


def test_fixture_latest_period_is_the_latest_due_not_the_largest_code(fixture_sandbox):
    results = _run(fixture_sandbox, PROGRAMME, "legacy", dt.date.fromisoformat(AS_OF))
    latest = results[LATEST]
    # as of 20/11/2025: 2025-H1 (due 15/06/2025) and 2025 (due 15/11/2025) are due, 2026 is not;
    # the text maximum of the codes would pick "2025-H1"
    assert set(latest.period) == {"2025"}
    # the province in 2025: A 24/30, B 85/250, C 14/20, D no figure
    assert latest[["indicator_code", "numerator", "denominator"]].values.tolist()[:3] == [
        ["A", 24, 30],
        ["B", 85, 250],
        ["C", 14, 20],
    ]
    assert latest.indicator_code.tolist() == ["A", "B", "C", "D"]
    assert latest.rate.tolist()[:3] == pytest.approx([0.8, 0.34, 0.7])
    # cases by year (one view only, so each case once): 2024 VV1–VV3 and YT1; 2025 VV4–VV7, YT2–YT10
    by_year = results[BY_YEAR].groupby("nam").so_vu.sum().to_dict()
    assert by_year == {2024: 4, 2025: 13}
    # 215 sent 2025-H1 on 20/06 (due 15/06) and 2025 on 16/11 (due 15/11); 216 never sent 2025-H1
    assert results[LATE][["unit_name", "lan_tre", "lan_chua_nop"]].values.tolist() == [
        ["Huyện Yên Thế", 2, 0],
        ["Huyện Tân Yên", 0, 1],
    ]


def test_demo_samples_keep_to_bac_giang_and_its_latest_due_period(demo_sandbox):
    results = _run(demo_sandbox, "bac_giang_835", "new", DEMO_AS_OF)
    latest = results[LATEST]
    # config/programmes/bac_giang_835.yaml: 2026-H1 (due 15/06/2026) then 2026 (due 15/11/2026),
    # both due by 23/11/2026; 2027-H1 is not — the latest due is 2026, not "2026-H1"
    assert set(latest.period) == {"2026"} and set(latest.period_label) == {"Báo cáo năm 2026"}
    # Đề án 835's indicators: 2.1–2.8 and 2.9.1–2.9.6, once each (no other programme's)
    expected = [f"2.{n}" for n in range(1, 9)] + [f"2.9.{n}" for n in range(1, 7)]
    assert latest.indicator_code.tolist() == expected
    # only Bắc Giang's cases, in one view: the same total as its own rows of mart_incidents
    own = demo_sandbox.run(
        "select sum(cases) as n from mart_incidents where programme_id = 'bac_giang_835' and view = 'new'"
    ).frame.n.iloc[0]
    every = demo_sandbox.run("select sum(cases) as n from mart_incidents").frame.n.iloc[0]
    assert results[BY_YEAR].so_vu.sum() == own < every
    assert set(results[BY_YEAR].nam) == {2022, 2023, 2024, 2025, 2026}
    # the late units are Bắc Giang's reporters
    reporters = set(
        demo_sandbox.run(
            "select distinct unit_name from mart_compliance where programme_id = 'bac_giang_835' and view = 'new'"
        ).frame.unit_name
    )
    assert len(results[LATE]) and set(results[LATE].unit_name) <= reporters


def test_a_quote_in_a_programme_id_cannot_leave_the_literal(fixture_sandbox):
    results = _run(fixture_sandbox, "x' or '1'='1", "legacy", dt.date.fromisoformat(AS_OF))
    assert all(frame.empty for frame in results.values())


def test_the_page_offers_the_samples_of_its_programme_and_view(demo_home, monkeypatch):
    monkeypatch.setenv("ANTQ_HOME", str(demo_home))
    monkeypatch.delenv("ANTQ_PROGRAMMES_DIR", raising=False)
    app = run_page("pages/explore.py", programme="quang_ngai_1905", structure="legacy")
    sql = app.text_area(key=f"sql_quang_ngai_1905_legacy_{LATEST}").value
    assert sql == examples("quang_ngai_1905", "legacy", DEMO_AS_OF)[LATEST]
    assert "programme_id = 'quang_ngai_1905' and view = 'legacy'" in sql and "date '2026-11-23'" in sql
