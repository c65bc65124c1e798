"""Page furniture: programme picker, header with source and build time, downloadable tables."""

from __future__ import annotations

import datetime as dt
import numbers

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from data_pipeline import users
from data_pipeline.export import to_csv_bytes, to_xlsx_bytes
from data_pipeline.formatting import fmt_code, fmt_date, fmt_decimal, fmt_int, fmt_pct, is_missing
from data_pipeline.reference import LEVEL_NAMES
from ui import auth, filters
from ui.data import current, fetch

NO_DATA = "Chưa có số liệu cho lựa chọn này."


def programme() -> pd.Series:
    """The programme chosen in the sidebar (and the URL), as its core_programmes row."""
    programmes = fetch("programmes").set_index("programme_id", drop=False)
    chosen = filters.select(
        "Chương trình",
        programmes.index.tolist(),
        "programme",
        format_func=lambda p: programmes.loc[p, "short_name"],
    )
    return programmes.loc[chosen]


def not_tracked(programme_row: pd.Series, what: str, instead: str = "") -> None:
    """Say plainly that the chosen programme does not track `what`, and end the page there."""
    st.info(f"{programme_row['short_name']} không theo dõi {what}.{' ' + instead if instead else ''}")
    st.stop()


def coverage_label(programme_row: pd.Series) -> str | None:
    """'chỉ tiêu 2.9' for the target the model registry measures, None when there is none."""
    code = programme_row.get("coverage_target")
    return None if code is None or pd.isna(code) else f"chỉ tiêu {code}"


def view() -> str:
    """The administrative-structure view chosen in the sidebar (and the URL): 'new' or 'legacy'."""
    views = fetch("views")
    labels = dict(zip(views.view, views.view_label, strict=True))
    return filters.select("Cơ cấu hành chính", list(labels), "structure", format_func=labels.get)


def area_label(view_code: str, agencies: bool = False) -> str:
    """What an area is called in a view (with the bodies that report for themselves, if any)."""
    label = "Xã, phường (từ 1/7/2025)" if view_code == "new" else "Huyện, thị xã, thành phố (trước 1/7/2025)"
    return f"{label} và cơ quan" if agencies else label


def conversion_note(frame: pd.DataFrame, view_code: str) -> None:
    """Say so when the figures shown were reported in the other structure and carried across."""
    if frame.is_converted.any():
        if view_code == "new":
            st.info(
                "Kỳ này do cấp huyện (cơ cấu cũ) báo cáo: số liệu của mỗi huyện được phân bổ cho các xã mới "
                "nhận địa bàn của huyện, theo tỉ lệ số xã cũ mỗi xã mới nhận; tỉ lệ của xã mới là tỉ lệ của huyện."
            )
        else:
            st.info(
                "Kỳ này do các xã, phường mới báo cáo: số liệu được cộng về huyện cũ mà mỗi xã mới nhận "
                "phần lớn địa bàn (theo bảng chuyển đổi của vietnamadminunits)."
            )


def period(programme_id: str) -> str:
    """A period chosen in the sidebar; defaults to the latest one already due."""
    periods = fetch("periods", programme_id)
    if periods.empty:
        st.info(NO_DATA)
        st.stop()
    labels = dict(zip(periods.period, periods.period_label, strict=True))
    return filters.select(
        "Kỳ báo cáo", list(labels), "period", fetch("latest_due_period", programme_id), format_func=labels.get
    )


def header(title: str, programme_row: pd.Series, source_note: str = "") -> None:
    """Title, programme, the source document of its targets, and the data's build time."""
    _, manifest = current()
    st.title(title)
    st.caption(
        f"{programme_row['programme_name']} · Nguồn: {programme_row['document']}{source_note} · "
        f"Số liệu đến ngày {fmt_date(manifest['as_of'])}, dựng lúc {fmt_date(manifest['built_at'])}"
    )


# How a table column is shown, from what it holds (the CSV/Excel exports keep the raw values):
# counts and money 2.425 · shares 45,6 % · other decimals 3,25 · dates 15/11/2025 · years and
# codes as written (2024, never 2.024) · yes/no as có/không; anything else as it comes.
CODE, COUNT, RATE, DECIMAL, DATE, YES_NO, TEXT = "code", "count", "rate", "decimal", "date", "yes_no", "text"
FORMATS = {
    CODE: fmt_code,
    COUNT: fmt_int,
    RATE: fmt_pct,
    DECIMAL: lambda value: fmt_decimal(value, 2),
    DATE: fmt_date,
    YES_NO: lambda v: "–" if is_missing(v) else ("có" if v else "không"),
}
# Numbers that name something (Vietnamese headers and the marts' own column names).
CODE_NAMES = {"năm", "mã", "kỳ", "year", "nam", "period", "code", "id"}
CODE_SUFFIXES = ("_code", "_id", "_year")
RATE_NAMES = {"rate", "goal", "expected", "attainment", "progress", "coverage", "share"}
RATE_PREFIXES = ("tỉ lệ", "tỷ lệ")
RATE_SUFFIXES = ("_rate", "_share")
# pandas' Styler costs some 25 µs a cell: past this size a table shows its formatted text instead
# of display values over the numbers (which keep sorting by value).
STYLED_CELLS = 5_000


def column_kind(name: object, values: pd.Series) -> str:
    """What a column holds, for showing it: by its values' type, then its name."""
    present = values.dropna()
    if pd.api.types.is_bool_dtype(values.dtype):
        return YES_NO
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return DATE
    if not pd.api.types.is_numeric_dtype(values.dtype):
        if present.empty:
            return TEXT
        if all(isinstance(v, dt.date) for v in present):
            return DATE
        if not all(isinstance(v, numbers.Number) and not isinstance(v, bool) for v in present):
            return TEXT
    label = str(name).strip().lower()
    if label in CODE_NAMES or label.endswith(CODE_SUFFIXES):
        return CODE
    if label in RATE_NAMES or label.startswith(RATE_PREFIXES) or label.endswith(RATE_SUFFIXES):
        return RATE
    whole = pd.api.types.is_integer_dtype(values.dtype) or all(float(v).is_integer() for v in present)
    return COUNT if whole else DECIMAL


def shown(frame: pd.DataFrame, kinds: dict[str, str] | None = None) -> tuple[pd.DataFrame | Styler, dict]:
    """What st.dataframe is given for a table: each column in its Vietnamese format whatever the
    browser's locale (`kinds` names what some columns hold), and the column configuration."""
    frame = frame.reset_index(drop=True)
    found = [(kinds or {}).get(name) or column_kind(name, frame.iloc[:, i]) for i, name in enumerate(frame.columns)]
    # Long target names would push the figures off screen; figures line up on the right.
    config = {"Chỉ tiêu": st.column_config.TextColumn(width="medium")} if "Chỉ tiêu" in frame else {}
    config |= {
        name: st.column_config.Column(alignment="right")
        for name, kind in zip(frame.columns, found, strict=True)
        if kind in (COUNT, RATE, DECIMAL)
    }
    formats = {i: FORMATS[kind] for i, kind in enumerate(found) if kind in FORMATS}
    if frame.size <= STYLED_CELLS and frame.columns.is_unique:
        return frame.style.format({frame.columns[i]: f for i, f in formats.items()}, na_rep="–"), config
    text = frame.copy()
    for i in range(frame.shape[1]):
        text.isetitem(i, frame.iloc[:, i].map(formats.get(i, _as_written)))
    return text, config


def _as_written(value: object) -> object:
    return "–" if is_missing(value) else value


def table(frame: pd.DataFrame, file_name: str, kinds: dict[str, str] | None = None, into=None) -> None:
    """A table in Vietnamese formats (`kinds` overrides what a column is taken to hold), with CSV
    and Excel downloads of its raw values (formulas neutralised), for the roles that may export."""
    data, config = shown(frame, kinds)
    place = into or st  # a tab or column, or the page
    place.dataframe(data, hide_index=True, width="stretch", column_config=config)
    user = auth.current_user()
    if user is None or user.role not in auth.EXPORTERS:
        return
    csv, xlsx = place.columns([2, 2, 5])[:2]
    csv.download_button(
        "Tải bảng (CSV)",
        lambda: _export(frame, file_name, "csv", to_csv_bytes, user),
        file_name=f"{file_name}.csv",
        mime="text/csv",
        key=f"download_{file_name}",
    )
    # built only when clicked: an Excel workbook costs far more than the CSV
    xlsx.download_button(
        "Tải bảng (Excel)",
        lambda: _export(frame, file_name, "xlsx", to_xlsx_bytes, user),
        file_name=f"{file_name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"download_xlsx_{file_name}",
    )


def _export(frame: pd.DataFrame, name: str, kind: str, writer, user: users.User) -> bytes:
    """The download's bytes, made when the button is clicked — outside the page's run, so for the
    account the page was drawn for, checked again in the accounts file — with the export audited."""
    account = auth.still_allowed(user, auth.EXPORTERS)
    auth.audit(account, "export", {"table": name, "format": kind, "rows": len(frame)})
    return writer(frame)


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


def reporters_label(structure: str, area_level: str | None, agencies_report: bool) -> str:
    """Who reports in a period, as users read it: 'cấp xã (từ 1/7/2025) và các cơ quan'."""
    parts = []
    if area_level:
        parts.append(f"{LEVEL_NAMES[area_level]} ({'từ' if structure == '2025' else 'trước'} 1/7/2025)")
    if agencies_report:
        parts.append(LEVEL_NAMES["agency"])
    return " và ".join(parts)


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
    """A unit's report versions."""
    return pd.DataFrame(
        {
            "Kỳ": history.period,
            "Lần nộp": history.version,
            "Ngày nộp": history.submitted_on.map(fmt_date),
            "Căn cứ ngày nộp": history.submitted_on_source,
            "Tệp": history.source_name,
            "Đang dùng": history.is_in_force.map({True: "có", False: "không"}),
            "Nhận lúc": history.ingested_at.map(fmt_date),
        }
    )


def spending_caption(budget: pd.DataFrame) -> str:
    """Where the spending figures come from, and which budget levels no unit has reported on
    (mart_budget_summary's rows: a level at 0 is named, never left to look like spending 0)."""
    unreported = budget[~budget.is_total & (budget.spent == 0)].level_name.tolist()
    text = "Số đã chi là số các đơn vị kê khai trong báo cáo (báo cáo năm; báo cáo 6 tháng khi chưa có báo cáo năm)."
    if unreported:
        text += f" Chưa có đơn vị nào kê khai chi cho: {', '.join(unreported)}."
    return text


def review_sentence(
    met_or_on_track: int, judged: int, share: float | None, review_name: str, required: float, meets: bool | None
) -> str:
    """The sơ kết rule in one sentence, from mart_attainment_summary's figures."""
    verdict = {True: "đạt yêu cầu", False: "chưa đạt yêu cầu", None: "chưa đủ số liệu để đánh giá"}[meets]
    return (
        f"{fmt_int(met_or_on_track)}/{fmt_int(judged)} chỉ tiêu có số liệu đạt hoặc đúng lộ trình ({fmt_pct(share)}); "
        f"yêu cầu {review_name}: trên {fmt_pct(required)} — {verdict}."
    )
