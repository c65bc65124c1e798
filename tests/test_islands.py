"""Island special zones (đặc khu) of the 2025 structure and the island districts before them.

What vietnamadminunits 1.0.4 holds (checked in its dataset.db and converter_2025.json): every one
of the 13 special zones is a ward row of `admin_units` of type "Đặc khu", with its coordinates.
Before 1/7/2025 the island districts are districts of `admin_units_legacy`; five of them are
districts without a commune level (Bạch Long Vĩ 318, Cồn Cỏ 471, Hoàng Sa 498, Lý Sơn 536,
Côn Đảo 755), one row each with an empty ward, which the converter maps whole
(`<province>_<district>_`) to their special zone. The others have communes, all of which go to
the zone (Phú Quốc city, 911, gives two: Phú Quốc and Thổ Châu). Phú Quý is spelt "Phú Quí" in
the legacy table. The package lacks none of the 13.
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from data_pipeline.cli import main
from data_pipeline.reference.programme import Programme, load_programme
from data_pipeline.reference.units import DISTRICT_RULE, WHOLE_RULE, UnitDirectory, crosswalk, reference_units
from data_pipeline.settings import REPO_ROOT
from data_pipeline.warehouse.manifest import read_table

QUANG_NGAI = REPO_ROOT / "config" / "programmes" / "quang_ngai_1905.yaml"


@dataclass(frozen=True)
class Zone:
    province: str  # legacy province code
    code: str  # the special zone's official code (2025)
    name: str
    point: tuple[float, float]
    district: str  # the legacy district (or city) it replaced
    district_name: str
    olds: tuple[str, ...]  # what the crosswalk sends to the zone: old communes, or the district


ZONES = [
    Zone("22", "06994", "Đặc khu Vân Đồn", (21.149, 107.527), "203", "Huyện Vân Đồn",
         ("06994", "06997", "07000", "07003", "07006", "07009", "07012", "07015", "07018", "07021", "07024", "07027")),
    Zone("22", "07192", "Đặc khu Cô Tô", (20.987, 107.779), "207", "Huyện Cô Tô", ("07192", "07195", "07198")),
    Zone("31", "11914", "Đặc khu Cát Hải", (20.8087, 106.869), "317", "Huyện Cát Hải",
         ("11914", "11917", "11920", "11923", "11926", "11929", "11932", "11935", "11938", "11941", "11944", "11947")),
    Zone("31", "11948", "Đặc khu Bạch Long Vĩ", (20.1346, 107.7307), "318", "Huyện Bạch Long Vĩ", ("318",)),
    Zone("45", "19742", "Đặc khu Cồn Cỏ", (17.15925, 107.339), "471", "Huyện Cồn Cỏ", ("471",)),
    Zone("48", "20333", "Đặc khu Hoàng Sa", (16.568, 112.135), "498", "Huyện Hoàng Sa", ("498",)),
    Zone("51", "21548", "Đặc khu Lý Sơn", (15.385, 109.115), "536", "Huyện Lý Sơn", ("536",)),
    Zone("56", "22736", "Đặc khu Trường Sa", (9.71, 114.45), "576", "Huyện Trường Sa", ("22736", "22737", "22739")),
    Zone("60", "23272", "Đặc khu Phú Quý", (10.5283, 108.9453), "602", "Huyện Phú Quí", ("23272", "23275", "23278")),
    Zone("77", "26732", "Đặc khu Côn Đảo", (8.6981, 106.6115), "755", "Huyện Côn Đảo", ("755",)),
    # Phú Quốc city's eight other communes make Phú Quốc; its Thổ Châu commune, Thổ Châu
    Zone("91", "31078", "Đặc khu Phú Quốc", (10.2751, 103.991), "911", "Thành phố Phú Quốc",
         ("31078", "31081", "31084", "31087", "31090", "31093", "31096", "31102")),
    Zone("91", "31105", "Đặc khu Thổ Châu", (9.306, 103.4857), "911", "Thành phố Phú Quốc", ("31105",)),
    Zone("91", "31108", "Đặc khu Kiên Hải", (9.8, 104.632), "912", "Huyện Kiên Hải", ("31108", "31111", "31114", "31115")),
]  # fmt: skip


def _programme(tmp_path: Path, province: str) -> Programme:
    """A minimal programme over a whole province (the fixture's shape), reporting districts then
    communes."""
    programme_id = f"dao_{province}"
    raw = {
        "id": programme_id,
        "name": f"Chương trình kiểm thử tỉnh mã {province}",
        "short_name": f"Kiểm thử {province}",
        "document": "Tài liệu kiểm thử",
        "secretariat": "Công an tỉnh",
        "start": dt.date(2024, 9, 1),
        "end": dt.date(2026, 12, 31),
        "geography": {"province_code": province},
        "structures": [{"id": "legacy", "valid_to": dt.date(2025, 6, 30)}, {"id": "2025", "valid_from": dt.date(2025, 7, 1)}],
        "reporting": [
            {"from_period": "2025-H1", "structure": "legacy", "level": "district"},
            {"from_period": "2025", "structure": "2025", "level": "commune"},
        ],
        "reviews": [{"name": "Tổng kết", "date": dt.date(2026, 12, 31), "required_share": 1.0}],
        "periods": [
            {"id": "2025-H1", "label": "Báo cáo 6 tháng 2025", "due": dt.date(2025, 6, 15)},
            {"id": "2025", "label": "Báo cáo năm 2025", "due": dt.date(2025, 11, 15)},
        ],
        "activities": [{"code": "hoi_nghi", "name": "Hội nghị"}],
        "rating": {"scale": [{"name": "Tốt", "min_score": 50}, {"name": "Yếu", "min_score": 0}]},
        "tasks": [{"id": 1, "name": "Hội nghị triển khai", "owner": "Công an tỉnh", "deadline": dt.date(2024, 10, 31)}],
    }  # fmt: skip
    path = tmp_path / f"{programme_id}.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return load_programme(path)


@pytest.mark.parametrize("zone", ZONES, ids=[zone.name for zone in ZONES])
def test_each_special_zone_is_a_2025_commune_that_took_its_island_district(tmp_path, zone):
    programme = _programme(tmp_path, zone.province)
    units = reference_units(programme).set_index("unit_code")
    new = units.loc[f"2025:{zone.code}"]
    assert (new.official_code, new.unit_name, new.unit_kind, new.structure) == (zone.code, zone.name, "commune", "2025")
    assert (new.lat, new.lon) == pytest.approx(zone.point)
    # before 1/7/2025 the island district is a district with its point, communes or not
    district = units.loc[zone.district]
    assert (district.unit_name, district.unit_kind, district.structure) == (zone.district_name, "district", "legacy")
    assert district[["lat", "lon"]].notna().all()
    old_communes = set(units.index[(units.parent_code == zone.district) & (units.structure == "legacy")])
    whole = zone.olds == (zone.district,)
    assert (old_communes == set()) if whole else (set(zone.olds) <= old_communes)
    # the crosswalk sends the district's communes, or the whole district, to the zone
    cross = crosswalk(programme).set_index("old_code")
    taken = cross[cross.new_code == f"2025:{zone.code}"]
    assert tuple(sorted(taken.index)) == zone.olds
    assert set(taken.rule) == {DISTRICT_RULE if zone.olds == (zone.district,) else WHOLE_RULE}
    assert not taken.is_split.any()
    directory = UnitDirectory(programme)
    assert f"2025:{zone.code}" in directory.successors(zone.district)
    assert directory.predecessors(f"2025:{zone.code}") == [zone.district]


def test_districts_without_communes_are_exactly_the_five_the_package_lists_so(tmp_path):
    for province, districts in {"31": ["318"], "45": ["471"], "48": ["498"], "51": ["536"], "77": ["755"]}.items():
        units = reference_units(_programme(tmp_path, province))
        legacy = units[units.structure == "legacy"]
        parents = set(legacy[legacy.unit_kind == "commune"].parent_code)
        assert sorted(set(legacy[legacy.unit_kind == "district"].unit_code) - parents) == districts


def _quang_ngai(tmp_path: Path) -> tuple[list[str], Path]:
    programmes = tmp_path / "programmes"
    programmes.mkdir()
    (programmes / QUANG_NGAI.name).write_text(QUANG_NGAI.read_text(encoding="utf-8"), encoding="utf-8")
    home = tmp_path / "home"
    return ["--home", str(home), "--programmes-dir", str(programmes), "--programme", "quang_ngai_1905"], home


def test_ly_son_reports_for_every_2025_period_and_its_legacy_district_is_no_new_commune(tmp_path):
    options, home = _quang_ngai(tmp_path)
    assert main(["build", *options, "--as-of", "2026-11-23"]) == 0
    reporters = read_table(home / "parquet", "core_reporters")
    by_period = reporters.groupby("period").unit_code.apply(set)
    # the 2025 structure reports from the 2025 annual report on: 55 communes and wards of the
    # former Quảng Ngãi and Đặc khu Lý Sơn (68 with the 12 provincial bodies of the demo)
    for period in ("2025", "2026-H1", "2026"):
        assert "2025:21548" in by_period[period] and "536" not in by_period[period]
        assert len(by_period[period]) == 56
    # before, Huyện Lý Sơn is one of the 13 districts that report
    for period in ("2022", "2023-H1", "2023", "2024-H1", "2024", "2025-H1"):
        assert "536" in by_period[period] and "2025:21548" not in by_period[period]
        assert len(by_period[period]) == 13

    areas = read_table(home / "parquet", "core_area_map").set_index(["view", "source_code"])
    new_areas = set(areas.loc["new"].area_code) - {"51"}
    units = read_table(home / "parquet", "core_units")
    assert new_areas == set(units[units.structure == "2025"].unit_code) and "536" not in new_areas
    assert areas.loc[("new", "536"), ["area_code", "weight", "is_primary"]].tolist() == ["2025:21548", 1.0, True]
    assert areas.loc[("legacy", "2025:21548"), "area_code"] == "536"

    # its report counts in the 2025 compliance: 56 due, none in yet
    compliance = read_table(home / "parquet", "mart_compliance")
    year = compliance[(compliance.view == "new") & (compliance.period == "2025")].set_index("unit_code")
    assert len(year) == 56 and year.loc["2025:21548", ["area_code", "status"]].tolist() == ["2025:21548", "chưa nộp"]


def test_ly_son_gets_its_template_by_the_structure_in_force(tmp_path, capsys):
    options, _ = _quang_ngai(tmp_path)

    def template(unit: str, period: str) -> int:
        return main(["template", *options, "--unit", unit, "--period", period, "-o", str(tmp_path / f"{unit}.xlsx")])

    assert template("21548", "2025") == 0
    capsys.readouterr()
    assert template("536", "2025") == 2
    assert "Đơn vị kế thừa: Đặc khu Lý Sơn (21548)" in capsys.readouterr().err
    assert template("21548", "2024") == 2
    assert "Đơn vị tiền thân: Huyện Lý Sơn (536)" in capsys.readouterr().err
