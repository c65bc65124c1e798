"""The units file (danh mục đơn vị): the province's villages, schools, agencies, enterprises,
party committees and influencers, around the communes and districts of the reference package."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from data_pipeline.demo.world import DemoWorld, Unit, setting, split
from data_pipeline.intake import layouts
from data_pipeline.intake.workbook import write_table
from data_pipeline.reference import spelling
from data_pipeline.reference.programme import Programme
from data_pipeline.reference.units import reference_units

# Districts differ: some are well ahead, some lag (a spread of performance factors).
PERFORMANCE_FACTORS = (1.35, 1.25, 1.15, 1.05, 1.0, 0.92, 0.84, 0.75, 0.66, 0.58)
SCHOOL_LEVELS = ("Mầm non", "Tiểu học", "THCS")
ENTERPRISE_SIZES = ("Siêu nhỏ", "Nhỏ", "Vừa", "Lớn")
# A district's own bodies (the seat's bodies replace them in the seat's district).
DISTRICT_AGENCIES = (
    "Phòng Văn hóa và Thông tin",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Tư pháp",
    "Phòng Nội vụ",
    "Phòng Tài chính – Kế hoạch",
    "Công an",
    "Trung tâm Văn hóa, Thông tin và Thể thao",
    "Huyện đoàn",
)


def _sort_districts(world: DemoWorld, ref: pd.DataFrame) -> None:
    """The reference package's districts with their communes; those it lists without communes
    (some island districts) only send reports."""
    for district in ref[ref.unit_kind == "district"].to_dict("records"):
        communes = ref[ref.parent_code == district["unit_code"]].to_dict("records")
        if communes:
            world.districts.append(district)
            world.communes[district["unit_code"]] = communes
        else:
            world.island_districts.append(district)


def _draw_performance(world: DemoWorld) -> None:
    """Each district's performance factor, the spread of factors shuffled over the districts."""
    factors = list(PERFORMANCE_FACTORS)
    world.rng.shuffle(factors)
    for i, district in enumerate(world.districts):
        world.performance[district["unit_code"]] = factors[i % len(factors)]


def _commune_bodies(rng: random.Random, commune: dict, villages: int) -> list[Unit]:
    """A commune's villages (tổ dân phố in a ward or town), its three schools and its party committee."""
    code, name, district = commune["unit_code"], commune["unit_name"], commune["parent_code"]
    urban = spelling.match_key(name).startswith(("phuong", "thitran"))
    label = "Tổ dân phố" if urban else "Thôn"
    units = [
        Unit(f"{code}-T{n:02d}", f"{label} số {n}, {name}", "village", code, district, households=rng.randint(150, 420))
        for n in range(1, villages + 1)
    ]
    units += [
        Unit(
            f"{code}-{spelling.match_key(level).upper()}",
            f"Trường {level} {name}",
            "school",
            code,
            district,
            school_level=level,
        )
        for level in SCHOOL_LEVELS
    ]
    units.append(Unit(f"CU-{code}", f"Đảng bộ {name}", "party_committee", code, district))
    return units


def _seat_bodies(programme: Programme, province: pd.Series, seat_district: str) -> list[Unit]:
    """The seat's bodies (the province's sở, ban, ngành, or a city's phòng ban) and the
    province's party committee."""
    units = [
        Unit(f"CQ-{spelling.match_key(name).upper()[:24]}", name, "agency", programme.seat_code, seat_district)
        for name in setting(programme, "seat_agencies")
    ]
    units.append(
        Unit(f"CU-{province.unit_code}", f"Đảng bộ {province.unit_name}", "party_committee", province.unit_code, "")
    )
    return units


def _enterprises(rng: random.Random, district: dict, communes: list[dict]) -> list[Unit]:
    """A district's enterprises, more of them the more of its communes are wards."""
    code, name = district["unit_code"], district["unit_name"]
    urban_share = sum(spelling.match_key(c["unit_name"]).startswith("phuong") for c in communes) / len(communes)
    units = []
    for n in range(1, int(rng.randint(40, 90) * (1 + 2 * urban_share)) + 1):
        commune = rng.choice(communes)
        size_class = rng.choices(ENTERPRISE_SIZES, weights=(50, 30, 12, 8))[0]
        units.append(
            Unit(
                f"DN-{code}-{n:04d}",
                f"Doanh nghiệp số {n} ({name})",
                "enterprise",
                commune["unit_code"],
                code,
                size_class=size_class,
            )
        )
    return units


def _district_bodies(world: DemoWorld, district: dict, seat_district: str) -> list[Unit]:
    """A district's agencies (none in the seat's), party committee, upper-secondary schools,
    enterprises and influencers."""
    rng, code, name = world.rng, district["unit_code"], district["unit_name"]
    agencies = DISTRICT_AGENCIES if code != seat_district else ()
    units = [
        Unit(f"{code}-CQ{n:02d}", f"{agency} {name}", "agency", code, code)
        for n, agency in enumerate(agencies, start=1)
    ]
    units.append(Unit(f"CU-{code}", f"Đảng bộ {name}", "party_committee", code, code))
    units += [
        Unit(f"{code}-THPT{n}", f"Trường THPT số {n} {name}", "school", code, code, school_level="THPT")
        for n in range(1, rng.randint(2, 4) + 1)
    ]
    units += _enterprises(rng, district, world.communes[code])
    units += [
        Unit(f"UT-{code}-{n:03d}", f"Người có uy tín số {n} ({name})", "influencer", code, code)
        for n in range(1, rng.randint(8, 25) + 1)
    ]
    return units


def build_units(world: DemoWorld) -> None:
    """The province's units, and how far ahead or behind each district is."""
    programme = world.programme
    ref = reference_units(programme)
    province = ref[ref.unit_kind == "province"].iloc[0]
    _sort_districts(world, ref)
    _draw_performance(world)
    communes = world.all_communes()
    village_counts = split(world.rng, int(setting(programme, "villages")), len(communes))
    for commune, villages in zip(communes, village_counts, strict=True):
        world.units += _commune_bodies(world.rng, commune, villages)
    seat_district = "" if programme.seat_code == province.unit_code else programme.seat_code
    world.units += _seat_bodies(programme, province, seat_district)
    for district in world.districts:
        world.units += _district_bodies(world, district, seat_district)


def write_units_file(world: DemoWorld, path: Path) -> Path:
    """The units file, every row marked synthetic."""
    kinds = {v: k for k, v in layouts.UNIT_KINDS.items()}
    rows = [
        (u.code, u.name, kinds[u.kind], u.parent, u.size_class, u.school_level, u.households, layouts.SYNTHETIC_SOURCE)
        for u in world.units
    ]
    return write_table(path, "Danh mục đơn vị", list(layouts.UNIT_COLUMNS), rows)
