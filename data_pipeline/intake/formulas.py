"""Formulas a workbook holds without a computed value (written by software that never
recalculated): simple arithmetic over cells of the same sheet is worked out here; anything else
is refused naming the cell, since its figure would otherwise be read as blank."""

from __future__ import annotations

import ast
import operator
import re
import zipfile
from collections.abc import Callable
from xml.etree import ElementTree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CELL = re.compile(r"\$?([A-Z]{1,3})\$?(\d{1,7})")
RANGE = re.compile(r"\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})")
OPERATORS: dict[type, Callable] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
# A SUM over a range wider than this is not "simple arithmetic" (nor a cheap one).
MAX_RANGE_CELLS = 10_000


def cell_index(column: str, row: str) -> tuple[int, int]:
    """(row, column), both from 0, of a cell reference such as C5."""
    number = 0
    for letter in column:
        number = number * 26 + ord(letter) - 64
    return int(row) - 1, number - 1


def uncached_formulas(archive: zipfile.ZipFile) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet name, the cells (row, column) whose formula has no stored value, with the formula."""
    parts = _sheet_parts(archive)
    found: dict[str, dict[tuple[int, int], str]] = {}
    for name, part in parts.items():
        if part not in archive.namelist():
            continue
        with archive.open(part) as handle:
            data = handle.read()
        if b"<f" not in data:
            continue
        cells = {}
        for cell in ElementTree.fromstring(data).iter(f"{MAIN}c"):
            formula, value = cell.find(f"{MAIN}f"), cell.find(f"{MAIN}v")
            if formula is not None and (value is None or not (value.text or "").strip()):
                match = CELL.fullmatch(cell.get("r", ""))
                if match:
                    cells[cell_index(*match.groups())] = formula.text or ""
        if cells:
            found[name] = cells
    return found


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the archive member holding it."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in relations.iter(f"{PACKAGE_RELATIONSHIPS}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = targets.get(sheet.get(f"{RELATIONSHIPS}id"), "")
        parts[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return parts


class FormulaError(ValueError):
    """A formula that is not simple arithmetic over cells of its sheet."""


def evaluate(formula: str, value_at: Callable[[int, int], object]) -> int | float:
    """The value of `formula` (+ - * /, parentheses, SUM of cells and ranges), reading other
    cells through `value_at(row, column)`; FormulaError for anything else."""
    text = formula.strip().lstrip("=").upper()

    def sum_range(match: re.Match) -> str:
        (top, left), (bottom, right) = cell_index(*match.groups()[:2]), cell_index(*match.groups()[2:])
        if (bottom - top + 1) * (right - left + 1) > MAX_RANGE_CELLS:
            raise FormulaError(formula)
        cells = [f"cell_{r}_{c}" for r in range(top, bottom + 1) for c in range(left, right + 1)]
        return "(" + "+".join(cells) + ")"

    text = RANGE.sub(sum_range, text)
    text = re.sub(r"\bSUM\(", "(", text).replace(";", "+").replace(",", "+")
    text = CELL.sub(lambda m: "cell_{}_{}".format(*cell_index(*m.groups())), text)
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        raise FormulaError(formula) from None
    return _value(tree.body, value_at, formula)


def _value(node: ast.AST, value_at: Callable[[int, int], object], formula: str) -> int | float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.Name) and (match := re.fullmatch(r"cell_(\d+)_(\d+)", node.id)):
        value = value_at(int(match[1]), int(match[2]))
        if value is None:
            return 0
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise FormulaError(formula)
        return value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _value(node.operand, value_at, formula)
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
        left, right = _value(node.left, value_at, formula), _value(node.right, value_at, formula)
        try:
            return OPERATORS[type(node.op)](left, right)
        except ZeroDivisionError:
            raise FormulaError(formula) from None
    raise FormulaError(formula)
