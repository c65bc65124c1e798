"""mart_compliance from the fixture: due 15/6/2025 and 15/11/2025, as of 20/11/2025."""

import datetime as dt
import math
import shutil

from fixture_data import AS_OF, PROGRAMME, PROGRAMMES
from helpers import metric_values, run_cli, run_page, simple_report

from data_pipeline.warehouse.pivots import Pivot
from data_pipeline.warehouse.read import Warehouse


def test_compliance_statuses_days_late_and_versions(mart):
    rows = mart("mart_compliance")
    rows = rows[rows.view == "legacy"].set_index(["period", "unit_code"])
    expected = {
        ("2025-H1", "213"): ("đúng hạn", 0, 1),
        ("2025-H1", "215"): ("trễ hạn", 5, 1),
        # never sent: overdue from 15/6 to 20/11/2025 = 15 + 31 + 31 + 30 + 31 + 20 days
        ("2025-H1", "216"): ("chưa nộp", 158, 0),
        # the first version came on the due date; the correction three days later does not make it late
        ("2025", "213"): ("đúng hạn", 0, 2),
        ("2025", "215"): ("trễ hạn", 1, 1),
        ("2025", "216"): ("đúng hạn", 0, 1),
    }
    assert len(rows) == len(expected)
    for key, (status, days_late, versions) in expected.items():
        assert rows.loc[key].status == status, key
        assert rows.loc[key].days_late == days_late, key
        assert rows.loc[key].version_count == versions, key
    assert str(rows.loc[("2025", "213")].submitted_on)[:10] == "2025-11-15"
    assert str(rows.loc[("2025", "213")].last_submitted_on)[:10] == "2025-11-18"
    missing = rows.loc[("2025-H1", "216")].submitted_on
    assert missing is None or (isinstance(missing, float) and math.isnan(missing)) or str(missing) == "NaT"


def test_reporting_and_on_time_rates_per_period(mart):
    rows = mart("mart_compliance_summary").set_index("period")
    # 2025-H1: 3 expected, 213 on time, 215 late, 216 missing → 2/3 received, 1/3 on time
    h1 = rows.loc["2025-H1"]
    assert (h1.expected, h1.received, h1.on_time, h1.late, h1.missing) == (3, 2, 1, 1, 1)
    assert (h1.reporting_rate, h1.on_time_rate) == (2 / 3, 1 / 3)
    # 2025: all three received, 215 one day late → 3/3 and 2/3
    year = rows.loc["2025"]
    assert (year.expected, year.received, year.on_time, year.reporting_rate, year.on_time_rate) == (3, 3, 2, 1.0, 2 / 3)
    assert set(rows.reporting_area_level) == {"district"} and not rows.agencies_report.any()


def test_one_on_time_rule_while_a_period_is_not_yet_due(fixture_home, tmp_path, monkeypatch):
    """2026 is open (Xã Tân Yên sent its report early) but due only on 15/11/2026: the other 17
    communes of the 2025 structure are not yet due. Expected 18, received 1, on time 1 → both
    rates 1/18 in the mart, the explorer and the overview (the explorer used to divide by the
    reports already due: 1/1 = 100 %)."""
    home = tmp_path / "home"
    shutil.copytree(fixture_home, home, symlinks=True)
    inbox = home / "submissions" / "inbox"
    simple_report(inbox, [("A", "A", 9, 10)], unit="07339", period="2026", submitted_on=dt.date(2025, 11, 10))
    assert run_cli(home, "ingest", "--submitted-at", "2025-11-10") == 0
    assert run_cli(home, "build", "--as-of", AS_OF) == 0
    warehouse = Warehouse(home / "parquet")
    summary = warehouse.period_compliance(PROGRAMME, "2026")
    assert (summary["expected"], summary["received"], summary["on_time"], summary["missing"]) == (18, 1, 1, 0)
    assert (summary["not_yet_due"], summary["reporting_rate"], summary["on_time_rate"]) == (17, 1 / 18, 1 / 18)
    statuses = warehouse.compliance(PROGRAMME, "new", "2026").set_index("unit_code").status
    assert statuses["2025:07339"] == "đúng hạn" and (statuses.drop("2025:07339") == "chưa đến hạn").all()
    for view in ("new", "legacy"):
        for rate in ("on_time_rate", "reporting_rate"):
            pivot = warehouse.pivot(Pivot("mart_compliance", PROGRAMME, view, "period_label", None, rate, "sum"))
            assert pivot.set_index("period_label").value["Báo cáo năm 2026"] == 1 / 18
    monkeypatch.setenv("ANTQ_HOME", str(home))
    monkeypatch.setenv("ANTQ_PROGRAMMES_DIR", str(PROGRAMMES))
    metrics = metric_values(run_page(period="2026"))
    assert (metrics["Tỉ lệ nộp báo cáo"], metrics["Tỉ lệ nộp đúng hạn"]) == ("5,6 %", "5,6 %")
