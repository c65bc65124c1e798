"""The demo reproduces the Đề án's published baseline and is deterministic for a seed.

Figures from Đề án 835 (shared/DOMAIN.md): 2022 to 6/2024 — 13 information-system incidents,
4 state-secret cases, 1 anti-State propaganda, 1 abuse of democratic freedoms, 54 sanctioned,
174 warned, over 1,000 accounts/posts taken down, 96 cyber-crime cases; models at mid-2024 —
209 groups / 15,327 members, 173 / 1,935, 1 CAKCN group / 638, 2,128 dân vận teams, 2,100
digital teams (209 commune, 1,891 village) with over 16,000 members.
"""

import datetime as dt

import docx
import pandas as pd
import pytest
from pptx import Presentation

from data_pipeline.cli import main
from data_pipeline.demo import write_demo
from data_pipeline.programme import load_programme
from data_pipeline.settings import REPO_ROOT, resolve_paths
from data_pipeline.warehouse import read_table


def _read(home, name, programme="bac_giang_835"):
    """A table of one programme in the demo warehouse; marts in the former-district view, where
    they have views."""
    rows = read_table(home / "parquet", name)
    rows = rows[rows.programme_id == programme]
    return rows[rows.view == "legacy"] if "view" in rows else rows


def test_demo_incidents_reproduce_the_2022_to_mid_2024_figures(demo_home):
    incidents = _read(demo_home, "mart_incidents")
    baseline = incidents[incidents.month.astype(str).str[:10] <= "2024-06-01"]
    by_category = baseline.groupby("category_code").cases.sum()
    assert (by_category["su_co_attt"], by_category["lo_lot_bmnn"]) == (13, 4)
    assert (by_category["chong_nha_nuoc"], by_category["tu_do_dan_chu"]) == (1, 1)
    assert baseline.sanctioned.sum() == 54
    assert baseline.warned.sum() == 174
    assert baseline.taken_down.sum() > 1000
    assert baseline.prosecuted.sum() == 96
    crimes = baseline[baseline.category_code.isin(["lua_dao", "danh_bac", "quang_cao", "vu_khi_ma_tuy", "xam_nhap"])]
    assert crimes.prosecuted.sum() == 96
    assert incidents.month.astype(str).str[:7].max() == "2026-11"


def test_demo_registry_reproduces_the_mid_2024_models(demo_home):
    models = _read(demo_home, "core_models")
    baseline = models[models.established_on.astype(str) <= "2024-06-30"]
    kinds = baseline.groupby("model_kind").agg(models=("model_id", "count"), members=("members", "sum"))
    assert tuple(kinds.loc["Nhóm Zalo Trưởng Công an xã với Nhân dân"]) == (209, 15327)
    assert tuple(kinds.loc["Nhóm Zalo Công an với chủ cơ sở lưu trú, karaoke, nhà hàng"]) == (173, 1935)
    assert tuple(kinds.loc["Nhóm Zalo CAKCN với doanh nghiệp khu công nghiệp"]) == (1, 638)
    assert kinds.loc["Tổ Dân vận cộng đồng"].models == 2128
    digital = baseline[baseline.model_kind == "Tổ công nghệ số cộng đồng"]
    assert len(digital) == 2100 and digital.members.sum() > 16000
    assert digital.unit_kind.value_counts().to_dict() == {"village": 1891, "commune": 209}


def test_demo_units_come_from_the_package_and_villages_are_synthetic(demo_home):
    units = _read(demo_home, "core_units")
    counts = units.unit_kind.value_counts()
    assert (counts["province"], counts["district"], counts["commune"]) == (1, 10, 192 + 58)
    assert 1800 <= counts["village"] <= 2100
    assert units[units.unit_kind == "village"].is_synthetic.all()
    assert not units[units.unit_kind == "commune"].is_synthetic.any()


def test_demo_has_late_and_missing_reports_and_districts_differ(demo_home):
    compliance = _read(demo_home, "mart_compliance")
    latest = compliance[compliance.period == "2026"].status.value_counts()
    # the province's 19 departments, agencies and organisations report throughout (III.1), with
    # the 10 districts until mid-2025, then the 58 new communes
    assert latest.sum() == 58 + 19
    assert latest.get("chưa nộp", 0) >= 2 and latest.get("trễ hạn", 0) >= 1
    assert len(compliance[compliance.period == "2025-H1"]) == 10 + 19
    assert set(compliance.period) == {"2024", "2025-H1", "2025", "2026-H1", "2026"}
    attainment = _read(demo_home, "mart_attainment")
    districts = attainment[(attainment.period == "2025") & (attainment.unit_level == "district")]
    per_district = districts.groupby("unit_code").attainment.mean()
    assert per_district.max() - per_district.min() > 0.15
    assert {"đạt", "đúng lộ trình", "chậm"} <= set(districts.status)


def test_demo_is_deterministic_for_a_seed(tmp_path):
    programme = load_programme(REPO_ROOT / "config" / "programmes" / "bac_giang_835.yaml")
    first = write_demo(resolve_paths(tmp_path / "a"), programme, seed=3, as_of=dt.date(2025, 7, 1))
    second = write_demo(resolve_paths(tmp_path / "b"), programme, seed=3, as_of=dt.date(2025, 7, 1))
    assert [p.name for p in first] == [p.name for p in second]
    csv_a, csv_b = (next(p for p in files if p.suffix == ".csv") for files in (first, second))
    assert csv_a.read_bytes() == csv_b.read_bytes()
    report_a, report_b = (
        pd.read_excel(next(p for p in reversed(files) if p.name.startswith("bao_cao_")), sheet_name="Chỉ tiêu")
        for files in (first, second)
    )
    pd.testing.assert_frame_equal(report_a, report_b)


def test_quang_ngai_demo_follows_kh_1905(demo_home):
    # 13 district-level units of the former Quảng Ngãi and the province's 12 sở, ban, ngành
    # report until the 6-month report of 2025 (before 10/5), then its communes and the 12;
    # reports are due before 10/5 and 10/11 (mục V.2)
    compliance = _read(demo_home, "mart_compliance", "quang_ngai_1905")
    compliance = compliance[compliance.view == "legacy"]
    periods = compliance.groupby("period").agg(due=("due_on", "first"), reporters=("unit_code", "nunique"))
    assert periods.loc["2022"].tolist() == [dt.date(2022, 11, 10), 13 + 12]
    assert periods.loc["2025-H1"].tolist() == [dt.date(2025, 5, 10), 13 + 12]
    assert periods.loc["2026"].due == dt.date(2026, 11, 10) and periods.loc["2026"].reporters > 25
    agencies = compliance[compliance.unit_code.str.startswith("CQ-")]
    assert "Sở Thông tin và Truyền thông" in set(agencies.unit_name) and agencies.unit_code.nunique() == 12
    # the seven task groups, each a rate of items carried out over items planned, and the
    # province's rate is Σ carried out ÷ Σ planned over the districts and bodies that reported
    attainment = _read(demo_home, "mart_attainment", "quang_ngai_1905")
    year = attainment[(attainment.period == "2024") & (attainment.view == "legacy")]
    assert sorted(year.indicator_code.unique()) == ["1", "2", "3", "4", "5", "6", "7"]
    districts, province = year[year.unit_level != "province"], year[year.unit_level == "province"]
    assert set(districts.unit_level) == {"district", "agency"}
    sums = districts.groupby("indicator_code")[["numerator", "denominator"]].sum()
    for row in province.itertuples():
        assert row.rate == pytest.approx(
            sums.loc[row.indicator_code].numerator / sums.loc[row.indicator_code].denominator
        )
    assert (districts.denominator.dropna() < 40).all()  # items of a yearly plan, not people
    # no budget in the plan (mục III.2): nothing planned, nothing to compare
    assert read_table(demo_home / "parquet", "mart_budget").query("programme_id == 'quang_ngai_1905'").empty
    tasks = _read(demo_home, "mart_tasks", "quang_ngai_1905")
    assert "Sở Thông tin và Truyền thông (Công an tỉnh phối hợp)" in set(tasks.owner)


def test_thai_nguyen_demo_reproduces_its_2022_to_early_2023_figures(demo_home):
    # mục II.1: 20 people handled for false information, 25 fined 159,750,000 đ in all, 1 prosecuted
    cases = read_table(demo_home / "parquet", "core_incidents")
    baseline = cases[(cases.programme_id == "thai_nguyen_pa05") & (cases.occurred_on.astype(str) <= "2023-02-28")]
    outcomes = baseline.groupby("outcome_code").size().to_dict()
    assert outcomes == {"ran_de": 20, "xu_phat": 25, "khoi_to": 1}
    assert baseline[baseline.outcome_code == "xu_phat"].fine.sum() == 159_750_000
    assert set(baseline[baseline.outcome_code != "khoi_to"].category_code) == {"tin_gia"}
    # the groups of the model are launched in June 2023 and their admins contacted by quarter
    contacts = _read(demo_home, "mart_contacts", "thai_nguyen_pa05")
    assert contacts.window_start.astype(str).min() == "2023-07-01"
    assert 0.6 < contacts.is_compliant.mean() < 1
    steps = _read(demo_home, "mart_milestones", "thai_nguyen_pa05")
    assert set(steps.step_id) == {"B1", "B2", "B3", "B4", "B5", "B6"} and steps.unit_code.nunique() == 9


@pytest.mark.parametrize("programme", ["bac_giang_835", "quang_ngai_1905", "lao_cai_1013", "thai_nguyen_pa05"])
def test_every_programme_gets_its_deck_and_draft_report(demo_home, tmp_path, programme):
    deck, report = tmp_path / "so_ket.pptx", tmp_path / "so_ket.docx"
    args = ["brief", "--home", str(demo_home), "--programme", programme, "-o", str(deck), "-o", str(report)]
    assert main(args) == 0
    short_name = load_programme(REPO_ROOT / "config" / "programmes" / f"{programme}.yaml").short_name
    titles = [slide.shapes.title.text for slide in Presentation(str(deck)).slides]
    # a programme without rate targets opens on what its units did instead
    assert titles[1] == ("Kết quả hoạt động" if programme in ("lao_cai_1013", "thai_nguyen_pa05") else "Kết quả thực hiện các chỉ tiêu")  # fmt: skip
    # a model built in steps is summarised by its steps and contacts, not a coverage it has no target for
    steps, coverage = "Xây dựng mô hình: các bước và tiếp xúc định kỳ", "Mô hình: kết quả và đối chiếu sổ theo dõi"
    assert (steps in titles, coverage in titles) == (
        (True, False) if programme == "thai_nguyen_pa05" else (False, True)
    )
    assert any(short_name in p.text for p in docx.Document(str(report)).paragraphs[:6])


def test_demo_dated_days_before_a_deadline_has_only_the_reports_sent_early(tmp_path):
    # Lào Cai's annual report is due 21/12; as of 20/12 some units have sent it early and none late
    programme = load_programme(REPO_ROOT / "config" / "programmes" / "lao_cai_1013.yaml")
    written = write_demo(resolve_paths(tmp_path), programme, seed=835, as_of=dt.date(2026, 12, 20))
    annual = [p for p in written if p.name.startswith("bao_cao_") and p.stem.endswith("_2026")]
    q3 = [p for p in written if p.stem.endswith("_2026-Q3")]
    assert 0 < len(annual) < len(q3)
