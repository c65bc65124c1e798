-- Old commune (before 1/7/2025) → new commune, from vietnamadminunits' converter; `rule` says
-- how each row was attributed, `is_split` flags old communes divided between new units. An
-- island district the package lists without communes (Lý Sơn 536, …) is a row of its own,
-- whole to its special zone (đặc khu, a commune-level unit of 2025).
with final as (
    select programme_id, old_code, new_code, is_split, rule, successors
    from raw_crosswalk
)

select * from final
