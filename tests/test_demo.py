"""The demo reproduces the Đề án's published baseline and is deterministic for a seed.

Figures from Đề án 835 (shared/DOMAIN.md): 2022 to 6/2024 — 13 information-system incidents,
4 state-secret cases, 1 anti-State propaganda, 1 abuse of democratic freedoms, 54 sanctioned,
174 warned, over 1,000 accounts/posts taken down, 96 cyber-crime cases; models at mid-2024 —
209 groups / 15,327 members, 173 / 1,935, 1 CAKCN group / 638, 2,128 dân vận teams, 2,100
digital teams (209 commune, 1,891 village) with over 16,000 members.
"""

import datetime as dt
import itertools

import docx
import pandas as pd
import pytest
from fixture_data import AS_OF, PROGRAMME, PROGRAMMES, write_fixture_inputs
from helpers import run_cli, run_page
from pptx import Presentation

from data_pipeline.cli import main
from data_pipeline.demo import write_demo
from data_pipeline.demo.marker import mark_home
from data_pipeline.reference.programme import load_programme
from data_pipeline.settings import REPO_ROOT, resolve_paths
from data_pipeline.warehouse.manifest import read_manifest, read_table
from data_pipeline.warehouse.read import Warehouse
from data_pipeline.warehouse.statuses import DEMO_MARK

PAGES = sorted(p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / "pages").glob("*.py"))


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
    assert resolve_paths(tmp_path / "a").demo_marker.exists()  # every build of the home will say so
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
    assert (outcomes["ran_de"], outcomes["xu_phat"], outcomes["khoi_to"]) == (20, 25, 1)
    assert baseline[baseline.outcome_code == "xu_phat"].fine.sum() == 159_750_000
    handled = baseline[baseline.outcome_code.isin(["ran_de", "xu_phat"])]
    assert set(handled.category_code) == {"tin_gia"}
    # the figures count the fake-news cases handled; the list also holds the fraud, gambling and
    # black-credit reports still being verified, which they do not count
    others = baseline[~baseline.outcome_code.isin(["ran_de", "xu_phat", "khoi_to"])]
    assert set(others.outcome_code) == {"xac_minh"} and "tin_gia" not in set(others.category_code)
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
    # made from the demo: the mark on every slide and every page of the report
    assert_marked(deck, report, True)


def assert_marked(deck, report, marked: bool) -> None:
    """DEMO_MARK on every slide (a text box of its own, above the title) and in every page header
    and the first line of the report — or nowhere at all."""
    for slide in Presentation(str(deck)).slides:
        marks = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text == DEMO_MARK]
        assert len(marks) == int(marked)
        assert all(m.top + m.height <= slide.shapes.title.top for m in marks)
    document = docx.Document(str(report))
    for section in document.sections:
        for header in (section.header, section.first_page_header):
            assert (DEMO_MARK in "\n".join(p.text for p in header.paragraphs)) == marked
    assert (document.paragraphs[0].text == DEMO_MARK) == marked
    assert not marked or DEMO_MARK not in "".join(p.text for p in document.paragraphs[1:])


def test_demo_dated_days_before_a_deadline_has_only_the_reports_sent_early(tmp_path):
    # Lào Cai's annual report is due 21/12; as of 20/12 some units have sent it early and none late
    programme = load_programme(REPO_ROOT / "config" / "programmes" / "lao_cai_1013.yaml")
    written = write_demo(resolve_paths(tmp_path), programme, seed=835, as_of=dt.date(2026, 12, 20))
    annual = [p for p in written if p.name.startswith("bao_cao_") and p.stem.endswith("_2026")]
    q3 = [p for p in written if p.stem.endswith("_2026-Q3")]
    assert 0 < len(annual) < len(q3)


# The rules the demo obeys, checked on the built demo warehouse of every programme.
ALL_PROGRAMMES = ["bac_giang_835", "lao_cai_1013", "quang_ngai_1905", "thai_nguyen_pa05"]


def _falls(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows whose cumulative value is lower than the previous report's of the same year and keys."""
    frame = frame.assign(year=frame.period.str[:4]).sort_values([*keys, "due_on"])
    frame = frame.assign(before=frame.groupby([*keys, "year"]).value.shift())
    return frame[frame.value < frame.before - 1e-9]


def test_cumulative_activity_counts_never_fall_within_a_year(demo_home):
    # a year's reports are cumulative (the 6-month report covers January–June, the 9-month one
    # January–September, Lào Cai's campaign reports 1, 2 and 3 months): within a year a unit's
    # count, and the whole area's, never falls
    periods = read_table(demo_home / "parquet", "core_periods")[["programme_id", "period", "due_on"]]
    counts = read_table(demo_home / "parquet", "core_report_activities").merge(periods)
    falls = _falls(counts, ["programme_id", "unit_code", "activity_code"])
    assert falls.empty, falls.head(10).to_string()
    activities = read_table(demo_home / "parquet", "mart_activities")
    province = activities[activities.area_level == "province"].merge(periods)
    assert set(province.programme_id) == set(ALL_PROGRAMMES)
    falls = _falls(province, ["programme_id", "view", "activity_code"])
    assert falls.empty, falls.head(10).to_string()


def test_members_grow_with_the_models(demo_home):
    # New models are groups of the same bodies and residents as the baseline's, so members per
    # active model may drift but stay between half and twice the first month's figure (today's
    # demo had +768 % members for +8,5 % models)
    growth = read_table(demo_home / "parquet", "mart_model_growth").query("view == 'legacy'")
    for programme, rows in growth.groupby("programme_id"):
        monthly = rows.groupby("month_end")[["active_models", "members"]].sum()
        per_model = monthly.members / monthly.active_models
        drift = per_model / per_model.iloc[0]
        assert drift.between(0.5, 2.0).all(), (programme, drift.min(), drift.max())


def _monthly_cases(demo_home) -> pd.DataFrame:
    cases = read_table(demo_home / "parquet", "mart_incidents").query("view == 'legacy'")
    return cases.assign(month=pd.to_datetime(cases.month)).groupby(["programme_id", "month"]).cases.sum()


def test_monthly_cases_have_no_artificial_spike(demo_home):
    # A month's count varies by chance around a pace rising about a quarter a year: over the
    # record (months without a case count 0) no month holds more than 3 × the median month
    # (the published window squeezed into its months gave Quảng Ngãi 35–48 a month, then 5–10)
    monthly = _monthly_cases(demo_home)
    for programme in ALL_PROGRAMMES:
        series = monthly[programme]
        months = pd.date_range(series.index.min(), series.index.max(), freq="MS")
        series = series.reindex(months, fill_value=0)
        assert series.max() <= 3 * series.median(), (programme, series.idxmax(), series.max(), series.median())


def test_no_year_is_one_kind_of_case(demo_home):
    # The police's list holds cases of many kinds: no category is more than 60 % of a year's
    # cases (the published Bắc Giang mix has fake news, its largest, near 40 %)
    cases = read_table(demo_home / "parquet", "core_incidents")
    cases = cases.assign(year=pd.to_datetime(cases.occurred_on).dt.year)
    shares = cases.groupby(["programme_id", "year"]).category_code.value_counts(normalize=True)
    top = shares.groupby(level=[0, 1]).max()
    assert (top <= 0.6).all(), top[top > 0.6].to_dict()


def _planned_start(programme, task: dict, due: dt.date) -> dt.date:
    """When the plan says a task (or one year of a standing task) starts: with the programme,
    or at the start of its deadline's year (of its month, for a task done in a set month), and
    never after its deadline's month has begun."""
    opens = dt.date(due.year, int(task.month or 1), 1)
    return min(max(programme.start, opens), due.replace(day=1))


def test_tasks_start_when_the_plan_says(demo_home):
    tasks = read_table(demo_home / "parquet", "mart_tasks")
    for programme_id in ALL_PROGRAMMES:
        programme = load_programme(REPO_ROOT / "config" / "programmes" / f"{programme_id}.yaml")
        plan = {str(task.id): task for task in programme.tasks}
        rows = tasks[(tasks.programme_id == programme_id) & tasks.is_tracked]
        assert len(rows) >= len(plan)
        for row in rows.itertuples():
            task = plan[row.task_id.split(".")[0]]
            if task.month:  # done in a set month each year: due by that month's end
                assert (row.due_on.month, (row.due_on + dt.timedelta(days=1)).day) == (task.month, 1)
            assert row.starts_on == _planned_start(programme, task, row.due_on), (programme_id, row.task_id)
            assert row.done_on is None or row.done_on >= row.starts_on, (programme_id, row.task_id)


def test_model_steps_are_done_in_order(demo_home):
    # a step is done after the steps before it, and not before they are all done: a district
    # that finished a step late cannot finish the next one before it
    steps = _read(demo_home, "mart_milestones", "thai_nguyen_pa05").sort_values(["unit_code", "step_order"])
    for unit, rows in steps.groupby("unit_code"):
        done = list(rows.done_on)
        for before, after in itertools.pairwise(done):
            assert after is None or (before is not None and after >= before), (unit, done)


# The demo tells the truth about itself: every output made from it carries DEMO_MARK.


def test_the_mark_follows_the_home_not_the_build(tmp_path):
    # a clean home with the field's files is not marked; the demo marks its home, and every
    # later build of it says so, until the home is cleaned
    home = tmp_path / "home"
    write_fixture_inputs(home / "submissions" / "inbox")
    assert run_cli(home, "ingest") == 0 and run_cli(home, "build", "--as-of", AS_OF) == 0
    paths = resolve_paths(home, PROGRAMMES)
    assert not Warehouse(paths.warehouse).is_demo
    mark_home(paths, PROGRAMME, seed=835, as_of=dt.date(2025, 11, 20))  # what write_demo does
    for _ in range(2):
        assert run_cli(home, "build", "--as-of", AS_OF) == 0
        assert Warehouse(paths.warehouse).is_demo and read_manifest(paths.warehouse)["demo"] is True


def _badges(elements) -> list[str]:
    return [m.value for m in elements.markdown if DEMO_MARK in m.value]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_of_the_demo_is_marked(demo_home, monkeypatch, page):
    monkeypatch.setenv("ANTQ_HOME", str(demo_home))
    monkeypatch.delenv("ANTQ_PROGRAMMES_DIR", raising=False)
    app = run_page(None if page.endswith("overview.py") else page, slide="4")
    # at the top of every page that shows figures (the accounts page shows none of the data), and
    # in the sidebar the dashboard draws around every page it opens
    assert len(_badges(app.main)) == int(not page.endswith("admin.py"))
    if page.endswith("overview.py"):  # AppTest keeps the dashboard's own elements on its first page only
        assert len(_badges(app.sidebar)) == 1


@pytest.mark.parametrize("page", PAGES)
def test_no_page_of_real_data_is_marked(fixture_env, page):
    app = run_page(None if page.endswith("overview.py") else page)
    assert not _badges(app)


def test_no_output_of_real_data_is_marked(fixture_home, tmp_path):
    deck, report = tmp_path / "so_ket.pptx", tmp_path / "so_ket.docx"
    assert run_cli(fixture_home, "brief", "--period", "2025", "-o", str(deck), "-o", str(report)) == 0
    assert_marked(deck, report, False)
