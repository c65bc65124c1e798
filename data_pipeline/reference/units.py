"""Reference administrative units and the 2025 crosswalk, from the vietnamadminunits package.

The package carries both structures: `admin_units_legacy` (before 1/7/2025: provinces, districts,
communes) and `admin_units` (from 1/7/2025: provinces and communes). Official commune codes are
reused across the two (07210 is one ward before and another after), so units of the 2025
structure get internal codes prefixed with "2025:"; the official code stays in `official_code`.

Island districts: the package lists five legacy districts with no communes (Bạch Long Vĩ 318,
Cồn Cỏ 471, Hoàng Sa 498, Lý Sơn 536, Côn Đảo 755: districts without a commune level) as one row
with an empty ward; its converter maps each of them whole (`<province>_<district>_`) to the
special zone (đặc khu) that replaced it, a commune-level unit of the 2025 table. Such a district
is crosswalked itself; the other island districts' communes are crosswalked as usual.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import sqlite3
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

import duckdb
import pandas as pd

from data_pipeline.errors import ConfigError, UnitError, UnknownUnit
from data_pipeline.reference import spelling
from data_pipeline.reference.config_reader import config_error
from data_pipeline.reference.programme import Programme
from data_pipeline.settings import Paths

NEW_PREFIX = "2025:"
SPLIT_RULE = "chia tách: gán cả cho đơn vị mặc định của vietnamadminunits"
WHOLE_RULE = "nguyên vẹn"
DISTRICT_RULE = "huyện không có cấp xã: cả huyện thành đơn vị mới"

_LEGACY_QUERY = """
select provinceCode as province_code, province as province_name, provinceKey as province_key,
       provinceLat as province_lat, provinceLon as province_lon,
       districtCode as district_code, district as district_name,
       districtLat as district_lat, districtLon as district_lon,
       wardCode as commune_code, ward as commune_name, wardLat as commune_lat, wardLon as commune_lon,
       provinceKey || '_' || districtKey || '_' || coalesce(wardKey, '') as converter_key
from admin_units_legacy
where provinceCode = ?
order by districtCode, wardCode
"""
_NEW_QUERY = """
select wardCode as commune_code, ward as commune_name, wardLat as lat, wardLon as lon, wardKey as converter_key
from admin_units where provinceKey = ?
"""
COLUMNS = ["unit_code", "official_code", "unit_name", "unit_kind", "parent_code", "lat", "lon", "structure"]


def new_code(official: str) -> str:
    """Internal code of a 2025-structure unit."""
    return f"{NEW_PREFIX}{official}"


def _data(name: str) -> Traversable:
    return resources.files("vietnamadminunits") / "data" / name


@cache
def _converter() -> dict:
    return json.loads(_data("converter_2025.json").read_text(encoding="utf-8"))


def _query(sql: str, params: tuple) -> pd.DataFrame:
    with sqlite3.connect(f"file:{_data('dataset.db')}?mode=ro", uri=True) as con:
        return pd.read_sql_query(sql, con, params=params)


def _legacy_wards(programme: Programme) -> pd.DataFrame:
    wards = _query(_LEGACY_QUERY, (programme.province_code,))
    if programme.districts:
        wards = wards[wards["district_code"].isin(programme.districts)]
    if wards.empty:
        key = "geography.districts" if programme.districts else "geography.province_code"
        raise config_error(
            programme.source,
            key,
            f"không khớp đơn vị nào của vietnamadminunits (tỉnh mã {programme.province_code}, "
            f"các huyện {list(programme.districts)})",
        )
    return wards


def build_crosswalk(
    converter: dict, old_keys: dict[str, str], new_keys: dict[str, str], new_province_key: str
) -> pd.DataFrame:
    """Old commune code (or district code, for a district without communes) → new commune code,
    from the package's converter data.

    The converter names units by the package's own keys; `old_keys` and `new_keys` resolve those
    keys to codes from the package's tables, so nothing is matched on names. An old commune
    whose territory went to several new units is flagged `is_split` and attributed whole to the
    unit the package marks as default (`isDefaultNewWard`); its other successors are listed.
    """
    divided = converter["DICT_PROVINCE_WARD_DIVIDED"].get(new_province_key, {})
    rows = []
    for new_key, olds in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].get(new_province_key, {}).items():
        for old_key in olds:
            if old_key in old_keys and old_key not in divided:
                rows.append((old_keys[old_key], new_keys[new_key], False, WHOLE_RULE, new_keys[new_key]))
    for old_key, candidates in divided.items():
        if old_key in old_keys:
            default = next(c["newWardKey"] for c in candidates if c["isDefaultNewWard"])
            successors = ";".join(sorted(new_keys[c["newWardKey"]] for c in candidates))
            rows.append((old_keys[old_key], new_keys[default], True, SPLIT_RULE, successors))
    frame = pd.DataFrame(rows, columns=["old_code", "new_code", "is_split", "rule", "successors"])
    missing = sorted(set(old_keys.values()) - set(frame.old_code))
    if missing:
        raise ConfigError(f"Bảng chuyển đổi của vietnamadminunits thiếu các xã cũ: {', '.join(missing)}")
    if frame.old_code.duplicated().any():
        raise ConfigError(f"Xã cũ có nhiều dòng chuyển đổi: {sorted(frame.old_code[frame.old_code.duplicated()])}")
    return frame.sort_values("old_code", ignore_index=True)


def _new_province_key(old_province_key: str) -> str:
    return next(new for new, olds in _converter()["DICT_PROVINCE"].items() if old_province_key in olds)


def crosswalk(programme: Programme) -> pd.DataFrame:
    """The programme area's crosswalk old commune → new commune, with internal codes; a district
    the package lists without communes (an island district) goes whole to its special zone."""
    wards = _legacy_wards(programme)
    new_key = _new_province_key(wards.province_key.iloc[0])
    new = _query(_NEW_QUERY, (new_key,))
    communes = wards.dropna(subset=["commune_code"])
    whole = wards[wards.commune_code.isna()]
    frame = build_crosswalk(
        _converter(),
        dict(zip(communes.converter_key, communes.commune_code, strict=True))
        | dict(zip(whole.converter_key, whole.district_code, strict=True)),
        dict(zip(new.converter_key, new.commune_code.map(new_code), strict=True)),
        new_key,
    )
    frame.loc[frame.old_code.isin(whole.district_code), "rule"] = DISTRICT_RULE
    return frame.assign(programme_id=programme.id)


def _province(wards: pd.DataFrame) -> pd.DataFrame:
    """The province, from the first of its legacy wards."""
    first = wards.iloc[0]
    row = [first.province_code, first.province_code, first.province_name, "province", None]
    return pd.DataFrame([[*row, first.province_lat, first.province_lon, None]], columns=COLUMNS)


def _legacy_districts(wards: pd.DataFrame) -> pd.DataFrame:
    """The programme area's districts before 1/7/2025."""
    districts = wards.drop_duplicates("district_code")
    return pd.DataFrame(
        {
            "unit_code": districts.district_code,
            "official_code": districts.district_code,
            "unit_name": districts.district_name,
            "unit_kind": "district",
            "parent_code": wards.province_code.iloc[0],
            "lat": districts.district_lat,
            "lon": districts.district_lon,
            "structure": "legacy",
        }
    )


def _legacy_communes(wards: pd.DataFrame) -> pd.DataFrame:
    """The communes before 1/7/2025; an island district without communes (Bạch Long Vĩ, Cồn Cỏ,
    Hoàng Sa, Lý Sơn, Côn Đảo) has none, its special zone of 2025 is a new commune like any other."""
    listed = wards.dropna(subset=["commune_code"])
    return pd.DataFrame(
        {
            "unit_code": listed.commune_code,
            "official_code": listed.commune_code,
            "unit_name": listed.commune_name,
            "unit_kind": "commune",
            "parent_code": listed.district_code,
            "lat": listed.commune_lat,
            "lon": listed.commune_lon,
            "structure": "legacy",
        }
    )


def _new_communes(programme: Programme, wards: pd.DataFrame) -> pd.DataFrame:
    """The communes from 1/7/2025 that cover the programme area (the crosswalk's targets), with
    internal codes."""
    new = _query(_NEW_QUERY, (_new_province_key(wards.province_key.iloc[0]),))
    new = new.assign(unit_code=new.commune_code.map(new_code))
    new = new[new.unit_code.isin(set(crosswalk(programme).new_code))]
    return pd.DataFrame(
        {
            "unit_code": new.unit_code,
            "official_code": new.commune_code,
            "unit_name": new.commune_name,
            "unit_kind": "commune",
            "parent_code": wards.province_code.iloc[0],
            "lat": new.lat,
            "lon": new.lon,
            "structure": "2025",
        }
    )


def reference_units(programme: Programme) -> pd.DataFrame:
    """Province, districts and communes of both structures for the programme area, each with
    the validity of its structure, so a unit is checked against the structure of its day."""
    wards = _legacy_wards(programme)
    units = pd.concat(
        [_province(wards), _legacy_districts(wards), _legacy_communes(wards), _new_communes(programme, wards)],
        ignore_index=True,
    )
    validity = {s.id: (s.valid_from, s.valid_to) for s in programme.structures}
    units["valid_from"] = units.structure.map(lambda s: validity.get(s, (None, None))[0]).astype(object)
    units["valid_to"] = units.structure.map(lambda s: validity.get(s, (None, None))[1]).astype(object)
    return units.assign(programme_id=programme.id)


LEVEL_NAMES = {"district": "cấp huyện", "commune": "cấp xã", "agency": "các cơ quan"}


def latest_units_file(paths: Paths, programme_id: str, fields: tuple[str, ...]) -> list[dict]:
    """Some columns of the units the latest units file accepted for a programme lists (as the
    build takes them: a newer file replaces an older one whole)."""
    folder = paths.staged_table("units")
    if not any(folder.glob("*.parquet")):
        return []
    with duckdb.connect() as con:
        cursor = con.execute(
            f"""
            with files as (select * from read_parquet(?) where programme_id = ?),
            latest as (select arg_max(file_sha256, ingested_at) as file_sha256 from files)
            select {", ".join(fields)} from files semi join latest using (file_sha256)
            """,  # the fields are ours, not input
            [str(folder / "*.parquet"), programme_id],
        )
        return [dict(zip(fields, row, strict=True)) for row in cursor.fetchall()]


def seat_agencies(paths: Paths, programme: Programme) -> dict[str, str]:
    """Code → name of the agencies directly under the programme's seat, as the latest units
    file accepted for the programme lists them (the bodies that may report)."""
    units = latest_units_file(paths, programme.id, ("unit_code", "unit_name", "unit_kind", "parent_code"))
    agencies = [u for u in units if u["unit_kind"] == "agency" and u["parent_code"] == programme.seat_code]
    return {u["unit_code"]: u["unit_name"] for u in sorted(agencies, key=lambda u: u["unit_name"])}


class UnitDirectory:
    """Resolves the codes people type to internal unit codes, knowing which structure is in force."""

    def __init__(self, programme: Programme, agencies: dict[str, str] | None = None):
        """`agencies`: code → name of the seat's agencies (`seat_agencies`), which report when
        the programme's reporting says so."""
        self.programme = programme
        self.agencies = agencies or {}
        units = reference_units(programme)
        self.units = units.set_index("unit_code")
        self.crosswalk = crosswalk(programme)
        self._name_index: dict[tuple[str, bool], dict[str, list[str]]] = {}
        self._communes = set(self.units.index[self.units.unit_kind == "commune"])

    def _label(self, code: str) -> str:
        return f"{self.units.loc[code, 'unit_name']} ({self.units.loc[code, 'official_code']})"

    def _is(self, code: str, structure: str, kind: str | None = None) -> bool:
        if code not in self.units.index:
            return False
        row = self.units.loc[code]
        return row.structure == structure and (kind is None or row.unit_kind == kind)

    def successors(self, old_code: str) -> list[str]:
        """New communes that took the territory of an old district or commune."""
        old_communes = self.units.index[(self.units.parent_code == old_code) & (self.units.structure == "legacy")]
        olds = [old_code, *old_communes]
        return sorted(set(self.crosswalk.new_code[self.crosswalk.old_code.isin(olds)]))

    def predecessors(self, new_code_: str) -> list[str]:
        """Former districts whose old communes (or whole territory) went into a new commune."""
        olds = self.units.loc[self.crosswalk.old_code[self.crosswalk.new_code == new_code_]]
        return sorted(
            {
                code if kind == "district" else parent
                for code, kind, parent in olds[["unit_kind", "parent_code"]].itertuples()
            }
        )

    def reporter(self, typed: str, period: str) -> str:
        """Internal code of the unit reporting for `period`, or ValueError naming the right unit
        (UnknownUnit when the code is no unit the programme knows)."""
        reporting = self.programme.reporters(period)
        level = " và ".join(LEVEL_NAMES[level] for level in reporting.levels)
        who = f"kỳ {period} do {level} theo cơ cấu {'từ 1/7/2025' if reporting.structure == '2025' else 'trước 1/7/2025'} báo cáo"
        if typed in self.agencies:
            if "agency" in reporting.levels:
                return typed
            raise UnitError(f"'{typed}' là {self.agencies[typed]}; {who}, các cơ quan không báo cáo kỳ này")
        typed_new = new_code(typed.removeprefix(NEW_PREFIX))
        area_level = reporting.area_level
        if reporting.structure == "2025":
            if area_level and self._is(typed_new, "2025", area_level):
                return typed_new
            if self._is(typed, "legacy"):
                names = ", ".join(self._label(c) for c in self.successors(typed))
                raise UnitError(f"'{typed}' là mã {self._label(typed)} trước 1/7/2025; {who}. Đơn vị kế thừa: {names}")
        else:
            if area_level and self._is(typed, "legacy", area_level):
                return typed
            if self._is(typed_new, "2025"):
                names = ", ".join(self._label(c) for c in self.predecessors(typed_new))
                raise UnitError(
                    f"'{typed}' là mã {self._label(typed_new)} từ 1/7/2025; {who}. Đơn vị tiền thân: {names}"
                )
        if typed in self.units.index or typed_new in self.units.index:
            raise UnitError(f"'{typed}' không phải đơn vị báo cáo của {self.programme.short_name}; {who}")
        raise UnknownUnit(
            f"'{typed}' không phải đơn vị báo cáo của {self.programme.short_name}; {who}"
            + ("" if "agency" not in reporting.levels else " (cơ quan báo cáo phải có trong danh mục đơn vị đã nạp)")
        )

    def identity(self, code: str) -> tuple[str, str]:
        """Official code and name of a reporter."""
        if code in self.agencies:
            return code, self.agencies[code]
        return self.units.loc[code, "official_code"], self.units.loc[code, "unit_name"]

    def commune(self, typed: str | None, day: dt.date | None) -> str | None:
        """Internal code of a commune as written in a case list on `day` (the structure then in
        force first; an old code after the change is still understood, the crosswalk carries it)."""
        if not typed:
            return None
        official = typed.removeprefix(NEW_PREFIX)
        official = official.zfill(5) if official.isdigit() else official
        new, old = new_code(official), official
        first = [new, old] if day is not None and self.programme.structure_on(day).id == "2025" else [old, new]
        return next((code for code in first if code in self._communes), None)

    def commune_by_name(self, typed: str | None, day: dt.date | None) -> str:
        """Internal code of a commune named in a case list on `day`: the structure then in force
        first, then the other; names compared without prefix, case or spacing, and without
        diacritics only when the exact spelling finds nothing. ValueError lists the candidates."""
        if not typed:
            raise UnitError("mã xã hoặc tên xã, phường, thị trấn")
        in_force = "2025" if day is not None and self.programme.structure_on(day).id == "2025" else "legacy"
        for structure in (in_force, "2025" if in_force == "legacy" else "legacy"):
            for diacritics in (True, False):
                found = self._names(structure, diacritics).get(spelling.commune_name_key(typed, diacritics), [])
                if len(found) == 1:
                    return found[0]
                if len(found) > 1:
                    raise UnitError(
                        "tên xã chỉ khớp một đơn vị, nhưng khớp "
                        + ", ".join(self._place(c) for c in found)
                        + "; đề nghị ghi rõ dấu hoặc điền cột 'Mã xã'"
                    )
        keys = self._names(in_force, False)
        close = difflib.get_close_matches(spelling.commune_name_key(typed, False), keys, n=3, cutoff=0.6)
        hint = f"; tên gần giống: {', '.join(self._place(keys[k][0]) for k in close)}" if close else ""
        raise UnitError(f"tên một xã, phường, thị trấn của {self.programme.short_name}{hint}")

    def _names(self, structure: str, diacritics: bool) -> dict[str, list[str]]:
        """Commune name key → internal codes, for one structure (built once)."""
        if (structure, diacritics) not in self._name_index:
            communes = self.units[(self.units.unit_kind == "commune") & (self.units.structure == structure)]
            index: dict[str, list[str]] = {}
            for code, name in communes.unit_name.items():
                index.setdefault(spelling.commune_name_key(name, diacritics), []).append(code)
            self._name_index[(structure, diacritics)] = index
        return self._name_index[(structure, diacritics)]

    def _place(self, code: str) -> str:
        """A commune's name, official code and (for an old commune) its district."""
        row = self.units.loc[code]
        parent = self.units.unit_name.get(row.parent_code) if row.structure == "legacy" else None
        return f"{row.unit_name}{f' – {parent}' if parent else ''} ({row.official_code})"
