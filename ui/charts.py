"""Chart builders: each takes a mart slice and returns a plotly Figure with Vietnamese labels."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from data_pipeline.formatting import fmt_int, fmt_pct, fmt_window, percent
from data_pipeline.warehouse import statuses

STATUS_COLOURS = dict(
    zip(statuses.ATTAINMENT_STATUSES, ("#2e7d32", "#1565c0", "#e65100", "#9e9e9e", "#bdbdbd"), strict=True)
)
PROVINCE_LABEL = "Toàn tỉnh"


def layout_figure(figure: go.Figure, title: str, x_title: str, y_title: str, height: int = 460) -> go.Figure:
    figure.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        xaxis_title=x_title,
        yaxis_title=y_title,
        separators=",.",  # Vietnamese: decimal comma, thousands dot
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
    )
    return figure


def _unit_label(frame: pd.DataFrame) -> pd.Series:
    return frame["unit_name"].where(frame["unit_level"] != "province", PROVINCE_LABEL)


def attainment_heatmap(frame: pd.DataFrame, period_label: str, area_label: str) -> go.Figure:
    """Units × indicators, coloured by progress (rate ÷ what is due now); missing cells stay empty."""
    frame = frame.assign(unit=_unit_label(frame))
    # the province, its areas, then the bodies that report for themselves (sở, ban, ngành)
    agencies = set(frame.unit[frame.unit_level == "agency"])
    units = [PROVINCE_LABEL, *sorted(set(frame.unit) - {PROVINCE_LABEL} - agencies), *sorted(agencies)]
    indicators = frame.sort_values("indicator_order").indicator_code.unique().tolist()
    grid = frame.pivot(index="unit", columns="indicator_code", values="progress").reindex(
        index=units, columns=indicators
    )
    rates = frame.pivot(index="unit", columns="indicator_code", values="rate").reindex(index=units, columns=indicators)
    status = frame.pivot(index="unit", columns="indicator_code", values="status").reindex(
        index=units, columns=indicators
    )
    names = dict(zip(frame.indicator_code, frame.indicator_name, strict=False))
    text = rates.map(lambda v: fmt_pct(v, 0))
    hover = [
        [
            f"{unit}<br>{code} – {names[code]}<br>Tỉ lệ: {text.loc[unit, code]}<br>Tình trạng: {status.loc[unit, code]}"
            for code in indicators
        ]
        for unit in units
    ]
    figure = go.Figure(
        go.Heatmap(
            z=grid.map(percent).values,
            x=indicators,
            y=units,
            text=text.values,
            texttemplate="%{text}",
            hovertext=hover,
            hoverinfo="text",
            zmin=0,
            zmax=100,
            colorscale=[[0, "#c62828"], [0.5, "#fdd835"], [1, "#2e7d32"]],
            colorbar={"title": {"text": "Mức đạt so với<br>mục tiêu hoặc<br>lộ trình (%)"}},
            xgap=2,
            ygap=2,
        )
    )
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(type="category", side="top")
    # Ten former districts get tall rows; some sixty new communes get compact ones.
    compact = len(units) > 15
    figure.update_traces(textfont={"size": 10 if compact else 12})
    return layout_figure(
        figure,
        f"Mức đạt chỉ tiêu theo địa bàn – {period_label}",
        "Chỉ tiêu",
        area_label,
        height=140 + (24 if compact else 38) * len(units),
    )


def indicator_bars(frame: pd.DataFrame, title: str, area_label: str) -> go.Figure:
    """One bar per unit for one indicator, coloured by status, with the goal and trajectory lines."""
    frame = frame.assign(unit=_unit_label(frame)).sort_values("rate", ascending=False, na_position="last")
    figure = go.Figure()
    for status, colour in STATUS_COLOURS.items():
        part = frame[frame.status == status]
        if part.empty:
            continue
        shown = part.rate.fillna(0).map(percent)
        figure.add_bar(
            x=part.unit,
            y=shown,
            name=status,
            marker_color=colour,
            text=[fmt_pct(v) if pd.notna(v) else status for v in part.rate],
            textposition="outside",
            customdata=[[fmt_int(n), fmt_int(d)] for n, d in zip(part.numerator, part.denominator, strict=True)],
            hovertemplate="%{x}<br>Tỉ lệ: %{text}<br>Tử số: %{customdata[0]}<br>Mẫu số: %{customdata[1]}<extra></extra>",
        )
    goal = percent(frame.goal.iloc[0])
    figure.add_hline(
        y=goal,
        line_dash="dash",
        line_color="#2e7d32",
        annotation_text=f"Mục tiêu {fmt_pct(frame.goal.iloc[0], 0)}",
        annotation_position="top right",
    )
    expected = frame.expected.dropna()
    if not expected.empty:
        figure.add_hline(
            y=percent(expected.iloc[0]),
            line_dash="dot",
            line_color="#1565c0",
            annotation_text=f"Lộ trình {fmt_pct(expected.iloc[0])}",
            annotation_position="top right",
        )
    figure.update_yaxes(range=[0, 115], ticksuffix=" %")
    figure.update_xaxes(categoryorder="array", categoryarray=frame.unit.tolist())
    return layout_figure(figure, title, area_label, "Tỉ lệ (%)", height=460 if len(frame) <= 15 else 560)


COMPLIANCE_COLOURS = dict(zip(statuses.COMPLIANCE_STATUSES, ("#2e7d32", "#f9a825", "#c62828", "#bdbdbd"), strict=True))


def compliance_matrix(frame: pd.DataFrame, area_label: str) -> go.Figure:
    """Reporter × period grid coloured đúng hạn / trễ hạn / chưa nộp, days late in the cell."""
    # A reporter that is its own area (a district in the district view) is named once.
    frame = frame.assign(
        row=frame.unit_name.where(frame.unit_name == frame.area_name, frame.unit_name + " · " + frame.area_name),
        column=frame.period_label,
        text=[f"{int(d)} ngày" if s in (statuses.LATE, statuses.MISSING) else "" for s, d in zip(frame.status, frame.days_late, strict=True)],
    )  # fmt: skip
    columns = frame.sort_values("period_order").period_label.unique().tolist()
    # areas first, then the bodies that report for themselves (sở, ban, ngành)
    rows = frame.assign(body=frame.unit_kind == "agency").sort_values(["body", "row"]).row.unique().tolist()
    return _status_grid(
        frame,
        columns,
        COMPLIANCE_COLOURS,
        "Tình hình nộp báo cáo theo kỳ",
        "Kỳ báo cáo",
        f"Đơn vị báo cáo · {area_label}",
        rows,
    )


MILESTONE_COLOURS = dict(zip(statuses.MILESTONE_STATUSES, ("#2e7d32", "#f9a825", "#c62828", "#cfd8dc"), strict=True))


def milestone_matrix(frame: pd.DataFrame) -> go.Figure:
    """District × step grid coloured by status, the completion date (or days overdue) in the cell."""
    frame = frame.assign(
        row=frame.unit_name,
        column=frame.step_id,
        text=[
            f"{pd.Timestamp(d):%d/%m/%Y}" if pd.notna(d) else (f"{int(n)} ngày" if s == statuses.STEP_OVERDUE else "")
            for d, s, n in zip(frame.done_on, frame.status, frame.days_late, strict=True)
        ],
    )
    columns = frame.sort_values("step_order").step_id.unique().tolist()
    return _status_grid(frame, columns, MILESTONE_COLOURS, "Tiến độ các bước theo địa bàn", "Bước", "Địa bàn")


def milestone_counts(steps: pd.DataFrame) -> go.Figure:
    """Per step (Briefing.milestones), the districts on time, late, overdue and not yet due, stacked."""
    figure = go.Figure()
    labels = [f"{i}. {n}" for i, n in zip(steps.step_id, steps.step_name, strict=True)]
    for status, column in zip(statuses.MILESTONE_STATUSES, ("done", "done_late", "overdue", "not_due"), strict=True):
        figure.add_bar(
            y=labels, x=steps[column], name=status, orientation="h", marker_color=MILESTONE_COLOURS[status],
            text=steps[column].map(lambda n: fmt_int(n) if n else ""), textposition="inside",
        )  # fmt: skip
    figure.update_layout(barmode="stack")
    figure.update_yaxes(autorange="reversed", type="category")
    return layout_figure(figure, "Tiến độ các bước xây dựng mô hình", "Số huyện, thị xã, thành phố", "Bước")


def _status_grid(
    frame: pd.DataFrame,
    columns: list,
    colours: dict,
    title: str,
    x_title: str,
    y_title: str,
    rows: list | None = None,
) -> go.Figure:
    """A row × column grid of statuses (frame columns row, column, status, text), one colour each;
    rows in the order given, or by name."""
    rows = rows or sorted(frame.row.unique())
    statuses = list(colours)
    grid = frame.pivot(index="row", columns="column", values="status").reindex(index=rows, columns=columns)
    text = frame.pivot(index="row", columns="column", values="text").reindex(index=rows, columns=columns)
    codes = grid.map(lambda s: statuses.index(s) if isinstance(s, str) else None)
    n = len(statuses)
    scale = []
    for i, status in enumerate(statuses):
        scale += [[i / n, colours[status]], [(i + 1) / n, colours[status]]]
    figure = go.Figure(
        go.Heatmap(
            z=codes.values,
            x=columns,
            y=rows,
            text=text.fillna("").values,
            texttemplate="%{text}",
            zmin=-0.5,
            zmax=n - 0.5,
            colorscale=scale,
            xgap=2,
            ygap=2,
            hovertext=grid.values,
            hoverinfo="text+x+y",
            colorbar={"title": {"text": "Tình trạng"}, "tickvals": list(range(n)), "ticktext": statuses},
        )
    )
    figure.update_yaxes(autorange="reversed")
    figure.update_xaxes(type="category", side="top")
    compact = len(rows) > 15
    return layout_figure(figure, title, x_title, y_title, height=160 + (22 if compact else 36) * len(rows))


def contact_compliance(per: pd.DataFrame) -> go.Figure:
    """Share of groups whose admin was contacted in each window (Warehouse.contact_windows), with
    the counts on the bars."""
    figure = go.Figure(
        go.Bar(
            x=[fmt_window(a, b) for a, b in zip(per.window_start, per.window_end, strict=True)],
            y=per.compliant_share.map(percent),
            marker_color="#00838f",
            text=[
                f"{fmt_pct(share)} ({fmt_int(m)}/{fmt_int(g)})"
                for share, m, g in zip(per.compliant_share, per.compliant, per.groups, strict=True)
            ],
            textposition="outside",
        )
    )
    figure.update_xaxes(type="category")
    figure.update_yaxes(range=[0, 110])
    return layout_figure(
        figure, "Hội nhóm có tiếp xúc với quản trị viên trong kỳ", "Kỳ (tháng)", "Tỉ lệ hội nhóm được tiếp xúc (%)"
    )


FLAG_COLOURS = dict(zip(statuses.CHANGE_FLAGS, ("#c62828", "#2e7d32", "#90a4ae"), strict=True))


def incident_comparison_bars(rows: pd.DataFrame, title: str, label: str, previous_label: str, axis: str) -> go.Figure:
    """Cases per group this period (coloured by the change flag) beside the same period a year earlier."""
    rows = rows.sort_values("cases", ascending=True)
    height = 140 + 26 * len(rows)
    figure = go.Figure()
    figure.add_bar(
        y=rows.name,
        x=rows.previous_cases,
        orientation="h",
        name=f"Cùng kỳ {previous_label}",
        marker_color="#cfd8dc",
        hovertemplate="%{y}<br>Cùng kỳ: %{x} vụ<extra></extra>",
    )
    figure.add_bar(
        y=rows.name,
        x=rows.cases,
        orientation="h",
        name=label,
        marker_color=rows.flag.map(FLAG_COLOURS).tolist(),
        text=[
            f"{fmt_int(c)} ({flag})" if flag != "trong dao động thường" else fmt_int(c)
            for c, flag in zip(rows.cases, rows.flag, strict=True)
        ],
        textposition="outside",
        hovertemplate="%{y}<br>" + label + ": %{x} vụ<extra></extra>",
    )
    figure.update_layout(barmode="group")
    return layout_figure(figure, title, "Số vụ việc (vụ)", axis, height=max(height, 320))


def _stacked_months(frame: pd.DataFrame, x: str, y: str, group: str, unit: str) -> go.Figure:
    """One stacked area per group over months, the unit named on hover."""
    figure = go.Figure()
    for name, part in frame.groupby(group, sort=True):
        figure.add_scatter(
            x=part[x],
            y=part[y],
            name=name,
            mode="lines",
            stackgroup=y,
            hovertemplate="%{x|%m/%Y}: %{y:,} " + unit + "<extra>" + name + "</extra>",
        )
    figure.update_xaxes(tickformat="%m/%Y")
    return figure


def incident_series(series: pd.DataFrame, first: dt.date, last: dt.date, title: str) -> go.Figure:
    """Cases per month, one area per category, the compared months shaded."""
    figure = _stacked_months(series, "month", "cases", "category_name", "vụ")
    figure.add_vrect(x0=first, x1=last, fillcolor="#ffe082", opacity=0.35, line_width=0, annotation_text="kỳ đang xem")
    return layout_figure(figure, title, "Tháng", "Số vụ việc (vụ/tháng)", height=420)


def model_growth(growth: pd.DataFrame) -> go.Figure:
    """Active models at each month's end, stacked by participants class."""
    figure = _stacked_months(growth, "month_end", "active_models", "participants", "mô hình")
    return layout_figure(figure, "Số mô hình đang hoạt động cuối mỗi tháng", "Tháng", "Số mô hình", height=380)


def model_breakdown(table: pd.DataFrame, title: str) -> go.Figure:
    """Active models per class, members on hover."""
    label = table.columns[0]
    table = table.sort_values("Mô hình đang hoạt động")
    figure = go.Figure(
        go.Bar(
            y=table[label],
            x=table["Mô hình đang hoạt động"],
            orientation="h",
            marker_color="#1565c0",
            text=table["Mô hình đang hoạt động"].map(fmt_int),
            textposition="outside",
            customdata=table["Thành viên"].map(fmt_int),
            hovertemplate="%{y}<br>%{x:,} mô hình<br>%{customdata} thành viên<extra></extra>",
        )
    )
    return layout_figure(
        figure, f"Mô hình đang hoạt động – {title.lower()}", "Số mô hình", label, height=140 + 40 * len(table)
    )


def budget_bars(budget: pd.DataFrame) -> go.Figure:
    """Planned against reported spending per budget level (mart_budget_summary), in đồng."""
    budget = budget[~budget.is_total]
    figure = go.Figure()
    figure.add_bar(x=budget.level_name, y=budget.planned, name="Dự toán (đồng)", marker_color="#cfd8dc")
    figure.add_bar(
        x=budget.level_name,
        y=budget.spent,
        name="Đã chi (đồng)",
        marker_color="#1565c0",
        text=budget.spent_share.map(fmt_pct),
        textposition="outside",
    )
    figure.update_yaxes(tickformat=",.0f")
    return layout_figure(figure, "Kinh phí: dự toán của Đề án và số đã chi theo báo cáo", "Cấp ngân sách", "Đồng")


TASK_COLOURS = dict(zip(statuses.TASK_STATUSES, ("#2e7d32", "#1565c0", "#c62828"), strict=True))


def task_timeline(tasks: pd.DataFrame, as_of: dt.date) -> go.Figure:
    """One bar per task from its start to its completion (or deadline), coloured by status; a
    task without a deadline runs to the as-of date."""
    tasks = tasks.assign(
        starts_on=pd.to_datetime(tasks.starts_on),
        end=pd.to_datetime(tasks.done_on).fillna(pd.to_datetime(tasks.due_on)).fillna(pd.Timestamp(as_of)),
        label=tasks.task_id.astype(str) + ". " + tasks.task_name.str.slice(0, 60),
    ).sort_values(["starts_on", "end"])
    figure = go.Figure()
    for status, colour in TASK_COLOURS.items():
        part = tasks[tasks.status == status]
        if part.empty:
            continue
        start, end = part.starts_on, part.end
        figure.add_bar(
            y=part.label,
            x=(end - start).dt.days * 86_400_000,  # ms, as a date axis expects
            base=start,
            orientation="h",
            name=status,
            marker_color=colour,
            customdata=[[o, fmt_date_or_dash(d)] for o, d in zip(part.owner, part.due_on, strict=True)],
            hovertemplate="%{y}<br>Chủ trì: %{customdata[0]}<br>Hạn: %{customdata[1]}<extra>" + status + "</extra>",
        )
    figure.add_vline(x=pd.Timestamp(as_of).timestamp() * 1000, line_dash="dot", line_color="#616161")
    figure.update_xaxes(type="date", tickformat="%m/%Y")
    figure.update_yaxes(autorange="reversed")
    return layout_figure(
        figure, "Tiến độ các nhiệm vụ của kế hoạch", "Thời gian", "Nhiệm vụ", height=160 + 26 * len(tasks)
    )


def fmt_date_or_dash(value: object) -> str:
    return "–" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%d/%m/%Y")


def spending_by_line(spending: pd.DataFrame) -> go.Figure:
    """Reported spending per year, stacked by spending line, in đồng."""
    figure = go.Figure()
    totals = spending.groupby(["line_order", "line_name", "year"], as_index=False).spent.sum()
    for (_, name), part in totals.groupby(["line_order", "line_name"]):
        figure.add_bar(x=part.year.astype(str), y=part.spent, name=name.removeprefix("Kinh phí đã chi: "))
    figure.update_layout(barmode="stack", legend={"orientation": "v", "y": 1, "x": 1.02, "xanchor": "left"})
    figure.update_yaxes(tickformat=",.0f")
    figure.update_xaxes(type="category")
    return layout_figure(figure, "Kinh phí đã chi theo năm và nội dung chi", "Năm", "Đồng")


def activity_bars(province: pd.DataFrame, period_label: str) -> go.Figure:
    """The province's count of each activity in one period."""
    rows = province.sort_values("activity_order", ascending=False)
    figure = go.Figure(
        go.Bar(
            y=rows.activity_name,
            x=rows.value,
            orientation="h",
            marker_color="#1565c0",
            text=rows.value.map(fmt_int),
            textposition="outside",
            hovertemplate="%{y}<br>%{x:,.0f}<extra></extra>",
        )
    )
    return layout_figure(
        figure,
        f"Kết quả hoạt động toàn địa bàn – {period_label}",
        "Số lượng (lượt, buổi, tin bài…)",
        "Hoạt động",
        height=160 + 40 * len(rows),
    )


def activity_periods(series: pd.DataFrame, activity_name: str) -> go.Figure:
    """One activity's count at each report, as reported (a year's reports are cumulative)."""
    series = series.sort_values("period_order")
    figure = go.Figure(
        go.Bar(
            x=series.period_label,
            y=series.value,
            marker_color="#00838f",
            text=series.value.map(fmt_int),
            textposition="outside",
        )
    )
    figure.update_xaxes(type="category")
    return layout_figure(figure, f"{activity_name} – theo kỳ báo cáo", "Kỳ báo cáo", "Số lượng")
