"""mart_compliance from the fixture: due 15/6/2025 and 15/11/2025, as of 20/11/2025."""

import math


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
