"""Every table the pages draw, shaped from the marts' rows: which columns, in what order, under
which Vietnamese headers (ui.layout.table then shows them in Vietnamese formats)."""

from __future__ import annotations

import pandas as pd

from data_pipeline.formatting import fmt_date, fmt_decimal, fmt_int, fmt_pct, is_missing, percent
from data_pipeline.intake import layouts
from data_pipeline.warehouse import compstat
from data_pipeline.warehouse.statuses import REGISTRY_LABEL
from ui.explore import NAMES
from ui.incidents import FLAG_MARKS
from ui.layout import reporters_label

# The model registry's classifications a breakdown is made by (Warehouse.model_breakdown).
DIMENSIONS = {
    "participants": "Theo thành phần tham gia",
    "leader": "Theo người dẫn dắt",
    "content": "Theo nội dung hoạt động",
    "platform": "Theo nền tảng",
    "theme": "Theo chủ đề ưu tiên",
    "stage": "Theo giai đoạn",
}
STAGE_NAMES = {code: name for name, code in layouts.MODEL_STAGES.items()}
KIND_NAMES = {
    "commune": "Xã, phường",
    "village": "Thôn, tổ dân phố",
    "agency": "Cơ quan",
    "school": "Cơ sở giáo dục",
    "enterprise": "Doanh nghiệp",
}


def attainment_table(frame: pd.DataFrame, omit: tuple[str, ...] = ()) -> pd.DataFrame:
    """mart_attainment rows as the table users read: Vietnamese headers and formats."""
    table = pd.DataFrame(
        {
            "Địa bàn": frame.unit_name.where(frame.unit_level != "province", "Toàn tỉnh"),
            "Mã": frame.indicator_code,
            "Chỉ tiêu": frame.indicator_name,
            "Tử số": frame.numerator.map(fmt_int),
            "Mẫu số": frame.denominator.map(fmt_int),
            "Tỉ lệ": frame.rate.map(fmt_pct),
            "Mục tiêu": frame.goal.map(lambda v: fmt_pct(v, 0)),
            "Lộ trình": frame.expected.map(fmt_pct),
            "Tình trạng": frame.status,
            "Đơn vị đã báo cáo": [f"{r}/{e}" for r, e in zip(frame.units_reported, frame.units_expected, strict=True)],
        }
    )
    return table.drop(columns=list(omit))


def activity_table(frame: pd.DataFrame, area_label: str) -> pd.DataFrame:
    """mart_activities rows of one period as a table: one row per area (the whole first), one
    column per activity in the programme's order."""
    whole = frame.area_level == "province"
    # the whole first, then the areas, then the bodies that report for themselves
    rank = frame.area_level.map({"province": 0, "agency": 2}).fillna(1)
    frame = frame.assign(area=frame.area_name.where(~whole, "Toàn địa bàn"), rank=rank)
    table = frame.pivot_table(index=["rank", "area"], columns="activity_order", values="value", aggfunc="sum")
    table.columns = [frame.loc[frame.activity_order == c, "activity_name"].iloc[0] for c in table.columns]
    table = table.reset_index(level=0, drop=True).reset_index().rename(columns={"area": area_label})
    return table.assign(**{c: table[c].round() for c in table.columns[1:]})


def compliance_summary_table(summary: pd.DataFrame) -> pd.DataFrame:
    """mart_compliance_summary as users read it."""
    return pd.DataFrame(
        {
            "Kỳ báo cáo": summary.period_label,
            "Hạn nộp": summary.due_on.map(fmt_date),
            "Đơn vị báo cáo": [
                reporters_label(*row)
                for row in zip(
                    summary.reporting_structure, summary.reporting_area_level, summary.agencies_report, strict=True
                )
            ],
            "Phải nộp": summary.expected,
            "Đã nộp": summary.received,
            "Đúng hạn": summary.on_time,
            "Trễ hạn": summary.late,
            "Chưa nộp": summary.missing,
            "Tỉ lệ nộp": summary.reporting_rate.map(fmt_pct),
            "Tỉ lệ đúng hạn": summary.on_time_rate.map(fmt_pct),
        }
    )


def reminder_table(missing: pd.DataFrame) -> pd.DataFrame:
    """The units that have not reported, for a reminder list."""
    return pd.DataFrame(
        {
            "Đơn vị": missing.unit_name,
            "Mã": missing.official_code,
            "Địa bàn": missing.area_name,
            "Kỳ báo cáo": missing.period_label,
            "Hạn nộp": missing.due_on.map(fmt_date),
            "Số ngày quá hạn": missing.days_late,
        }
    )


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """A unit's report versions: when each was received and what says so, the date the unit
    wrote in it, and why it comes after the one before."""
    return pd.DataFrame(
        {
            "Kỳ": history.period,
            "Lần nộp": history.version,
            "Nhận lúc": history.received_at.map(fmt_date),
            "Căn cứ thời điểm nhận": history.received_source,
            "Ngày ghi trong báo cáo": history.recorded_on.map(fmt_date),
            "Thứ tự": history.version_reason,
            "Tệp": history.source_name,
            "Đang dùng": history.is_in_force.map({True: "có", False: "không"}),
        }
    )


def breakdown_table(rows: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """A breakdown as users read it: the class, active models, their members, all models ever."""
    values = rows.value.map(STAGE_NAMES).fillna(rows.value) if dimension == "stage" else rows.value
    return pd.DataFrame(
        {
            DIMENSIONS[dimension].removeprefix("Theo ").capitalize(): values,
            "Mô hình đang hoạt động": rows.active_models.fillna(0).astype(int),
            "Thành viên": rows.members,
            "Tổng số mô hình đã đăng ký": rows.models,
        }
    )


def _area_order(rows: pd.DataFrame) -> pd.Series:
    """The province first, then the areas, then the bodies that report for themselves."""
    return rows.unit_level.map({"province": 0, "agency": 2}).fillna(1)


def _ratio(numerator: object, denominator: object, rate: object) -> str:
    """'32/72 (44 %)'; '–' without a figure or with nothing to count (denominator 0)."""
    if is_missing(numerator) or not denominator:
        return "–"
    return f"{fmt_int(numerator)}/{fmt_int(denominator)} ({fmt_pct(rate, 0)})"


def coverage_grid(rows: pd.DataFrame) -> pd.DataFrame:
    """The official figure of each 2.9 sub-goal per area: 'numerator/denominator (rate)'; a body
    with nothing to count for any sub-goal is left out."""
    rows = rows.assign(
        cell=[_ratio(n, d, r) for n, d, r in zip(rows.numerator, rows.denominator, rows.rate, strict=True)],
        column=rows.indicator_code
        + " "
        + rows.indicator_name
        + " (mục tiêu "
        + rows.goal.map(lambda g: fmt_pct(g, 0))
        + ")",
        area=rows.unit_name.where(rows.unit_level != "province", "Toàn tỉnh"),
        order=_area_order(rows),
    )
    counted = rows.groupby("unit_code").denominator.transform(lambda d: (d.fillna(1) > 0).any())
    rows = rows[counted]
    columns = rows.drop_duplicates("column").sort_values("indicator_order").column.tolist()
    grid = rows.pivot_table(index=["order", "area"], columns="column", values="cell", aggfunc="first")
    grid = grid.reindex(columns=columns).sort_index().fillna("–")
    return grid.reset_index(level=0, drop=True).reset_index().rename(columns={"area": "Địa bàn"})


def reconciliation_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Per area (the province first) and registry-measured sub-goal: the units' reported figure,
    the registry's count, and the gap in points — only where the registry counts something."""
    rows = rows[rows.coverage_of.notna() & (rows.registry_units > 0)]
    rows = rows.assign(order=_area_order(rows)).sort_values(["order", "unit_name", "indicator_order"])
    return pd.DataFrame(
        {
            "Địa bàn": rows.unit_name.where(rows.unit_level != "province", "Toàn tỉnh"),
            "Chỉ tiêu": rows.indicator_code + " " + rows.indicator_name,
            "Theo báo cáo": [
                _ratio(n, d, r)
                for n, d, r in zip(rows.reported_numerator, rows.reported_denominator, rows.reported_rate, strict=True)
            ],
            REGISTRY_LABEL: [
                _ratio(n, d, r)
                for n, d, r in zip(rows.registry_units_with_model, rows.registry_units, rows.registry_rate, strict=True)
            ],
            "Chênh lệch (điểm %)": [
                "–" if is_missing(g) else f"{'+' if g > 0 else ''}{fmt_decimal(percent(g))}" for g in rows.gap
            ],
        }
    )


def gaps_table(gaps: pd.DataFrame) -> pd.DataFrame:
    """Units with no active model yet."""
    return pd.DataFrame(
        {
            "Đơn vị": gaps.unit_name,
            "Mã": gaps.official_code,
            "Loại đơn vị": gaps.unit_kind.map(KIND_NAMES).fillna(gaps.unit_kind),
            "Địa bàn": gaps.area_name,
            "Chỉ tiêu": gaps.indicator_code + " – " + gaps.indicator_name,
        }
    )


def comparison_table(
    rows: pd.DataFrame, name_header: str, chosen: compstat.Window, before: compstat.Window | str
) -> pd.DataFrame:
    """The flag first, the percent only beside it; the cases alone when nothing is compared."""
    table = pd.DataFrame({name_header: rows.name, f"Số vụ {chosen.label}": rows.cases})
    if not isinstance(before, compstat.Window):
        return table
    return table.assign(
        **{
            f"Cùng kỳ {before.label}": rows.previous_cases,
            "Đánh giá thay đổi": rows.flag.map(FLAG_MARKS),
            "p (kiểm định Poisson)": rows.p_value.map(lambda p: f"{p:.3f}".replace(".", ",")),
            "Tăng/giảm": rows.change.map(lambda v: "–" if v is None or pd.isna(v) else f"{v:+.0%}".replace("%", " %")),
        }
    )


OUTCOMES = {
    "cases": ("Vụ việc", "vụ"),
    "sanctioned": ("Xử phạt hành chính", "trường hợp"),
    "fines": ("Tổng tiền phạt", "đồng"),
    "warned": ("Răn đe, giáo dục", "trường hợp"),
    "taken_down": ("Tài khoản, bài viết bị gỡ bỏ", "tài khoản, bài viết"),
    "prosecuted": ("Khởi tố", "vụ"),
    "loss": ("Thiệt hại", "đồng"),
}


def outcomes_table(total: pd.Series, chosen: compstat.Window, before: compstat.Window | str) -> pd.DataFrame:
    """Handling outcomes of the window (and of the months it is compared with, if any)."""
    table = pd.DataFrame(
        {
            "Kết quả": [name for name, _ in OUTCOMES.values()],
            chosen.label: [int(total[m]) for m in OUTCOMES],
            "Đơn vị tính": [unit for _, unit in OUTCOMES.values()],
        }
    )
    if isinstance(before, compstat.Window):
        table.insert(2, f"Cùng kỳ {before.label}", [int(total[f"previous_{m}"]) for m in OUTCOMES])
    return table


def pivot_table(long: pd.DataFrame, rows: str, columns: str | None, measure: str) -> pd.DataFrame:
    """The pivot as users read it: Vietnamese headers, one column per value of `columns` when
    there is one (an empty cell is no figure, never 0); rates stay shares, shown as percents."""
    if columns is None:
        table = long.rename(columns={"value": NAMES[measure]})
    else:
        table = long.pivot_table(index=rows, columns=columns, values="value", aggfunc="first", dropna=False)
        table = table.reset_index().rename_axis(columns=None)
        table.columns = [str(c) for c in table.columns]
    return table.rename(columns={rows: NAMES[rows]})


def attention_table(attention: pd.DataFrame) -> pd.DataFrame:
    """Warehouse.attention's rows: the areas and targets furthest behind, with the gap in points."""
    return attention.assign(
        rate=attention.rate.map(fmt_pct),
        benchmark=attention.benchmark.map(fmt_pct),
        gap=attention.gap.map(lambda v: fmt_pct(v).replace(" %", " điểm %")),
    )[["unit_name", "indicator_code", "indicator_name", "rate", "benchmark", "gap"]].rename(
        columns={
            "unit_name": "Địa bàn",
            "indicator_code": "Mã",
            "indicator_name": "Chỉ tiêu",
            "rate": "Tỉ lệ",
            "benchmark": "Mục tiêu/lộ trình",
            "gap": "Còn thiếu",
        }
    )


def task_table(tasks: pd.DataFrame) -> pd.DataFrame:
    """mart_tasks as users read it: the plan's tasks, their dates and status."""
    return tasks.assign(
        due_on=tasks.due_on.map(fmt_date),
        done_on=tasks.done_on.map(fmt_date),
        starts_on=tasks.starts_on.map(fmt_date),
    )[["task_id", "task_name", "owner", "starts_on", "due_on", "done_on", "status", "days_late"]].rename(
        columns={
            "task_id": "Mã",
            "task_name": "Nhiệm vụ",
            "owner": "Chủ trì",
            "starts_on": "Bắt đầu",
            "due_on": "Hạn",
            "done_on": "Hoàn thành",
            "status": "Trạng thái",
            "days_late": "Số ngày trễ",
        }
    )


def budget_table(budget: pd.DataFrame) -> pd.DataFrame:
    """mart_budget_summary: planned and spent per budget level, then the total."""
    return budget.assign(share=budget.spent_share.map(fmt_pct))[["level_name", "planned", "spent", "share"]].rename(
        columns={"level_name": "Cấp", "planned": "Dự toán (đồng)", "spent": "Đã chi (đồng)", "share": "Tỉ lệ đã chi"}
    )


def spending_table(spending: pd.DataFrame) -> pd.DataFrame:
    """mart_budget: reported spending per year, level and spending line."""
    return spending[["year", "level_name", "line_name", "spent", "units_reporting"]].rename(
        columns={
            "year": "Năm",
            "level_name": "Cấp",
            "line_name": "Nội dung chi",
            "spent": "Đã chi (đồng)",
            "units_reporting": "Số đơn vị kê khai",
        }
    )


def milestone_table(rows: pd.DataFrame) -> pd.DataFrame:
    """mart_milestones: every district × step, its deadline, completion and status."""
    return pd.DataFrame(
        {
            "Địa bàn": rows.unit_name,
            "Bước": rows.step_id + " – " + rows.step_name,
            "Hạn": rows.due_on.map(lambda d: f"{d:%d/%m/%Y}"),
            "Hoàn thành": rows.done_on.map(lambda d: "" if pd.isna(d) else f"{d:%d/%m/%Y}"),
            "Tình trạng": rows.status,
            "Số ngày trễ": rows.days_late,
        }
    )


def contact_table(groups: pd.DataFrame) -> pd.DataFrame:
    """mart_contact_groups: per registered group, the windows with a contact and the latest one's."""
    return pd.DataFrame(
        {
            "Địa bàn": groups.district_name,
            "Hội nhóm": groups.model_name,
            "Quản trị viên": groups.admin,
            "Số kỳ có tiếp xúc": groups.met,
            "Số kỳ phải tiếp xúc": groups.windows,
            "Tỉ lệ": groups.met_share.map(fmt_pct),
            "Lượt tiếp xúc": groups.contacts,
            "Kỳ gần nhất": groups.latest_compliant.map({True: "có", False: "chưa tiếp xúc"}).fillna("–"),
        }
    )


def map_table(shown: pd.DataFrame) -> pd.DataFrame:
    """The marks of a map as a table: the area, the figure on its tile, the detail."""
    return shown[["unit_name", "tile", "detail"]].rename(
        columns={"unit_name": "Địa bàn", "tile": "Giá trị", "detail": "Chi tiết"}
    )


def late_units_table(late: pd.DataFrame) -> pd.DataFrame:
    """The briefing's units that reported late or not at all."""
    return late.rename(
        columns={"unit_name": "Đơn vị", "area_name": "Địa bàn", "status": "Tình trạng", "days_late": "Số ngày trễ"}
    )


def weak_units_table(weak: pd.DataFrame) -> pd.DataFrame:
    """The briefing's units rated Trung bình or Yếu, with their score and the reasons."""
    return weak.assign(score=weak.score.map(fmt_decimal)).rename(
        columns={"unit_name": "Đơn vị", "year": "Năm", "score": "Điểm", "rating": "Xếp loại", "reasons": "Lý do"}
    )
