"""Tables show Vietnamese numbers whatever the browser's locale — counts and money 2.425, years
and codes as written (2024), shares 45,6 %, dates 15/11/2025 — while their exports keep the
raw values."""

import datetime as dt
import io

import pandas as pd
import pytest
from helpers import run_page
from shown import shown_rows
from streamlit import dataframe_util
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData

from data_pipeline.warehouse.export import to_csv_bytes, to_xlsx_bytes
from ui import layout

RAW = pd.DataFrame(
    {
        "Năm": [2024, 2025],
        "Mã": [7201, 7294],
        "Địa bàn": ["Xã Bố Hạ", None],
        "Số vụ": [2425, 7],
        "Đã chi (đồng)": [5_015_728_000, 0],
        "Hoạt động": [2425.0, 12.0],  # whole counts that arrived as floats
        "Tỉ lệ": [0.456, None],
        "Điểm": [41.25, 3.5],
        "Hạn nộp": pd.to_datetime(["2025-11-15", "2026-06-15"]),
        "Ngày nộp": [dt.date(2025, 11, 18), None],
        "Đang dùng": [True, False],
        "Ghi chú": ["=1+1", "đã sửa"],
    }
)
SHOWN = [
    {
        "Năm": "2024",
        "Mã": "7201",
        "Địa bàn": "Xã Bố Hạ",
        "Số vụ": "2.425",
        "Đã chi (đồng)": "5.015.728.000",
        "Hoạt động": "2.425",
        "Tỉ lệ": "45,6 %",
        "Điểm": "41,25",
        "Hạn nộp": "15/11/2025",
        "Ngày nộp": "18/11/2025",
        "Đang dùng": "có",
        "Ghi chú": "=1+1",
    },
    {
        "Năm": "2025",
        "Mã": "7294",
        "Địa bàn": "–",
        "Số vụ": "7",
        "Đã chi (đồng)": "0",
        "Hoạt động": "12",
        "Tỉ lệ": "–",
        "Điểm": "3,50",
        "Hạn nộp": "15/06/2026",
        "Ngày nộp": "–",
        "Đang dùng": "không",
        "Ghi chú": "đã sửa",
    },
]


def _as_text(data) -> list[dict]:
    """The cells Streamlit is given: a styled table's display values, or a plain table's text."""
    if isinstance(data, pd.DataFrame):
        return data.to_dict("records")
    proto = ArrowData()
    marshall_styler(proto, data, "test")
    return dataframe_util.convert_arrow_bytes_to_pandas_df(proto.styler.display_values).to_dict("records")


def test_each_kind_of_column_is_shown_in_its_vietnamese_format():
    kinds = [layout.column_kind(name, RAW[name]) for name in RAW.columns]
    assert kinds == [
        layout.CODE,
        layout.CODE,
        layout.TEXT,
        layout.COUNT,
        layout.COUNT,
        layout.COUNT,
        layout.RATE,
        layout.DECIMAL,
        layout.DATE,
        layout.DATE,
        layout.YES_NO,
        layout.TEXT,
    ]
    data, config = layout.shown(RAW)
    assert _as_text(data) == SHOWN
    # the numbers stay numbers under their display values (sorting by value), aligned right
    assert data.data["Số vụ"].tolist() == [2425, 7]
    assert {name for name, c in config.items() if c.get("alignment") == "right"} == {
        "Số vụ",
        "Đã chi (đồng)",
        "Hoạt động",
        "Tỉ lệ",
        "Điểm",
    }


def test_a_table_too_large_to_style_shows_the_same_text(monkeypatch):
    monkeypatch.setattr(layout, "STYLED_CELLS", RAW.size - 1)
    data, _ = layout.shown(RAW)
    assert isinstance(data, pd.DataFrame) and _as_text(data) == SHOWN


def test_a_column_can_be_named_a_share_whatever_its_header():
    pivot = pd.DataFrame({"Đơn vị": ["Huyện Yên Thế"], "A": [0.5], "B": [None]})
    data, _ = layout.shown(pivot, {"A": layout.RATE, "B": layout.RATE})
    assert _as_text(data) == [{"Đơn vị": "Huyện Yên Thế", "A": "50,0 %", "B": "–"}]


def test_exports_keep_the_raw_numbers_and_neutralise_formulas():
    csv = to_csv_bytes(RAW).decode("utf-8-sig").splitlines()
    assert csv[1].startswith("2024,7201,Xã Bố Hạ,2425,5015728000,2425.0,0.456,41.25,2025-11-15,2025-11-18,True,'=1+1")
    sheet = pd.read_excel(io.BytesIO(to_xlsx_bytes(RAW)))
    assert sheet.loc[0, ["Năm", "Số vụ", "Đã chi (đồng)"]].tolist() == [2024, 2425, 5_015_728_000]
    assert sheet.loc[0, "Ghi chú"] == "'=1+1"


@pytest.fixture
def demo_env(demo_home, monkeypatch):
    monkeypatch.setenv("ANTQ_HOME", str(demo_home))
    monkeypatch.delenv("ANTQ_PROGRAMMES_DIR", raising=False)
    return demo_home


def test_tasks_page_shows_years_as_written_and_amounts_with_thousands_dots(demo_env):
    app = run_page("pages/tasks.py", programme="bac_giang_835")
    # Đề án 835, Phần 4 (config/programmes/bac_giang_835.yaml budget.levels)
    budget = {r["Cấp"]: r["Dự toán (đồng)"] for r in shown_rows(app, 1)}
    assert budget == {
        "Ngân sách tỉnh": "5.015.728.000",
        "Ngân sách huyện": "4.235.100.000",
        "Ngân sách xã": "28.531.500.000",
        "Tổng cộng": "37.782.328.000",
    }
    spending = shown_rows(app, 2)
    raw = app.dataframe[2].value
    # the demo's reports declare spending for 2024, 2025 and 2026
    assert {r["Năm"] for r in spending} == {"2024", "2025", "2026"}
    for row, amount in zip(spending, raw["Đã chi (đồng)"], strict=True):
        assert row["Đã chi (đồng)"] == f"{amount:,}".replace(",", ".")
    assert any(amount >= 1_000_000 for amount in raw["Đã chi (đồng)"])


def test_incident_outcomes_show_counts_over_a_thousand_with_a_dot(demo_env):
    app = run_page("pages/incidents.py", window="range", **{"from": "2022-01-01", "to": "2024-06-01"})
    # Đề án 835, I.II.2: over 1,000 accounts and posts taken down (the demo seeds 1,024)
    outcomes = {r["Kết quả"]: r for r in shown_rows(app, 2)}
    assert outcomes["Tài khoản, bài viết bị gỡ bỏ"]["01/2022–06/2024"] == "1.024"
    assert app.dataframe[2].value.set_index("Kết quả").loc["Tài khoản, bài viết bị gỡ bỏ", "01/2022–06/2024"] == 1024
