"""What a reader sees in a page's tables: the display values Streamlit is given (a styled table's
formatted cells over its numbers, or a plain table's own cells)."""

from __future__ import annotations

from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest


def shown_rows(app: AppTest, index: int = -1) -> list[dict]:
    """The rows of the page's `index`-th table as shown (the last by default)."""
    table = app.dataframe[index]
    arrow = table.proto.arrow_data
    if arrow.HasField("styler") and arrow.styler.display_values:
        shown = dataframe_util.convert_arrow_bytes_to_pandas_df(arrow.styler.display_values)
        shown.columns = table.value.columns
        return shown.to_dict("records")
    return table.value.to_dict("records")
