"""The 2025 reorganisation: crosswalk, both views with the same totals, codes by period."""

import datetime as dt

import pandas as pd
import pytest
from helpers import metric_values, run_cli, run_page, simple_report, table_rows

from data_pipeline.errors import ConfigError
from data_pipeline.reference.units import SPLIT_RULE, WHOLE_RULE, build_crosswalk
from data_pipeline.warehouse.manifest import read_table


def test_crosswalk_worked_by_hand():
    # four old communes → two new ones; xa4 was divided and goes whole to the package's default
    converter = {
        "DICT_PROVINCE_WARD_NO_DIVIDED": {
            "tinhmoi": {"xaa": ["tinhcu_huyenx_xa1", "tinhcu_huyenx_xa2"], "xab": ["tinhcu_huyeny_xa3"]}
        },
        "DICT_PROVINCE_WARD_DIVIDED": {
            "tinhmoi": {
                "tinhcu_huyeny_xa4": [
                    {"newWardKey": "xaa", "isDefaultNewWard": False},
                    {"newWardKey": "xab", "isDefaultNewWard": True},
                ]
            }
        },
    }
    old = {f"tinhcu_huyen{d}_xa{n}": f"0000{n}" for d, n in (("x", 1), ("x", 2), ("y", 3), ("y", 4))}
    new = {"xaa": "2025:10001", "xab": "2025:10002"}
    rows = build_crosswalk(converter, old, new, "tinhmoi")
    assert rows.to_dict("records") == [
        {
            "old_code": "00001",
            "new_code": "2025:10001",
            "is_split": False,
            "rule": WHOLE_RULE,
            "successors": "2025:10001",
        },
        {
            "old_code": "00002",
            "new_code": "2025:10001",
            "is_split": False,
            "rule": WHOLE_RULE,
            "successors": "2025:10001",
        },
        {
            "old_code": "00003",
            "new_code": "2025:10002",
            "is_split": False,
            "rule": WHOLE_RULE,
            "successors": "2025:10002",
        },
        {
            "old_code": "00004",
            "new_code": "2025:10002",
            "is_split": True,
            "rule": SPLIT_RULE,
            "successors": "2025:10001;2025:10002",
        },
    ]
    with pytest.raises(ConfigError, match="thiếu các xã cũ: 00005"):
        build_crosswalk(converter, {**old, "tinhcu_huyeny_xa5": "00005"}, new, "tinhmoi")


def test_bac_giang_crosswalk_counts(demo_home):
    crosswalk = read_table(demo_home / "parquet", "core_unit_crosswalk").query("programme_id == 'bac_giang_835'")
    assert (len(crosswalk), crosswalk.new_code.nunique(), int(crosswalk.is_split.sum())) == (192, 58, 0)
    units = read_table(demo_home / "parquet", "core_units").query("programme_id == 'bac_giang_835'")
    old = units[(units.structure == "legacy") & (units.unit_kind == "commune")]
    assert set(crosswalk.old_code) == set(old.unit_code)
    assert str(old.valid_to.iloc[0])[:10] == "2025-06-30"
    assert str(units[units.structure == "2025"].valid_from.iloc[0])[:10] == "2025-07-01"


def test_area_map_weights_apportion_each_district_whole(mart):
    areas = mart("core_area_map")
    districts = areas[(areas.view == "new") & areas.source_code.isin(["213", "215", "216"])]
    assert districts.groupby("source_code").weight.sum().to_dict() == pytest.approx({"213": 1, "215": 1, "216": 1})
    assert (districts.groupby("source_code").is_primary.sum() == 1).all()
    # every source has exactly one primary area in each view
    assert not areas[areas.is_primary].duplicated(["view", "source_code"]).any()


@pytest.mark.parametrize("home", ["fixture_home", "demo_home"])
def test_province_totals_are_the_same_in_both_views_for_every_mart(request, home):
    base = request.getfixturevalue(home) / "parquet"

    def read(name):
        return read_table(base, name)

    attainment = read("mart_attainment")
    keys = ["view", "programme_id", "period", "indicator_code"]  # the demo holds every programme
    province = attainment[attainment.unit_level == "province"].set_index(keys)
    for column in ("numerator", "denominator", "units_reported", "units_expected", "status"):
        new, legacy = province.loc["new"][column].sort_index(), province.loc["legacy"][column].sort_index()
        pd.testing.assert_series_equal(new, legacy, check_names=False)
    areas = attainment[attainment.unit_level != "province"].groupby(keys)
    sums = areas[["numerator", "denominator"]].sum(min_count=1)
    joined = sums.join(province[["numerator", "denominator"]], rsuffix="_province")
    assert joined.numerator.fillna(-1).to_numpy() == pytest.approx(joined.numerator_province.fillna(-1).to_numpy())
    assert joined.denominator.fillna(-1).to_numpy() == pytest.approx(joined.denominator_province.fillna(-1).to_numpy())

    measures = {
        "mart_compliance": ["version_count", "days_late"],
        "mart_incidents": ["cases", "sanctioned", "fines", "warned", "taken_down", "prosecuted", "loss"],
        "mart_models": ["models", "members"],
    }
    for name, columns in measures.items():
        totals = read(name).groupby("view")[columns].sum()
        assert totals.loc["new"].tolist() == totals.loc["legacy"].tolist(), name
    coverage = read("mart_model_coverage")
    coverage = coverage[coverage.unit_level == "province"].set_index(["view", "programme_id", "indicator_code"])
    columns = ["units", "units_with_model"]
    assert coverage.loc["new"][columns].sort_index().equals(coverage.loc["legacy"][columns].sort_index())


def _report(folder, unit, period):
    return simple_report(folder, [("A", "A", 5, 10)], unit, period, submitted_on=dt.date(2026, 11, 10))


def test_old_code_after_the_change_is_rejected_naming_the_successors(tmp_path, capsys):
    _report(tmp_path, "215", "2026")
    assert run_cli(tmp_path, "ingest", str(tmp_path / "r_215_2026.xlsx")) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert "'215' là mã Huyện Yên Thế (215) trước 1/7/2025; kỳ 2026 do cấp xã theo cơ cấu từ 1/7/2025 báo cáo" in out
    assert "Đơn vị kế thừa:" in out and "Xã Bố Hạ (07294)" in out and "Xã Tam Tiến (07264)" in out


def test_new_code_before_the_change_is_rejected_naming_the_predecessor(tmp_path, capsys):
    _report(tmp_path, "07294", "2025")
    assert run_cli(tmp_path, "ingest", str(tmp_path / "r_07294_2025.xlsx")) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert "'07294' là mã Xã Bố Hạ (07294) từ 1/7/2025; kỳ 2025 do cấp huyện" in out
    assert "Đơn vị tiền thân: Huyện Yên Thế (215)" in out


def test_new_code_from_the_change_is_accepted(tmp_path):
    _report(tmp_path, "07294", "2026")
    assert run_cli(tmp_path, "ingest", str(tmp_path / "r_07294_2026.xlsx")) == 0
    staged = pd.read_parquet(next((tmp_path / "submissions" / "staged" / "report_submissions").glob("*.parquet")))
    assert staged.unit_code.tolist() == ["2025:07294"]


def test_overview_headline_is_the_same_in_both_views(fixture_env):
    new, legacy = metric_values(run_page(structure="new")), metric_values(run_page(structure="legacy"))
    assert new == legacy
    assert new["Tỉ lệ nộp báo cáo"] == "100,0 %"


def test_attainment_page_in_the_new_view_apportions_district_reports(fixture_env):
    app = run_page("pages/attainment.py", structure="new", period="2025", indicator="A")
    assert any("phân bổ cho các xã mới" in info.value for info in app.info)
    rows = {r["Địa bàn"]: r for r in table_rows(app)}
    assert len(rows) == 19
    # Xã Bố Hạ lies wholly in former Yên Thế (A: 5 of 10 → 50 %)
    assert rows["Xã Bố Hạ"]["Tỉ lệ"] == "50,0 %"
    assert rows["Toàn tỉnh"]["Tỉ lệ"] == "80,0 %" and rows["Toàn tỉnh"]["Đơn vị đã báo cáo"] == "3/3"
