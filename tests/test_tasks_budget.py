"""Tasks and budget on the fixture (inputs in fixture_data.py), as of 20/11/2025."""

import datetime as dt

import pandas as pd
from helpers import run_page


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


def test_the_spending_caption_names_only_the_levels_nobody_reported():
    """The caption once said the province's spending "is 0" while its chart showed 2.015.949.371 đ."""
    from ui.layout import spending_caption

    budget = pd.DataFrame(
        {
            "level_name": ["Ngân sách tỉnh", "Ngân sách huyện", "Ngân sách xã", "Tổng cộng"],
            "spent": [2_015_949_371, 0, 12_000, 2_015_961_371],
            "is_total": [False, False, False, True],
        }
    )
    caption = spending_caption(budget)
    assert caption.endswith("Chưa có đơn vị nào kê khai chi cho: Ngân sách huyện.")
    assert "tỉnh" not in caption and "là 0" not in caption
    assert "Chưa có đơn vị" not in spending_caption(budget.assign(spent=1))


def test_tasks_page_caption_follows_the_fixture_figures(fixture_env):
    # the fixture's province level has no spending reported, its districts 60 đồng
    app = run_page("pages/tasks.py")
    captions = " ".join(c.value for c in app.caption)
    assert "Chưa có đơn vị nào kê khai chi cho: Tỉnh." in captions
    assert "Huyện" not in captions.split("kê khai chi cho:")[-1]
