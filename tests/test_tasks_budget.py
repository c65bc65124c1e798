"""Tasks and budget on the fixture (inputs in conftest.py), as of 20/11/2025."""

import datetime as dt


def test_task_status_comes_from_the_tracker_and_the_plan(mart):
    tasks = mart("mart_tasks").set_index("task_id")
    assert tasks.status.to_dict() == {
        "1": "hoàn thành",  # done 20/10/2024, deadline 31/10/2024
        "2": "quá hạn",  # deadline 30/09/2025, not done: 51 days late on 20/11/2025
        "3": "đúng tiến độ",  # only in the tracker, due 31/12/2025
        "4": "đúng tiến độ",  # standing task without a deadline, not tracked
    }
    # a standing task (no deadline) is never late
    assert tasks.days_late.to_dict() == {"1": 0, "2": 51, "3": 0, "4": 0}
    assert tasks.starts_on.to_dict() == {
        "1": dt.date(2024, 9, 1),  # the programme's start when the tracker gives none
        "2": dt.date(2024, 9, 1),
        "3": dt.date(2025, 11, 1),
        "4": dt.date(2024, 9, 1),
    }
    assert tasks.is_tracked.to_dict() == {"1": True, "2": True, "3": True, "4": False}


def test_spending_counts_each_units_report_in_force_once_per_year(mart):
    budget = mart("mart_budget")
    # 2025: 213's correction 30 (not its superseded 99, nor its 6-month 12) + 215's 20 + 216's 10
    row = budget[(budget.year == 2025)].iloc[0]
    assert (len(budget), row.level, row.level_name, row.line_code, row.spent, row.units_reporting) == (
        1,
        "district",
        "Huyện",
        "kinh_phi",
        60,
        3,
    )
    levels = mart("core_budget_levels").set_index("level").planned.to_dict()
    assert levels == {"province": 100, "district": 200}
