"""The units file (danh mục đơn vị): the province's villages, schools, agencies, enterprises,
party committees and influencers, around the communes and districts of the reference package."""

from __future__ import annotations

from pathlib import Path

from data_pipeline.demo.world import DemoWorld, Unit, setting, split
from data_pipeline.intake import layouts
from data_pipeline.intake.workbook import write_table
from data_pipeline.reference import spelling
from data_pipeline.reference.units import reference_units


def build_units(world: DemoWorld) -> None:
    """The province's units, and how far ahead or behind each district is."""
    rng, programme = world.rng, world.programme
    ref = reference_units(programme)
    province = ref[ref.unit_kind == "province"].iloc[0]
    for district in ref[ref.unit_kind == "district"].to_dict("records"):
        communes = ref[ref.parent_code == district["unit_code"]].to_dict("records")
        if communes:
            world.districts.append(district)
            world.communes[district["unit_code"]] = communes
        else:  # the package lists no communes for some island districts: they only send reports
            world.island_districts.append(district)
    # Districts differ: some are well ahead, some lag (a spread of performance factors).
    factors = [1.35, 1.25, 1.15, 1.05, 1.0, 0.92, 0.84, 0.75, 0.66, 0.58]
    rng.shuffle(factors)
    for i, district in enumerate(world.districts):
        world.performance[district["unit_code"]] = factors[i % len(factors)]

    all_communes = [c for d in world.districts for c in world.communes[d["unit_code"]]]
    village_counts = split(rng, int(setting(programme, "villages")), len(all_communes))
    add = world.units.append
    for commune, count in zip(all_communes, village_counts, strict=True):
        urban = spelling.match_key(commune["unit_name"]).startswith(("phuong", "thitran"))
        for n in range(1, count + 1):
            label = "Tổ dân phố" if urban else "Thôn"
            add(
                Unit(
                    f"{commune['unit_code']}-T{n:02d}",
                    f"{label} số {n}, {commune['unit_name']}",
                    "village",
                    commune["unit_code"],
                    commune["parent_code"],
                    households=rng.randint(150, 420),
                )
            )
        for level in ("Mầm non", "Tiểu học", "THCS"):
            add(
                Unit(
                    f"{commune['unit_code']}-{spelling.match_key(level).upper()}",
                    f"Trường {level} {commune['unit_name']}",
                    "school",
                    commune["unit_code"],
                    commune["parent_code"],
                    school_level=level,
                )
            )
        add(
            Unit(
                f"CU-{commune['unit_code']}",
                f"Đảng bộ {commune['unit_name']}",
                "party_committee",
                commune["unit_code"],
                commune["parent_code"],
            )
        )
    # the seat's bodies: the province's sở, ban, ngành, or a city's phòng ban (they replace the
    # generic district agencies below)
    seat_district = "" if programme.seat_code == province.unit_code else programme.seat_code
    for name in setting(programme, "seat_agencies"):
        add(Unit(f"CQ-{spelling.match_key(name).upper()[:24]}", name, "agency", programme.seat_code, seat_district))
    add(Unit(f"CU-{province.unit_code}", f"Đảng bộ {province.unit_name}", "party_committee", province.unit_code, ""))
    sizes = ("Siêu nhỏ", "Nhỏ", "Vừa", "Lớn")
    district_agencies = (
        "Phòng Văn hóa và Thông tin",
        "Phòng Giáo dục và Đào tạo",
        "Phòng Tư pháp",
        "Phòng Nội vụ",
        "Phòng Tài chính – Kế hoạch",
        "Công an",
        "Trung tâm Văn hóa, Thông tin và Thể thao",
        "Huyện đoàn",
    )
    for district in world.districts:
        code, name = district["unit_code"], district["unit_name"]
        communes = world.communes[code]
        for n, agency in enumerate(district_agencies if code != seat_district else (), start=1):
            add(Unit(f"{code}-CQ{n:02d}", f"{agency} {name}", "agency", code, code))
        add(Unit(f"CU-{code}", f"Đảng bộ {name}", "party_committee", code, code))
        for n in range(1, rng.randint(2, 4) + 1):
            add(Unit(f"{code}-THPT{n}", f"Trường THPT số {n} {name}", "school", code, code, school_level="THPT"))
        urban_share = sum(spelling.match_key(c["unit_name"]).startswith("phuong") for c in communes) / len(communes)
        for n in range(1, int(rng.randint(40, 90) * (1 + 2 * urban_share)) + 1):
            commune = rng.choice(communes)
            add(
                Unit(
                    f"DN-{code}-{n:04d}",
                    f"Doanh nghiệp số {n} ({name})",
                    "enterprise",
                    commune["unit_code"],
                    code,
                    size_class=rng.choices(sizes, weights=(50, 30, 12, 8))[0],
                )
            )
        for n in range(1, rng.randint(8, 25) + 1):
            add(Unit(f"UT-{code}-{n:03d}", f"Người có uy tín số {n} ({name})", "influencer", code, code))


def write_units_file(world: DemoWorld, path: Path) -> Path:
    """The units file, every row marked synthetic."""
    kinds = {v: k for k, v in layouts.UNIT_KINDS.items()}
    rows = [
        (u.code, u.name, kinds[u.kind], u.parent, u.size_class, u.school_level, u.households, layouts.SYNTHETIC_SOURCE)
        for u in world.units
    ]
    return write_table(path, "Danh mục đơn vị", list(layouts.UNIT_COLUMNS), rows)
