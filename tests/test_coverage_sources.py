"""Target 2.9's sub-goals have one official figure, from the source the programme file names;
the other source appears only in the reconciliation (mart_coverage_reconciliation).

Fixture: Thành phố Bắc Giang (213) has two villages in the units file; the registry has one
active model on 07201-T01 since 01/02/2025. A correction of 213's 2025 report says 2 of its 2
villages have a model (the units' figure), and keeps A, B, C as they were."""

import datetime as dt
import shutil

import pandas as pd
import pytest
from fixture_data import AS_OF, PROGRAMME, PROGRAMMES
from helpers import run_cli, simple_report

from data_pipeline.cli import main
from data_pipeline.warehouse.read import Warehouse

VALUES = [("A", "A", 9, 10), ("B", "B", 40, 100), ("C", "C", 8, 10), ("D", "D", 2, 2)]


def _home_with_village_report(fixture_home, tmp_path, programmes=PROGRAMMES):
    home = tmp_path / "home"
    shutil.copytree(fixture_home, home, symlinks=True)
    simple_report(home / "submissions" / "inbox", VALUES, unit="213", submitted_on=dt.date(2025, 11, 19))
    args = ["--home", str(home), "--programmes-dir", str(programmes), "--programme", PROGRAMME]
    assert main(["ingest", *args]) == 0
    assert main(["build", "--as-of", AS_OF, *args]) == 0
    return Warehouse(home / "parquet")


def test_reports_are_official_and_the_registry_is_the_reconciliation(fixture_home, tmp_path):
    warehouse = _home_with_village_report(fixture_home, tmp_path)
    rows = warehouse.coverage_reconciliation(PROGRAMME, "legacy", "2025").set_index("unit_code")
    city = rows.loc["213"]
    assert (city.official_source, city.numerator, city.denominator, city.rate) == ("reports", 2, 2, 1.0)
    assert (city.registry_units_with_model, city.registry_units, city.registry_rate) == (1, 2, 0.5)
    assert city.gap == pytest.approx(-0.5)
    # the official figure is mart_attainment's, on every page that reads it
    attainment = warehouse.attainment(PROGRAMME, "legacy", "2025").set_index(["unit_code", "indicator_code"])
    assert attainment.loc[("213", "D"), ["numerator", "denominator", "status"]].tolist() == [2, 2, "đạt"]
    # only 213 reported D: the province is 2/2 by the reports, 1/2 by the registry
    province = rows.loc["24"]
    assert (province.numerator, province.denominator, province.registry_units_with_model) == (2, 2, 1)


def test_the_registry_as_official_source_replaces_the_reported_figure(fixture_home, tmp_path):
    programmes = tmp_path / "fixtures" / "programmes"
    shutil.copytree(PROGRAMMES.parent, programmes.parent)
    text = (PROGRAMMES / f"{PROGRAMME}.yaml").read_text(encoding="utf-8")
    assert "coverage_of: village, official_source: reports" in text
    (programmes / f"{PROGRAMME}.yaml").write_text(
        text.replace("official_source: reports", "official_source: registry"), encoding="utf-8"
    )
    warehouse = _home_with_village_report(fixture_home, tmp_path, programmes)
    attainment = warehouse.attainment(PROGRAMME, "legacy", "2025").set_index(["unit_code", "indicator_code"])
    # 1 of 2 villages has an active model on 15/11/2025; the goal is 100 % (trajectory 19 %)
    city = attainment.loc[("213", "D")]
    assert (city.source, city.numerator, city.denominator, city.rate) == ("registry", 1, 2, 0.5)
    assert city.status == "đúng lộ trình"
    rows = warehouse.coverage_reconciliation(PROGRAMME, "legacy", "2025").set_index("unit_code")
    assert (rows.loc["213"].reported_numerator, rows.loc["213"].numerator) == (2, 1)


def test_a_model_counts_only_between_its_start_and_its_end(fixture_home, tmp_path):
    """MH1 was established on 01/02/2025: the 2025-H1 report (due 15/06/2025) and the 2025 one
    both see it; a build as of a day before the H1 deadline counts on the as-of date."""
    warehouse = Warehouse(fixture_home / "parquet")
    for period in ("2025-H1", "2025"):
        city = warehouse.coverage_reconciliation(PROGRAMME, "legacy", period).set_index("unit_code").loc["213"]
        assert (city.registry_units_with_model, city.registry_units) == (1, 2), period
    home = tmp_path / "early"
    shutil.copytree(fixture_home, home, symlinks=True)
    assert run_cli(home, "build", "--as-of", "2025-01-31") == 0
    early = Warehouse(home / "parquet")
    rows = early.query(
        "select * from mart_coverage_reconciliation where programme_id = ? and unit_code = '213'", [PROGRAMME]
    )
    assert set(rows.registry_units_with_model) == {0}


def test_the_grid_lists_the_province_the_areas_then_the_bodies_with_something_to_count():
    from ui.tables import coverage_grid

    def row(unit, level, code, numerator, denominator):
        rate = numerator / denominator if denominator else None
        return {"unit_code": unit, "unit_name": unit, "unit_level": level, "indicator_code": code,
                "indicator_name": "Cơ quan" if code == "2.9.3" else "Thôn", "indicator_order": int(code[-1]),
                "goal": 1.0, "numerator": numerator, "denominator": denominator, "rate": rate}  # fmt: skip

    rows = pd.DataFrame(
        [
            row("Sở Tư pháp", "agency", "2.9.2", 0, 0),
            row("Sở Tư pháp", "agency", "2.9.3", 1, 1),
            row("Ban Dân vận", "agency", "2.9.2", 0, 0),
            row("Ban Dân vận", "agency", "2.9.3", 0, 0),
            row("Xã A", "commune", "2.9.2", 3, 4),
            row("Xã A", "commune", "2.9.3", 29, 80),
            row("Tỉnh", "province", "2.9.2", 3, 4),
            row("Tỉnh", "province", "2.9.3", 30, 81),
        ]
    )
    grid = coverage_grid(rows)
    # Ban Dân vận has nothing to count for either sub-goal; 0/0 is shown as "–", never "0/0"
    assert grid["Địa bàn"].tolist() == ["Toàn tỉnh", "Xã A", "Sở Tư pháp"]
    assert grid.iloc[1, 1:].tolist() == ["3/4 (75 %)", "29/80 (36 %)"]
    assert grid.iloc[2, 1:].tolist() == ["–", "1/1 (100 %)"]
