"""The analyst's SQL sandbox: escapes tried, each refused or interrupted with a message."""

import datetime as dt
import time

import pytest

from data_pipeline.errors import QueryRefused
from data_pipeline.warehouse.sandbox import Sandbox, examples


@pytest.fixture(scope="module")
def sandbox(fixture_home):
    return Sandbox(fixture_home / "parquet", max_rows=100, time_limit=2.0)


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("select * from read_csv('/etc/passwd')", "file system operations are disabled"),
        ("select * from read_parquet('/etc/hostname')", "file system operations are disabled"),
        ("select * from 'https://example.com/x.csv'", "disabled"),
        ("copy mart_attainment to '/tmp/leak.csv'", "không chạy lệnh COPY"),
        ("attach '/tmp/other.db' as other", "không chạy lệnh ATTACH"),
        ("install httpfs", "không chạy lệnh"),
        ("load httpfs", "không chạy lệnh"),
        ("set enable_external_access = true", "không chạy lệnh SET"),
        ("pragma database_list", "không chạy lệnh PRAGMA"),
        ("select 1; select 2", "Chỉ chạy một câu lệnh mỗi lần (nhận được 2)"),
        ("drop table mart_attainment", "không chạy lệnh DROP"),
        ("delete from mart_attainment", "không chạy lệnh DELETE"),
        ("create table x as select 1", "không chạy lệnh CREATE"),
        ("selec 1", "Câu lệnh SQL không hợp lệ"),
        ("select * from core_units", "core_units does not exist"),
    ],
)
def test_escapes_are_refused_with_a_message(sandbox, sql, message):
    with pytest.raises(QueryRefused) as refused:
        sandbox.run(sql)
    assert message in str(refused.value)


def test_a_query_that_would_run_for_minutes_is_interrupted(sandbox):
    started = time.monotonic()
    with pytest.raises(QueryRefused) as stopped:
        sandbox.run("select count(*) from range(100000000) a cross join range(100000000) b")
    assert "quá 2 giây nên đã dừng" in str(stopped.value)
    assert time.monotonic() - started < 10
    # the sandbox still answers afterwards
    assert sandbox.run("select 1 as x").frame.x.tolist() == [1]


def test_reads_the_marts_with_a_row_cap(sandbox):
    result = sandbox.run("with r as (select * from range(250)) select * from r")
    assert len(result.frame) == 100 and result.truncated
    rows = sandbox.run(
        "select unit_code, numerator, denominator from mart_attainment "
        "where view = 'legacy' and period = '2025' and indicator_code = 'A' order by unit_code"
    ).frame
    # the fixture's 2025 reports: 213 9/10, 215 5/10, 216 10/10, province 24/30
    assert rows.values.tolist() == [["213", 9, 10], ["215", 5, 10], ["216", 10, 10], ["24", 24, 30]]
    assert set(sandbox.tables()) >= {"mart_attainment", "mart_compliance", "mart_incidents"}


def test_the_examples_run(sandbox):
    for sql in examples("fixture_3d", "legacy", dt.date(2025, 11, 20)).values():
        assert not sandbox.run(sql).frame.columns.empty
