"""A small hand-made Briefing (two areas, three indicators) for the deck and report tests."""

import datetime as dt

import pandas as pd

from data_pipeline.briefing.collect import Briefing
from data_pipeline.warehouse import compstat


def sample_briefing() -> Briefing:
    """The Briefing whose figures tests/test_deck.py and tests/test_report_docx.py work by hand."""
    return Briefing(
        programme_id="fixture_3d",
        programme_name="Chương trình kiểm thử ba huyện",
        short_name="Kiểm thử 3 huyện",
        document="Tài liệu kiểm thử số 1",
        secretariat="Công an tỉnh",
        period="2025",
        period_label="Báo cáo năm 2025",
        view_label="Theo huyện cũ (trước 1/7/2025)",
        area_label="Huyện, thị xã, thành phố",
        as_of=dt.date(2025, 11, 20),
        built_at="2025-11-20T08:00:00",
        build_id="20251120T080000",
        sources=["6 tệp báo cáo của 3 đơn vị", "2 danh sách vụ việc", "1 sổ theo dõi mô hình"],
        review_name="Sơ kết",
        review_date=dt.date(2027, 10, 31),
        required_share=0.5,
        # B on track, A and C behind: 1 of the 3 indicators with a figure
        status_counts={"đạt": 0, "đúng lộ trình": 1, "chậm": 2, "chưa có số liệu": 0, "không áp dụng": 0},
        judged=3,
        met_or_on_track=1,
        on_track_share=1 / 3,
        meets_review_rule=False,
        headline=_headline(),
        ranking=_ranking(),
        area_progress=_area_progress(),
        compliance={
            "expected": 3,
            "received": 3,
            "on_time": 2,
            "late": 1,
            "missing": 0,
            "reporting_rate": 1.0,
            "on_time_rate": 2 / 3,
        },
        late_units=_late_units(),
        incidents_window=compstat.Window(dt.date(2025, 1, 1), dt.date(2025, 10, 1), "tháng 01–10/2025"),
        incidents_baseline=compstat.Window(dt.date(2024, 1, 1), dt.date(2024, 10, 1), "tháng 01–10/2024"),
        incidents=_incidents(),
        coverage=_coverage(),
        tasks=_tasks(),
        budget=_budget(),
        weak_units=_weak_units(),
        activities=pd.DataFrame(columns=["activity_name", "value", "units_reported"]),
        milestones=pd.DataFrame(
            columns=["step_id", "step_name", "due_on", "units", "done", "done_late", "overdue", "not_due"]
        ),
        contacts=pd.DataFrame(columns=["window_start", "window_end", "groups", "compliant"]),
        directions=[
            "Tiếp tục tuyên truyền phòng, chống lừa đảo trực tuyến.",
            "Đôn đốc các đơn vị nộp báo cáo đúng hạn.",
        ],
    )


def _headline() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_code": ["A", "B", "C"],
            "indicator_name": ["Chỉ tiêu hằng năm A", "Chỉ tiêu tích lũy B", "Chỉ tiêu C (mục tiêu 80 %)"],
            "target_code": ["A", "B", "C"],
            "rate": [0.8, 0.34, 0.7],
            "goal": [1.0, 1.0, 0.8],
            "expected": [None, 0.19, None],
            "status": ["chậm", "đúng lộ trình", "chậm"],
            "units_reported": [3, 3, 2],
            "units_expected": [3, 3, 3],
        }
    )


def _ranking() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_name": ["Huyện Tân Yên", "Thành phố Bắc Giang"],
            "score": [0.95, 0.8],
            "indicators_met": [2, 1],
            "indicators": [3, 3],
        }
    )


def _area_progress() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_name": ["Huyện Tân Yên"] * 3 + ["Thành phố Bắc Giang"] * 3,
            "indicator_code": ["A", "B", "C"] * 2,
            "progress": [1.0, 1.0, 0.94, 0.9, 1.0, None],
        }
    )


def _late_units() -> pd.DataFrame:
    return pd.DataFrame(
        {"unit_name": ["Huyện Yên Thế"], "area_name": ["Huyện Yên Thế"], "status": ["trễ hạn"], "days_late": [1]}
    )


def _incidents() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "category_name": ["Lừa đảo chiếm đoạt tài sản", "Tin giả, tin sai sự thật"],
            "cases": [11, 1],
            "previous_cases": [2, 1],
            "flag": ["tăng bất thường", "trong dao động thường"],
            "change": [4.5, 0.0],
        }
    )


def _coverage() -> pd.DataFrame:
    """The units reported 3 of 4 villages with a model; the registry lists one of two."""
    return pd.DataFrame(
        {
            "indicator_code": ["D"],
            "indicator_name": ["Thôn, tổ dân phố"],
            "official_source": ["reports"],
            "numerator": [3],
            "denominator": [4],
            "rate": [0.75],
            "goal": [1.0],
            "status": ["chậm"],
            "registry_units": [2],
            "registry_units_with_model": [1],
            "registry_rate": [0.5],
            "gap": [-0.25],
        }
    )


def _tasks() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "task_id": ["1", "2"],
            "name": ["Hội nghị triển khai", "Kiểm tra cơ sở"],
            "owner": ["Công an tỉnh", "BCĐ tỉnh"],
            "deadline": [dt.date(2024, 10, 31), dt.date(2025, 12, 31)],
            "done_on": [dt.date(2024, 10, 20), None],
            "status": ["hoàn thành", "đúng tiến độ"],
        }
    )


def _budget() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "level_name": ["Tỉnh", "Huyện", "Tổng cộng"],
            "planned": [100, 200, 300],
            "spent": [40, 10, 50],
            "spent_share": [0.4, 0.05, 50 / 300],
            "is_total": [False, False, True],
        }
    )


def _weak_units() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_name": ["Huyện Yên Thế"],
            "year": [2025],
            "score": [42.5],
            "rating": ["Yếu"],
            "reasons": ["Chỉ tiêu C chậm (50 % so với mục tiêu 80 %); nộp báo cáo năm 2025 trễ 1 ngày"],
        }
    )
