"""Data contracts of the published models (sql/schema.yml): unique keys, not-null columns,
accepted values, relationships and ranges, checked on a DuckDB connection by build before it
publishes and by check on the published Parquet: one scan per model counts the offending rows
of all its rules, and only a broken rule costs one more query, for its first offending row.

A relationship `column: table.column` is scoped by `programme_id` and by `view` whenever the
model and the table both have that column: a unit code must exist for the same programme (and
the same view of the administrative structure), not merely somewhere.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import duckdb
import yaml

from data_pipeline.errors import ConfigError
from data_pipeline.intake.layouts import MODEL_STAGES, NARRATIVE_SECTIONS, UNIT_KINDS
from data_pipeline.reference.programme import AREA_LEVELS, REPORTING_LEVELS
from data_pipeline.reference.vocabularies import incident_vocabulary, model_vocabulary
from data_pipeline.warehouse import statuses
from data_pipeline.warehouse.manifest import table_scans

SCHEMA = Path(__file__).parent / "sql" / "schema.yml"
CONTRACTED_PREFIXES = ("core_", "mart_")
RULE_KEYS = ("unique_key", "not_null", "accepted_values", "relationships", "range")
SCOPES = ("programme_id", "view")
IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*\Z")
PREFIX = "Hợp đồng dữ liệu bị vi phạm: "


def _names(section: str, key: str) -> tuple[str, ...]:
    items = {**incident_vocabulary(), **model_vocabulary()}[section]
    return tuple(item[key] for item in items)


# Named lists of accepted values, each read from the one place the pipeline takes it from;
# schema.yml may also name any tuple of data_pipeline.warehouse.statuses as `statuses.NAME`.
VALUE_SETS: dict[str, Callable[[], tuple[str, ...]]] = {
    "incident_categories": lambda: _names("categories", "code"),
    "incident_outcomes": lambda: _names("outcomes", "code"),
    "model_participants": lambda: _names("participants", "name"),
    "model_leaders": lambda: _names("leaders", "name"),
    "model_contents": lambda: _names("contents", "name"),
    "model_stages": lambda: tuple(MODEL_STAGES.values()),
    "narrative_sections": lambda: NARRATIVE_SECTIONS,
    "structures": lambda: tuple(REPORTING_LEVELS),
    "area_levels": lambda: AREA_LEVELS,
    "reporter_kinds": lambda: tuple(dict.fromkeys(k for kinds in REPORTING_LEVELS.values() for k in kinds)),
    "unit_kinds": lambda: ("province", "district", "commune", *UNIT_KINDS.values()),
}


class ContractError(ConfigError):
    """schema.yml is malformed; the message names the key."""


Bound = float | str | None  # a number, another column of the model, or no bound


@dataclass(frozen=True)
class Contract:
    """What one model promises: its grain and the rules on its columns."""

    model: str
    unique_key: tuple[str, ...]
    not_null: tuple[str, ...] = ()
    # column → (the list's name, its values)
    accepted_values: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    # column → the "table.column" it refers to, one or more
    relationships: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ranges: dict[str, tuple[Bound, Bound]] = field(default_factory=dict)

    def columns(self) -> set[str]:
        """Every column of the model the contract names."""
        bounds = {b for low_high in self.ranges.values() for b in low_high if isinstance(b, str)}
        return {
            *self.unique_key,
            *self.not_null,
            *self.accepted_values,
            *self.relationships,
            *self.ranges,
            *bounds,
        }


@dataclass
class Outcome:
    """Rules checked and the violations found (one message per broken rule)."""

    rules: int = 0
    violations: list[str] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return self.rules - len(self.violations)


class _Reader:
    """Typed access to one model's entry, failing with the schema key that is wrong."""

    def __init__(self, model: str, entry: object):
        if not isinstance(entry, dict):
            raise self.fail(model, "phải là một bảng các quy tắc", entry)
        unknown = set(entry) - set(RULE_KEYS)
        if unknown:
            raise self.fail(f"{model}.{sorted(unknown)[0]}", f"không phải quy tắc ({', '.join(RULE_KEYS)})", None)
        self.model, self.entry = model, entry

    @staticmethod
    def fail(key: str, problem: str, value: object) -> ContractError:
        shown = "" if value is None else f" (đang là {value!r})"
        return ContractError(f"{SCHEMA.name}: models.{key} {problem}{shown}")

    def identifiers(self, key: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) and IDENTIFIER.match(v) for v in value):
            raise self.fail(f"{self.model}.{key}", "phải là danh sách tên cột", value)
        return tuple(value)

    def mapping(self, key: str) -> dict:
        value = self.entry.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(k, str) and IDENTIFIER.match(k) for k in value):
            raise self.fail(f"{self.model}.{key}", "phải là một bảng cột → quy tắc", value)
        return value

    def accepted(self, column: str, value: object) -> tuple[str, tuple[str, ...]]:
        key = f"{self.model}.accepted_values.{column}"
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return "danh sách khai báo", tuple(value)
        if isinstance(value, str) and value.startswith("statuses."):
            values = getattr(statuses, value.removeprefix("statuses."), None)
            if isinstance(values, tuple):
                return value, values
        if isinstance(value, str) and value in VALUE_SETS:
            return value, VALUE_SETS[value]()
        raise self.fail(key, f"phải là danh sách chữ, statuses.TÊN hoặc một trong {', '.join(VALUE_SETS)}", value)

    def targets(self, column: str, value: object) -> tuple[str, ...]:
        targets = [value] if isinstance(value, str) else value
        parts = [str(t).split(".") for t in targets] if isinstance(targets, list) and targets else [[]]
        if not all(len(p) == 2 and all(IDENTIFIER.match(n) for n in p) for p in parts):
            raise self.fail(f"{self.model}.relationships.{column}", "phải là bảng.cột hoặc danh sách bảng.cột", value)
        if not all(p[0].startswith(CONTRACTED_PREFIXES) for p in parts):
            # check reads only what is published
            raise self.fail(f"{self.model}.relationships.{column}", "phải trỏ tới một bảng core_* hoặc mart_*", value)
        return tuple(targets)

    def bounds(self, column: str, value: object) -> tuple[Bound, Bound]:
        def ok(bound: object) -> bool:
            number = isinstance(bound, int | float) and not isinstance(bound, bool)
            return bound is None or number or (isinstance(bound, str) and bool(IDENTIFIER.match(bound)))

        if not isinstance(value, list) or len(value) != 2 or not all(map(ok, value)) or value == [None, None]:
            raise self.fail(
                f"{self.model}.range.{column}", "phải là [nhỏ nhất, lớn nhất] (số, tên cột hoặc null)", value
            )
        return value[0], value[1]

    def contract(self) -> Contract:
        if "unique_key" not in self.entry:
            raise self.fail(f"{self.model}.unique_key", "thiếu: mỗi model phải khai báo khóa", None)
        return Contract(
            model=self.model,
            unique_key=self.identifiers("unique_key", self.entry["unique_key"]),
            not_null=self.identifiers("not_null", self.entry.get("not_null", [])),
            accepted_values={c: self.accepted(c, v) for c, v in self.mapping("accepted_values").items()},
            relationships={c: self.targets(c, v) for c, v in self.mapping("relationships").items()},
            ranges={c: self.bounds(c, v) for c, v in self.mapping("range").items()},
        )


def load_schema(path: Path = SCHEMA) -> dict[str, Contract]:
    """Model → its contract, from schema.yml, validated (a wrong key is named in the error)."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ContractError(f"{path.name} không đọc được: {error}") from None
    if not isinstance(document, dict) or set(document) != {"models"} or not isinstance(document["models"], dict):
        raise ContractError(f"{path.name}: cần đúng một khóa 'models' (model → quy tắc)")
    for model in document["models"]:
        if not (isinstance(model, str) and IDENTIFIER.match(model) and model.startswith(CONTRACTED_PREFIXES)):
            raise ContractError(f"{path.name}: models.{model} không phải tên một model core_* hoặc mart_*")
    return {model: _Reader(model, entry).contract() for model, entry in document["models"].items()}


def _shown(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _quoted(value: object) -> str:
    return "NULL" if value is None else f"'{_shown(value)}'"


class _Rule(NamedTuple):
    """One rule as SQL: `count`, an expression over the model's rows (`child`) that is not 0
    when the rule may be broken; `first`, a query for the first offending row if it is: the
    number of offending rows (or keys), the value(s) `message` shows, then the key. Both
    take `params`."""

    count: str
    first: str
    params: list
    message: Callable[[tuple], str]


class _Rules:
    """The rules of one contract on a connection whose tables have `columns`."""

    def __init__(self, contract: Contract, columns: dict[str, list[str]]):
        self.contract, self.columns, self.name = contract, columns, contract.model
        self.key = ", ".join(f'child."{c}"' for c in contract.unique_key)

    def at(self, row: tuple, counted: str = "dòng vi phạm") -> str:
        """Where the first offending row is (the key ends `row`) and how many rows (or keys) offend."""
        values = row[len(row) - len(self.contract.unique_key) :]
        key = ", ".join(f"{c}={_shown(v)}" for c, v in zip(self.contract.unique_key, values, strict=True))
        return f"ở dòng {key} ({row[0]} {counted})"

    def rows(self, where: str, params: list, message: Callable[[tuple], str], *shown: str, count: str = "") -> _Rule:
        """A rule on single rows: those where `where` holds offend."""
        values = "".join(f'child."{c}", ' for c in shown)
        first = (
            f'select count(*) over (), {values}{self.key} from "{self.name}" as child '
            f"where {where} order by {self.key} limit 1"
        )
        return _Rule(count or f"count(*) filter (where {where})", first, params, message)

    def unique_key(self) -> _Rule:
        """Keys are grouped by their hash first (a country's ten million cases group in half the
        time and memory); only when two rows share a hash are the keys themselves compared."""
        key = ", ".join(self.contract.unique_key)
        return _Rule(
            f'(select count(*) from (select 1 from "{self.name}" as child group by hash({self.key}) having count(*) > 1))',
            f'select count(*) over (), count(*), {self.key} from "{self.name}" as child '
            f"group by {self.key} having count(*) > 1 order by {self.key} limit 1",
            [],
            lambda r: f"{self.name}: khóa ({key}) bị trùng, {r[1]} dòng cùng khóa {self.at(r, 'khóa bị trùng')}",
        )

    def not_null(self, column: str) -> _Rule:
        def message(r: tuple) -> str:
            return f"{self.name}.{column} bị trống {self.at(r)}"

        # count(*) - count(column) is answered from the column's statistics where DuckDB has them
        return self.rows(f'child."{column}" is null', [], message, count=f'count(*) - count(child."{column}")')

    def accepted_values(self, column: str, source: str, values: tuple[str, ...]) -> _Rule:
        where = f'child."{column}" is not null and not list_contains(?::varchar[], child."{column}"::varchar)'

        def message(r: tuple) -> str:
            return f"{self.name}.{column} nhận giá trị ngoài danh sách ({_quoted(r[1])}; theo {source}) {self.at(r)}"

        return self.rows(where, [list(values)], message, column)

    def relationship(self, column: str, target: str) -> _Rule:
        table, target_column = target.split(".")
        scopes = [s for s in SCOPES if s in self.columns[self.name] and s in self.columns[table]]
        pairs = [(target_column, column), *((scope, scope) for scope in scopes)]
        on = " and ".join(f'parent."{p}" = child."{c}"' for p, c in pairs)
        within = f" (cùng {', '.join(scopes)})" if scopes else ""

        def message(r: tuple) -> str:
            return f"{self.name}.{column} = {_quoted(r[1])} không có trong {target}{within} {self.at(r)}"

        where = f'child."{column}" is not null and not exists (select 1 from "{table}" as parent where {on})'
        return self.rows(where, [], message, column)

    def range(self, column: str, low: Bound, high: Bound) -> _Rule:
        checks, params = [], []
        for bound, operator in ((low, "<"), (high, ">")):
            if isinstance(bound, str):
                checks.append(f'child."{column}" {operator} child."{bound}"')
            elif bound is not None:
                checks.append(f'child."{column}" {operator} ?')
                params.append(bound)
        others = [b for b in (low, high) if isinstance(b, str)]
        interval = f"[{'-∞' if low is None else low}, {'+∞' if high is None else high}]"

        def message(r: tuple) -> str:
            given = "".join(f", {b} = {_shown(v)}" for b, v in zip(others, r[2:], strict=False))
            return f"{self.name}.{column} = {_shown(r[1])} ngoài khoảng {interval}{given} {self.at(r)}"

        return self.rows(f"({' or '.join(checks)})", params, message, column, *others)

    def all(self) -> list[_Rule]:
        contract = self.contract
        return [
            self.unique_key(),
            *(self.not_null(c) for c in contract.not_null),
            *(self.accepted_values(c, *source) for c, source in contract.accepted_values.items()),
            *(self.relationship(c, t) for c, targets in contract.relationships.items() for t in targets),
            *(self.range(c, *bounds) for c, bounds in contract.ranges.items()),
        ]


def _columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    rows = con.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_catalog = current_database() and table_schema = current_schema() "
        "order by table_name, ordinal_position"
    ).fetchall()
    columns: dict[str, list[str]] = {}
    for table, column in rows:
        columns.setdefault(table, []).append(column)
    return columns


def _unknown(contract: Contract, columns: dict[str, list[str]]) -> list[str]:
    """The columns and tables the contract names that do not exist."""
    unknown = [f"{contract.model}.{c}" for c in sorted(contract.columns() - set(columns.get(contract.model, [])))]
    for target in (t for targets in contract.relationships.values() for t in targets):
        table, column = target.split(".")
        if column not in columns.get(table, []):
            unknown.append(target)
    return unknown


def _broken(con: duckdb.DuckDBPyConnection, model: str, rules: list[_Rule]) -> list[str]:
    """The messages of the broken rules of one model: one query counts every rule's offending
    rows in a single scan, then one more per rule that may be broken fetches its first
    offending row (none: two keys only shared a hash)."""
    counts = ", ".join(rule.count for rule in rules)
    try:
        found = con.execute(f'select {counts} from "{model}" as child', [p for r in rules for p in r.params]).fetchall()
    except duckdb.Error as error:  # e.g. a numeric range on a date column
        return [PREFIX + f"các quy tắc của {model} không chạy được: {error}"]
    broken = [rule for rule, count in zip(rules, found[0], strict=True) if count]
    firsts = [(rule, con.execute(rule.first, rule.params).fetchall()) for rule in broken]
    return [PREFIX + rule.message(rows[0]) for rule, rows in firsts if rows]


def verify(
    con: duckdb.DuckDBPyConnection,
    models: Iterable[str],
    schema: dict[str, Contract],
    done: Callable[[str], None] | None = None,
) -> Outcome:
    """Check the contract of every core_*/mart_* model among `models` (tables or views on `con`);
    a model without a contract and a contract without its model are violations too. `done`
    is told each model checked."""
    contracted = sorted(m for m in models if m.startswith(CONTRACTED_PREFIXES))
    columns, outcome = _columns(con), Outcome()
    for model in sorted(set(contracted) ^ set(schema)):
        outcome.rules += 1
        outcome.violations.append(
            PREFIX + f"model {model} chưa có hợp đồng trong {SCHEMA.name} (mỗi model core_*/mart_* phải khai báo "
            "khóa, cột không trống, giá trị hợp lệ và quan hệ)"
            if model in contracted
            else PREFIX + f"{SCHEMA.name} khai báo model {model} nhưng không có model này"
        )
    for model in (m for m in contracted if m in schema):
        contract = schema[model]
        if unknown := _unknown(contract, columns):
            outcome.rules += 1
            outcome.violations.append(PREFIX + f"{SCHEMA.name} nhắc tới cột không có: {', '.join(unknown)}")
        else:
            outcome.rules += len(rules := _Rules(contract, columns).all())
            outcome.violations += _broken(con, model, rules)
        if done:
            done(model)
    return outcome


def verify_published(warehouse: Path) -> list[str]:
    """The contract violations of a published build's tables, read from its Parquet files."""
    scans = table_scans(warehouse)
    with duckdb.connect() as con:
        for name, scan in scans.items():
            con.execute(f"create view {name} as select * from {scan}")  # names are the build's files
        return verify(con, scans, load_schema()).violations
