"""An analyst's SQL over the marts, in a sandbox: one read-only SELECT (or WITH … SELECT) at a
time, on an in-memory copy of the marts, in a DuckDB connection that can reach no file, no
network and no extension and cannot change its own settings; results are capped in rows and
queries in time."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from data_pipeline.errors import QueryRefused
from data_pipeline.warehouse.manifest import table_scans

MAX_ROWS = 5_000
TIME_LIMIT_SECONDS = 10.0
MEMORY_LIMIT = "1GB"


@dataclass
class Result:
    frame: pd.DataFrame
    truncated: bool


class Sandbox:
    """The marts of one build, queryable and nothing else."""

    def __init__(self, warehouse: Path, max_rows: int = MAX_ROWS, time_limit: float = TIME_LIMIT_SECONDS):
        self.max_rows, self.time_limit = max_rows, time_limit
        self.con = duckdb.connect()
        # copied in while files can still be read; from here on nothing outside is reachable
        for name, scan in table_scans(warehouse).items():
            if name.startswith("mart_"):
                self.con.execute(f"create table {name} as select * from {scan}")
        for setting in (
            "set enable_external_access = false",
            "set autoinstall_known_extensions = false",
            "set autoload_known_extensions = false",
            f"set memory_limit = '{MEMORY_LIMIT}'",
            "set lock_configuration = true",
        ):
            self.con.execute(setting)

    def tables(self) -> list[str]:
        return [row[0] for row in self.con.execute("select table_name from duckdb_tables() order by 1").fetchall()]

    def run(self, sql: str) -> Result:
        """The query's result (at most max_rows rows), or QueryRefused saying why not."""
        try:
            statements = self.con.extract_statements(sql)
        except duckdb.Error as error:
            raise QueryRefused(f"Câu lệnh SQL không hợp lệ: {_first_line(error)}") from None
        if len(statements) != 1:
            raise QueryRefused(f"Chỉ chạy một câu lệnh mỗi lần (nhận được {len(statements)})")
        if statements[0].type != duckdb.StatementType.SELECT:
            raise QueryRefused(
                f"Chỉ được đọc dữ liệu (SELECT hoặc WITH … SELECT); không chạy lệnh {statements[0].type.name}"
            )
        cursor = self.con.cursor()
        timer = threading.Timer(self.time_limit, cursor.interrupt)
        timer.start()
        try:
            result = cursor.execute(statements[0].query)
            rows = result.fetchmany(self.max_rows + 1)
            columns = [d[0] for d in result.description]
        except duckdb.InterruptException:
            raise QueryRefused(f"Truy vấn chạy quá {self.time_limit:g} giây nên đã dừng; hãy lọc bớt dữ liệu") from None
        except duckdb.Error as error:
            raise QueryRefused(_first_line(error)) from None
        finally:
            timer.cancel()
            cursor.close()
        return Result(pd.DataFrame(rows[: self.max_rows], columns=columns), len(rows) > self.max_rows)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


def examples(programme: str, view: str, as_of: dt.date) -> dict[str, str]:
    """The sample queries for one programme and structure view, as of the build's date: each keeps
    to that programme's rows, and "kỳ gần nhất" is its latest period already due by the periods'
    order (the text maximum of the period codes would put 2026-H1 after 2026)."""
    scope = f"programme_id = {_literal(programme)} and view = {_literal(view)}"
    return {
        "Tỉ lệ đạt toàn tỉnh theo chỉ tiêu, kỳ gần nhất": f"""select period, period_label, indicator_code, indicator_name,
       numerator, denominator, rate, goal, status
from mart_attainment
where {scope} and unit_level = 'province'
  and period_order = (
    select max(period_order) from mart_attainment
    where {scope} and due_on <= date '{as_of.isoformat()}'
  )
order by indicator_order""",
        "Vụ việc theo năm và loại": f"""select year(month) as nam, category_name, sum(cases) as so_vu
from mart_incidents
where {scope}
group by all
order by nam, so_vu desc""",
        "Đơn vị nộp báo cáo trễ nhiều nhất": f"""select unit_name, area_name,
       count(*) filter (where status = 'trễ hạn') as lan_tre,
       count(*) filter (where status = 'chưa nộp') as lan_chua_nop
from mart_compliance
where {scope}
group by unit_code, unit_name, area_name
having lan_tre + lan_chua_nop > 0
order by lan_tre + lan_chua_nop desc, unit_name
limit 20""",
    }


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
