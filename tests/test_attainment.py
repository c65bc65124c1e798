"""mart_attainment against figures worked out by hand from the fixture (see fixture_data.REPORTS).

Trajectory for cumulative indicator B (goal 100 %): linear from 0 on 1/9/2024 to 50 % on
31/10/2027 (1,155 days). Due 15/6/2025 is day 287 → 0.5 × 287/1155 = 0.124242…;
due 15/11/2025 is day 440 → 0.5 × 440/1155 = 0.190476….
"""

import math

import pytest

H1_EXPECTED_B = 0.5 * 287 / 1155
Y_EXPECTED_B = 0.5 * 440 / 1155

# (period, unit, indicator): (numerator, denominator, rate, attainment, status, reported/expected)
EXPECTED = {
    ("2025-H1", "213", "A"): (8, 10, 0.8, 0.8, "chậm", 1),
    ("2025-H1", "213", "B"): (30, 100, 0.3, 0.3, "đúng lộ trình", 1),
    ("2025-H1", "213", "C"): (7, 10, 0.7, 0.875, "chậm", 1),
    ("2025-H1", "215", "A"): (10, 10, 1.0, 1.0, "đạt", 1),
    ("2025-H1", "215", "B"): (10, 100, 0.1, 0.1, "chậm", 1),
    ("2025-H1", "215", "C"): (9, 10, 0.9, 1.0, "đạt", 1),
    ("2025-H1", "216", "A"): (None, None, None, None, "chưa có số liệu", 0),
    ("2025-H1", "216", "B"): (None, None, None, None, "chưa có số liệu", 0),
    ("2025-H1", "216", "C"): (None, None, None, None, "chưa có số liệu", 0),
    # province = Σ numerators ÷ Σ denominators of the two districts that reported
    ("2025-H1", "24", "A"): (18, 20, 0.9, 0.9, "chậm", 2),
    ("2025-H1", "24", "B"): (40, 200, 0.2, 0.2, "đúng lộ trình", 2),
    ("2025-H1", "24", "C"): (16, 20, 0.8, 1.0, "đạt", 2),
    # 213's resubmission (A 9/10) replaces its first 2025 report (A 7/10)
    ("2025", "213", "A"): (9, 10, 0.9, 0.9, "chậm", 1),
    ("2025", "213", "B"): (40, 100, 0.4, 0.4, "đúng lộ trình", 1),
    ("2025", "213", "C"): (8, 10, 0.8, 1.0, "đạt", 1),
    ("2025", "215", "A"): (5, 10, 0.5, 0.5, "chậm", 1),
    ("2025", "215", "B"): (20, 100, 0.2, 0.2, "đúng lộ trình", 1),
    ("2025", "215", "C"): (None, None, None, None, "chưa có số liệu", 0),
    ("2025", "216", "A"): (10, 10, 1.0, 1.0, "đạt", 1),
    ("2025", "216", "B"): (25, 50, 0.5, 0.5, "đúng lộ trình", 1),
    ("2025", "216", "C"): (6, 10, 0.6, 0.75, "chậm", 1),
    ("2025", "24", "A"): (24, 30, 0.8, 0.8, "chậm", 3),
    ("2025", "24", "B"): (85, 250, 0.34, 0.34, "đúng lộ trình", 3),
    ("2025", "24", "C"): (14, 20, 0.7, 0.875, "chậm", 2),
}


def _same(actual, expected) -> bool:
    if expected is None:
        return actual is None or (isinstance(actual, float) and math.isnan(actual))
    return actual == pytest.approx(expected)


def _legacy_view(mart):
    rows = mart("mart_attainment")
    return rows[rows.view == "legacy"].set_index(["period", "unit_code", "indicator_code"])


def test_attainment_rows_match_hand_computed_figures(mart):
    rows = _legacy_view(mart)
    for key, (num, den, rate, attainment, status, reported) in EXPECTED.items():
        row = rows.loc[key]
        assert _same(row.numerator, num), key
        assert _same(row.denominator, den), key
        assert _same(row.rate, rate), key
        assert _same(row.attainment, attainment), key
        assert row.status == status, key
        assert row.units_reported == reported, key
        assert row.units_expected == (3 if key[1] == "24" else 1), key


def test_attainment_grain_is_views_by_open_periods_by_areas_by_indicators(mart):
    rows = mart("mart_attainment")
    # 2 open periods (2026 is not due on 20/11/2025 and nobody reported) × 4 indicators ×
    # (3 former districts + province | 18 new communes covering them + province):
    # Thành phố Bắc Giang went to 8 new communes, Yên Thế to 5, Tân Yên to 6, one shared.
    assert len(rows[rows.view == "legacy"]) == 2 * 4 * 4
    assert len(rows[rows.view == "new"]) == 2 * 4 * 19
    assert not rows.duplicated(["programme_id", "view", "period", "unit_code", "indicator_code"]).any()
    assert set(rows.period) == {"2025-H1", "2025"}


def test_cumulative_target_is_judged_against_trajectory(mart):
    rows = _legacy_view(mart)
    assert rows.loc[("2025-H1", "213", "B")].expected == pytest.approx(H1_EXPECTED_B)
    assert rows.loc[("2025", "24", "B")].expected == pytest.approx(Y_EXPECTED_B)
    assert math.isnan(rows.loc[("2025", "24", "A")].expected)


def test_unreported_indicator_is_missing_not_zero(mart):
    rows = mart("mart_attainment")
    d = rows[rows.indicator_code == "D"]
    assert set(d.status) == {"chưa có số liệu"}
    assert d.numerator.isna().all() and (d.units_reported == 0).all()


def test_progress_compares_with_what_is_due_now(mart):
    rows = _legacy_view(mart)
    # B: 20 % against a trajectory of 19,05 % is on track (capped at 1); 10 % against 12,42 % is not
    assert rows.loc[("2025", "215", "B")].progress == 1.0
    assert rows.loc[("2025-H1", "215", "B")].progress == pytest.approx(0.1 / H1_EXPECTED_B)
    # annual C: 60 % against the 80 % goal
    assert rows.loc[("2025", "216", "C")].progress == pytest.approx(0.75)
    assert math.isnan(rows.loc[("2025", "215", "C")].progress)
