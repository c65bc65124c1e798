"""mart_rating on the fixture, worked by hand (inputs in fixture_data.py; weights 0,7/0,3, a late
report earns 0,5; the fixture's scale is Tốt ≥ 50, Yếu below).

Indicators A (goal 100 %), B (cumulative; trajectory at the 2025 report 19,05 %: 50 % × 440 of
the 1,155 days from 1/9/2024 to the sơ kết on 31/10/2027), C (goal 80 %), D (no unit reports it:
counts 0). Per unit, progress = min(rate ÷ goal or trajectory, 1):
- 213: A 9/10 → 0,9; B 40 % → 1; C 8/10 → 1; D 0 → mean 0,725; both 2025 reports on time → 1;
  score 100 × (0,7 × 0,725 + 0,3 × 1) = 80,75 → Tốt.
- 215: A 5/10 → 0,5; B 20 % → 1; C none → 0; D 0 → 0,375; both reports late → 0,5;
  score 100 × (0,2625 + 0,15) = 41,25 → Yếu.
- 216: A 1; B 25/50 → 1; C 6/10 ÷ 0,8 → 0,75; D 0 → 0,6875; 6-month report missing, annual on
  time → 0,5; score 100 × (0,48125 + 0,15) = 63,125 → Tốt.
"""

import pytest


def test_scores_and_classes_are_those_worked_by_hand(mart):
    rating = mart("mart_rating").set_index("unit_code")
    assert rating.year.unique().tolist() == [2025]
    assert rating.score.to_dict() == pytest.approx({"213": 80.75, "215": 41.25, "216": 63.125})
    assert rating.rating.to_dict() == {"213": "Tốt", "215": "Yếu", "216": "Tốt"}
    assert rating.attainment_score.to_dict() == pytest.approx({"213": 0.725, "215": 0.375, "216": 0.6875})
    assert rating.compliance_score.to_dict() == pytest.approx({"213": 1.0, "215": 0.5, "216": 0.5})


def test_units_rated_for_attention_carry_their_reasons(mart):
    rating = mart("mart_rating").set_index("unit_code")
    assert rating.needs_attention.to_dict() == {"213": False, "215": True, "216": False}
    assert rating.loc["215", "reasons"] == (
        "A chậm (50,0 % so với 100,0 %); C chưa có số liệu; D chưa có số liệu; "
        "Báo cáo 6 tháng 2025 nộp trễ 5 ngày; Báo cáo năm 2025 nộp trễ 1 ngày"
    )
    assert (
        rating.loc["216", "reasons"]
        == "C chậm (60,0 % so với 80,0 %); D chưa có số liệu; Báo cáo 6 tháng 2025 chưa nộp"
    )
