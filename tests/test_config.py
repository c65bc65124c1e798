"""Programme configuration: the real file loads; each kind of mistake names its key and file."""

from pathlib import Path

import pytest
import yaml

from data_pipeline.programme import ConfigError, load_programme
from data_pipeline.settings import REPO_ROOT

BAC_GIANG = REPO_ROOT / "config" / "programmes" / "bac_giang_835.yaml"


def test_bac_giang_programme_holds_the_documents_figures():
    programme = load_programme(BAC_GIANG)
    targets = {i.target_code for i in programme.indicators}
    assert targets == {f"2.{n}" for n in range(1, 10)}
    goals = {i.code: i.goal for i in programme.indicators}
    assert goals["2.8"] == 0.8 and goals["2.9.5"] == 0.7 and goals["2.9.6"] == 0.8
    assert [i.code for i in programme.indicators if i.target_code == "2.9"] == [f"2.9.{n}" for n in range(1, 7)]
    assert {i.target_code for i in programme.indicators if i.cumulative} == {"2.3", "2.5", "2.9"}
    assert programme.period("2024").due.isoformat() == "2024-11-30"
    assert programme.period("2026-H1").due.isoformat() == "2026-06-15"
    assert programme.period("2030").due.isoformat() == "2030-11-15"
    assert [(r.date.isoformat(), r.required_share) for r in programme.reviews] == [
        ("2027-10-31", 0.5),
        ("2030-12-31", 1.0),
    ]
    assert programme.budget.total == 37_782_328_000
    assert [(b.level, b.amount) for b in programme.budget.levels] == [
        ("province", 5_015_728_000),
        ("district", 4_235_100_000),
        ("commune", 28_531_500_000),
    ]
    assert [name for name, _ in programme.rating_scale] == ["Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"]


def _broken(tmp_path: Path, change) -> Path:
    raw = yaml.safe_load(BAC_GIANG.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "bac_giang_835.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.pop("periods"), "khóa 'periods' bị thiếu"),
        (lambda r: r.update(milestones=[{"id": "B1", "name": "Khảo sát"}]), "khóa 'milestones[0].due' bị thiếu"),
        (
            lambda r: r.update(contacts={"model_kind": "Hội nhóm", "every_months": 2, "from": "2023-07-01"}),
            "khóa 'contacts.every_months' phải là 1, 3, 6 hoặc 12",
        ),
        (
            lambda r: r["targets"][2].update(kind="yearly"),
            "khóa 'targets[2].kind' phải là một trong: annual, cumulative",
        ),
        (lambda r: r["targets"][8]["indicators"][4].pop("goal"), "khóa 'targets[8].indicators[4].goal' bị thiếu"),
        (
            lambda r: r["targets"][7]["indicators"][0].update(goal=80),
            "khóa 'targets[7].indicators[0].goal' phải là tỉ lệ",
        ),
        (lambda r: r["periods"][1].update(due="15/6/2025"), "khóa 'periods[1].due' phải là ngày"),
        (lambda r: r["periods"][1].update(id="2025-S1"), "khóa 'periods[1].id' phải có dạng"),
        (lambda r: r["budget"].update(total=1), "khóa 'budget.total' phải bằng tổng các cấp"),
        (lambda r: r["geography"].pop("province_code"), "khóa 'geography.province_code' bị thiếu"),
        (lambda r: r.update(id="other"), "khóa 'id' phải trùng tên tệp"),
        (
            lambda r: r["reporting"][0].update(level=["district", "commune"]),
            "khóa 'reporting[0].level' chỉ được một cấp địa bàn (huyện hoặc xã)",
        ),
        (
            lambda r: r["reporting"][1].update(level="district"),
            "khóa 'reporting[1].level' phải là một hoặc danh sách không trùng các cấp: commune, agency",
        ),
        (lambda r: r["geography"].update(seat="213"), "khóa 'geography.seat' phải là mã tỉnh hoặc một mã trong"),
        (
            lambda r: (
                r["geography"].update(districts=["213"], seat="213")
                or r["reporting"][1].update(level=["commune", "agency"])
            ),
            "khóa 'reporting[1].level' không có 'agency' từ 1/7/2025",
        ),
    ],
)
def test_config_error_names_the_key_and_file(tmp_path, change, message):
    with pytest.raises(ConfigError) as error:
        load_programme(_broken(tmp_path, change))
    assert "bac_giang_835.yaml" in str(error.value)
    assert message in str(error.value)


def test_invalid_yaml_is_a_config_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml: YAML không hợp lệ"):
        load_programme(path)
