"""Reference administrative units from the vietnamadminunits package's bundled database."""

from __future__ import annotations

import sqlite3
from importlib import resources

import pandas as pd

from data_pipeline.programme import Programme

_LEGACY_QUERY = """
select provinceCode as province_code, province as province_name,
       provinceLat as province_lat, provinceLon as province_lon,
       districtCode as district_code, district as district_name,
       districtLat as district_lat, districtLon as district_lon,
       wardCode as commune_code, ward as commune_name, wardType as commune_type,
       wardLat as commune_lat, wardLon as commune_lon
from admin_units_legacy
where provinceCode = ?
order by districtCode, wardCode
"""


def _dataset_path() -> str:
    return str(resources.files("vietnamadminunits") / "data" / "dataset.db")


def reference_units(programme: Programme) -> pd.DataFrame:
    """Province, district and commune rows (code, name, level, parent, lat, lon) for a programme."""
    with sqlite3.connect(f"file:{_dataset_path()}?mode=ro", uri=True) as con:
        wards = pd.read_sql_query(_LEGACY_QUERY, con, params=(programme.province_code,))
    if programme.districts:
        wards = wards[wards["district_code"].isin(programme.districts)]
    if wards.empty:
        raise ValueError(
            f"vietnamadminunits không có đơn vị nào cho tỉnh mã {programme.province_code} "
            f"(các huyện {list(programme.districts)})"
        )
    first = wards.iloc[0]
    province = pd.DataFrame(
        {
            "unit_code": [first.province_code],
            "unit_name": [first.province_name],
            "unit_kind": ["province"],
            "parent_code": [None],
            "lat": [first.province_lat],
            "lon": [first.province_lon],
        }
    )
    districts = wards.drop_duplicates("district_code").rename(
        columns={
            "district_code": "unit_code",
            "district_name": "unit_name",
            "district_lat": "lat",
            "district_lon": "lon",
        }
    )
    districts = districts.assign(unit_kind="district", parent_code=first.province_code)
    communes = wards.rename(
        columns={"commune_code": "unit_code", "commune_name": "unit_name", "commune_lat": "lat", "commune_lon": "lon"}
    ).assign(unit_kind="commune", parent_code=wards["district_code"])
    columns = ["unit_code", "unit_name", "unit_kind", "parent_code", "lat", "lon"]
    units = pd.concat([province, districts[columns], communes[columns]], ignore_index=True)
    return units.assign(programme_id=programme.id)
