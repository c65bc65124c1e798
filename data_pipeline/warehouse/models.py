"""The SQL models under sql/ (staging → core → mart, one model per file, named after its table),
what each reads, and the order they run in."""

from __future__ import annotations

import re
from pathlib import Path

from data_pipeline.errors import BuildError

SQL_DIR = Path(__file__).parent / "sql"
LAYERS = ("staging", "core", "marts")
PUBLISHED_PREFIXES = ("core_", "mart_")
MODEL_NAME = re.compile(r"\b((?:staging|core|mart)_[a-z0-9_]+)\b")
# A model's first line may declare how its table is published: `-- partition_by: programme_id, year`.
PARTITION_BY = re.compile(r"\A-- partition_by: ([a-z_, ]+)\n")


def sql_models() -> dict[str, str]:
    """Model name → SQL text for every .sql file under sql/, named after its table."""
    models = {}
    for layer in LAYERS:
        for path in sorted((SQL_DIR / layer).glob("*.sql")):
            models[path.stem] = path.read_text(encoding="utf-8")
    return models


def partition_columns(sql: str) -> list[str]:
    """The hive partition keys a model declares on its first line (none: one Parquet file)."""
    match = PARTITION_BY.match(sql)
    return [column.strip() for column in match.group(1).split(",")] if match else []


def model_dependencies(models: dict[str, str]) -> dict[str, set[str]]:
    """Model → the models its SQL reads."""
    return {name: set(MODEL_NAME.findall(sql)) - {name} for name, sql in models.items()}


def build_order(models: dict[str, str]) -> list[str]:
    """Models ordered so that each runs after the models it reads."""
    ordered: list[str] = []
    reads = model_dependencies(models)

    def visit(name: str, trail: tuple[str, ...]) -> None:
        if name in ordered:
            return
        if name in trail:
            raise BuildError(f"Vòng lặp phụ thuộc giữa các model: {' → '.join((*trail, name))}")
        for dependency in sorted(reads[name]):
            if dependency not in models:
                raise BuildError(f"Model {name} đọc bảng {dependency} không tồn tại")
            visit(dependency, (*trail, name))
        ordered.append(name)

    for name in models:
        visit(name, ())
    return ordered


def upstream(models: dict[str, str], names: list[str]) -> set[str]:
    """The named models and every model they read, directly or not."""
    reads, found, todo = model_dependencies(models), set(), list(names)
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo.extend(reads[name])
    return found
