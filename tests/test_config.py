"""Programme configuration: the real files load into typed objects; each kind of mistake (a
missing key, a wrong value, a key the file format does not have) names its key path and file,
and stops every command with exit code 2."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from data_pipeline.cli import main
from data_pipeline.errors import ConfigError
from data_pipeline.reference.programme import IncidentOutcomes, Task, load_programme
from data_pipeline.settings import REPO_ROOT
from data_pipeline.warehouse.manifest import read_table

CONFIG = REPO_ROOT / "config" / "programmes"
FIXTURES = Path(__file__).parent / "fixtures" / "programmes"
BAC_GIANG = CONFIG / "bac_giang_835.yaml"


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
    # the plan's nine tasks: three dated, the others standing; task 7 each September
    assert programme.tasks[0] == Task("1", "Hội nghị quán triệt, triển khai Đề án cấp tỉnh",
                                      "Công an tỉnh, Văn phòng UBND tỉnh", dt.date(2024, 10, 31))  # fmt: skip
    assert (programme.tasks[6].recurrence, programme.tasks[6].month) == ("yearly", 9)
    assert [t.id for t in programme.tasks if t.deadline] == ["1", "2", "5"]
    # the demo reproduces the Đề án's 2022–6/2024 figures
    assert programme.demo.incident_outcomes == IncidentOutcomes(sanctioned=54, warned=174, prosecuted=96)
    assert (programme.demo.taken_down, programme.demo.baseline_models[0].count) == (1024, 209)
    # 2.9.1–2.9.5 are measured from the registry too, but the reports are the official figure
    sources = {i.code: (i.coverage_of, i.official_source) for i in programme.indicators if i.target_code == "2.9"}
    assert sources == {
        "2.9.1": ("commune", "reports"),
        "2.9.2": ("village", "reports"),
        "2.9.3": ("agency", "reports"),
        "2.9.4": ("school", "reports"),
        "2.9.5": ("enterprise", "reports"),
        "2.9.6": (None, "reports"),
    }


@pytest.mark.parametrize(
    "path", [*sorted(CONFIG.glob("*.yaml")), *sorted(FIXTURES.glob("*.yaml"))], ids=lambda p: p.name
)
def test_every_shipped_programme_file_and_fixture_loads(path):
    assert load_programme(path).id == path.stem


def _broken(tmp_path: Path, change) -> Path:
    """Bắc Giang's file with one change, alone in a programmes folder."""
    raw = yaml.safe_load(BAC_GIANG.read_text(encoding="utf-8"))
    change(raw)
    (tmp_path / "programmes").mkdir(exist_ok=True)
    path = tmp_path / "programmes" / "bac_giang_835.yaml"
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
        (lambda r: r["budget"]["levels"][0].pop("name"), "khóa 'budget.levels[0].name' bị thiếu"),
        (
            lambda r: r["budget"]["levels"][2].update(level="village"),
            "khóa 'budget.levels[2].level' phải là một trong: province, district, commune",
        ),
        (
            lambda r: r["budget"].update(lines=["chi_mo_hinh", "chi_xe"]),
            "khóa 'budget.lines' phải là mã trong 'activities'",
        ),
        (
            lambda r: r["tasks"][2].pop("recurrence"),
            "khóa 'tasks[2]' phải có đúng một trong hai khóa 'deadline' hoặc 'recurrence'",
        ),
        (lambda r: r["tasks"][0].update(recurrence="yearly"), "khóa 'tasks[0]' phải có đúng một trong hai khóa"),
        (lambda r: r["tasks"][2].update(recurrence="monthly"), "khóa 'tasks[2].recurrence' phải là một trong: yearly"),
        (lambda r: r["tasks"][2].update(month=9), "khóa 'tasks[2].month' chỉ dùng với recurrence: yearly"),
        (lambda r: r["tasks"][8].update(id=1), "khóa 'tasks' có mã nhiệm vụ bị trùng (nhận được ['1'])"),
        (lambda r: r["tasks"][1].pop("owner"), "khóa 'tasks[1].owner' bị thiếu"),
        (lambda r: r["phases"][0].update(end="2024-01-01"), "khóa 'phases[0].end' phải sau 'start'"),
        (lambda r: r["demo"].pop("villages"), "khóa 'demo.villages' bị thiếu"),
        (lambda r: r["demo"]["incident_outcomes"].pop("warned"), "khóa 'demo.incident_outcomes.warned' bị thiếu"),
        (
            lambda r: r["demo"].update(crime_categories=["lua_dao", "lua_dao_mang"]),
            "khóa 'demo.crime_categories' phải là mã loại vụ việc",
        ),
        (
            lambda r: r["demo"].update(industrial_zone_agency="Ban Quản lý KCN"),
            "khóa 'demo.industrial_zone_agency' phải là một tên trong 'demo.seat_agencies'",
        ),
        (
            lambda r: r["demo"]["baseline_models"][3].update(at="district"),
            "khóa 'demo.baseline_models[3].at' phải là một trong: commune, village, industrial_zone",
        ),
        (
            lambda r: r["demo"]["denominators"].update({"2.10": "village"}),
            "khóa 'demo.denominators.2.10' không được hỗ trợ (các khóa hợp lệ: 2.1, 2.2,",
        ),
        (
            lambda r: r["targets"][8]["indicators"][0].pop("official_source"),
            "khóa 'targets[8].indicators[0].official_source' bị thiếu",
        ),
        (
            lambda r: r["targets"][8]["indicators"][4].update(official_source="both"),
            "khóa 'targets[8].indicators[4].official_source' phải là một trong: reports, registry",
        ),
        (
            lambda r: r["targets"][8]["indicators"][5].update(official_source="reports"),
            "khóa 'targets[8].indicators[5].official_source' chỉ dùng cho chỉ tiêu có 'coverage_of'",
        ),
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


ROOT_KEYS = (
    "id, name, short_name, document, secretariat, start, end, geography, structures, reporting, periods, "
    "reviews, phases, targets, activities, budget, tasks, milestones, contacts, baseline, incidents, rating, intake, demo"
)


def _rename(node: dict, old: str, new: str) -> None:
    node[new] = node.pop(old)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # a misspelt optional key at the root, in a section and in a list item: never ignored
        (
            lambda r: r.update(milestone=[{"id": "B1", "name": "Khảo sát", "due": "2024-10-31"}]),
            f"bac_giang_835.yaml: khóa 'milestone' không được hỗ trợ (các khóa hợp lệ: {ROOT_KEYS}); "
            "có phải 'milestones'?",
        ),
        (
            lambda r: _rename(r["budget"], "levels", "levles"),
            "bac_giang_835.yaml: khóa 'budget.levles' không được hỗ trợ (các khóa hợp lệ: total, lines, levels); "
            "có phải 'levels'?",
        ),
        (
            lambda r: _rename(r["targets"][0]["indicators"][0], "goal", "goall"),
            "bac_giang_835.yaml: khóa 'targets[0].indicators[0].goall' không được hỗ trợ (các khóa hợp lệ: code, "
            "name, denominator, goal, coverage_of, official_source); có phải 'goal'?",
        ),
        (
            lambda r: _rename(r["demo"]["activity_scale"], "hoi_nghi", "hoi_ngi"),
            "bac_giang_835.yaml: khóa 'demo.activity_scale.hoi_ngi' không được hỗ trợ (các khóa hợp lệ: hoi_nghi, "
            "tuyen_truyen, bai_viet, tap_huan, nguoi_tap_huan, chi_mo_hinh, chi_san_pham, chi_hoi_nghi, "
            "chi_cuoc_thi, chi_thiet_bi, chi_khac); có phải 'hoi_nghi'?",
        ),
        # nothing close: the valid keys only
        (
            lambda r: r["tasks"][0].update(note="x"),
            "bac_giang_835.yaml: khóa 'tasks[0].note' không được hỗ trợ (các khóa hợp lệ: id, name, owner, "
            "deadline, recurrence, month)",
        ),
    ],
    ids=["root", "section", "list item", "demo", "no close key"],
)
def test_a_key_the_format_does_not_have_is_an_error_naming_its_path_and_file(tmp_path, capsys, change, message):
    path = _broken(tmp_path, change)
    with pytest.raises(ConfigError) as error:
        load_programme(path)
    assert str(error.value) == message
    for command in ("build", "check"):
        assert main([command, "--home", str(tmp_path / "home"), "--programmes-dir", str(path.parent)]) == 2
        assert capsys.readouterr().err == f"Lỗi: {message}\n"


def test_a_budget_level_without_name_stops_build_with_exit_2_naming_the_key(tmp_path, capsys):
    # it used to reach the build and crash there with KeyError: 'name' (exit 1, a rejected input)
    path = _broken(tmp_path, lambda r: r["budget"]["levels"][0].pop("name"))
    home = tmp_path / "home"
    assert main(["build", "--home", str(home), "--programmes-dir", str(path.parent)]) == 2
    assert capsys.readouterr().err == "Lỗi: bac_giang_835.yaml: khóa 'budget.levels[0].name' bị thiếu\n"
    assert not (home / "parquet").exists()


def test_every_command_exits_2_on_a_broken_programme_file(tmp_path, capsys):
    path = _broken(tmp_path, lambda r: r["tasks"][3].pop("name"))
    home, programmes = str(tmp_path / "home"), str(path.parent)
    commands = [
        ["build"],
        ["check"],
        ["ingest", str(tmp_path)],
        ["demo"],
        ["brief", "-o", str(tmp_path / "deck.pptx")],
        ["template", "--unit", "213", "--period", "2025", "-o", str(tmp_path / "t.xlsx")],
        ["user", "list"],
    ]
    for command in commands:
        assert main([*command, "--home", home, "--programmes-dir", programmes]) == 2, command
        assert capsys.readouterr().err == "Lỗi: bac_giang_835.yaml: khóa 'tasks[3].name' bị thiếu\n", command


def test_an_unexpected_crash_raises_with_its_traceback_and_exits_2_not_1(tmp_path):
    # 1 means "done, some input rejected": a crash must never read that way, nor as a "Lỗi: …"
    # message that hides a bug behind an expected failure
    crash = (
        "import sys; from data_pipeline import cli; from data_pipeline.__main__ import run\n"
        "def crash(*args, **kwargs):\n    raise KeyError('name')\n"
        f"cli.check = crash; sys.argv = ['data_pipeline', 'check', '--home', {str(tmp_path)!r}, "
        f"'--programmes-dir', {str(CONFIG)!r}]; run()"
    )
    done = subprocess.run([sys.executable, "-c", crash], cwd=REPO_ROOT, capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith("Traceback (most recent call last):")
    assert done.stderr.splitlines()[-1] == "KeyError: 'name'"
    assert "Lỗi" not in done.stderr


def test_an_expected_failure_is_one_line_without_a_traceback(tmp_path, capsys):
    assert main(["brief", "-o", str(tmp_path / "x.pdf"), "--home", str(tmp_path), "--programmes-dir", str(CONFIG)]) == 2
    assert capsys.readouterr().err == "Lỗi: Tệp xuất phải là .pptx hoặc .docx, không phải 'x.pdf'\n"


def test_the_official_source_of_each_indicator_reaches_the_warehouse(tmp_path):
    # 2.9.5 (enterprises) switched to the registry; an indicator without coverage_of is "reports"
    path = _broken(tmp_path, lambda r: r["targets"][8]["indicators"][4].update(official_source="registry"))
    home = tmp_path / "home"
    assert main(["build", "--home", str(home), "--programmes-dir", str(path.parent), "--as-of", "2025-01-01"]) == 0
    indicators = read_table(home / "parquet", "core_indicators").set_index("indicator_code")
    assert indicators.official_source.to_dict() == {
        **{f"2.{n}": "reports" for n in range(1, 9)},
        **{f"2.9.{n}": "reports" for n in (1, 2, 3, 4, 6)},
        "2.9.5": "registry",
    }


def test_a_province_code_the_package_does_not_have_stops_build_naming_the_key(tmp_path, capsys):
    path = _broken(tmp_path, lambda r: r["geography"].update(province_code="99"))
    assert main(["build", "--home", str(tmp_path / "home"), "--programmes-dir", str(path.parent)]) == 2
    assert capsys.readouterr().err == (
        "Lỗi: bac_giang_835.yaml: khóa 'geography.province_code' không khớp đơn vị nào của vietnamadminunits "
        "(tỉnh mã 99, các huyện [])\n"
    )
