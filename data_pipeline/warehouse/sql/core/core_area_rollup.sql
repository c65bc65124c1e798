-- Every area a unit's counts add up into, per view: its primary area (a district, or a new
-- commune) and the province. Counting through this, a unit is in one area and in the province
-- total exactly once in each view; the registry's coverage figures roll up here.
with anchors as (
    select distinct programme_id, anchor_code from core_units
)

select core_area_map.programme_id, core_area_map.view, core_area_map.source_code as anchor_code, core_area_map.area_code
from core_area_map
inner join core_programmes on core_programmes.programme_id = core_area_map.programme_id
where core_area_map.is_primary and core_area_map.area_code <> core_programmes.province_code

union all

select anchors.programme_id, core_views.view, anchors.anchor_code, core_programmes.province_code as area_code
from anchors
inner join core_programmes on core_programmes.programme_id = anchors.programme_id
cross join core_views
