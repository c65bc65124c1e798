"""A report's denominators checked against the units file, at intake: a unit that reports 40
villages where the latest units file lists 2 under it is warned (the report is still accepted).

The units are counted as the warehouse counts them for the coverage of target 2.9 (the listed
units each target counts, in the area of each view they roll up to), but from the staged units
file itself, so the check needs no build and follows a units file accepted a moment before."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from data_pipeline.intake import layouts
from data_pipeline.intake.report import ParsedReport
from data_pipeline.reference.units import UnitDirectory

# Kinds of listed unit whose count a report's denominator is checked against, and how far it
# may stray before a warning.
CHECKED_COVERAGE = ("village", "agency", "school", "enterprise")
DENOMINATOR_TOLERANCE = 0.2
VIEW_OF_STRUCTURE = {"legacy": "legacy", "2025": "new"}


def is_counted(unit: dict) -> bool:
    """Whether a listed unit counts towards the targets (layouts.NOT_COUNTED, the rule the
    warehouse's staging of the units file applies too)."""
    column, excluded = layouts.NOT_COUNTED.get(unit["unit_kind"], (None, ()))
    return column is None or (unit[column] or "").lower() not in excluded


def _first(shares: Counter, key_of: int) -> dict[str, str]:
    """For each unit on side `key_of` of the (new commune, district) pairs, the other side that
    shares the most old communes with it (ties: the lowest code)."""
    best: dict[str, tuple[int, str]] = {}
    for pair, count in shares.items():
        key, other = pair[key_of], pair[1 - key_of]
        if key not in best or (-count, other) < (-best[key][0], best[key][1]):
            best[key] = (count, other)
    return {key: other for key, (_, other) in best.items()}


def area_maps(directory: UnitDirectory) -> dict[str, dict[str, str]]:
    """View → {district or commune code → the reporting area it counts in}: in the legacy view
    the former districts, in the new view the communes from 1/7/2025."""
    units = directory.units
    legacy = units[units.structure == "legacy"]
    old_communes = legacy.parent_code[legacy.unit_kind == "commune"].to_dict()
    districts = list(legacy.index[legacy.unit_kind == "district"])
    old_units = {**old_communes, **{code: code for code in districts}}
    crosswalk = directory.crosswalk[directory.crosswalk.old_code.isin(old_units)]
    shares = Counter((new, old_units[old]) for old, new in zip(crosswalk.old_code, crosswalk.new_code, strict=True))
    new_communes = units.index[(units.structure == "2025") & (units.unit_kind == "commune")]
    return {
        "legacy": {**{code: code for code in districts}, **old_communes, **_first(shares, 0)},
        "new": {
            **{code: code for code in new_communes},
            **{
                old: new for old, new in zip(crosswalk.old_code, crosswalk.new_code, strict=True) if old in old_communes
            },
            **_first(shares, 1),
        },
    }


def _anchor(code: str, parents: dict[str, str | None], kinds: dict[str, str]) -> str | None:
    """The commune a listed unit lies in, else its district, looking at most two levels up."""
    chain = [code]
    for _ in range(2):
        chain.append(parents.get(chain[-1]))
    for kind in ("commune", "district"):
        found = next((c for c in chain if c is not None and kinds.get(c) == kind), None)
        if found is not None:
            return found
    return None


class UnitCounts:
    """How many counted units of each kind the latest units file puts in each area of each view."""

    def __init__(self, directory: UnitDirectory, listed: Iterable[dict]):
        listed = list(listed)
        kinds = {**directory.units.unit_kind.to_dict(), **{u["unit_code"]: u["unit_kind"] for u in listed}}
        parents = {**directory.units.parent_code.to_dict(), **{u["unit_code"]: u["parent_code"] for u in listed}}
        maps = area_maps(directory)
        self.counts: Counter = Counter()
        for unit in filter(is_counted, listed):
            anchor = _anchor(unit["unit_code"], parents, kinds)
            for view, areas in maps.items():
                if anchor in areas:
                    self.counts[(view, areas[anchor], unit["unit_kind"])] += 1

    def get(self, view: str, area: str, kind: str) -> int:
        """The count of one kind of unit in one area (0 when the units file lists none there)."""
        return self.counts[(view, area, kind)]


def denominator_warnings(report: ParsedReport, counts: UnitCounts) -> list[str]:
    """Warn (without rejecting) when a denominator strays far from the units file's count."""
    view = VIEW_OF_STRUCTURE[report.programme.reporters(report.period).structure]
    kinds = {i.code: i.coverage_of for i in report.programme.indicators}
    warnings = []
    for value in report.values:
        kind = kinds.get(value["indicator_code"])
        units = counts.get(view, report.unit_code, kind) if kind in CHECKED_COVERAGE else 0
        if units and abs(value["denominator"] - units) > max(2, DENOMINATOR_TOLERANCE * units):
            warnings.append(
                f"Cảnh báo — Sheet '{layouts.REPORT_TARGETS_SHEET}', chỉ tiêu {value['indicator_code']}, cột 'Mẫu số': "
                f"{value['denominator']} khác xa số đơn vị trong danh mục ({units}); vẫn nhận báo cáo, đề nghị kiểm tra."
            )
    return warnings
