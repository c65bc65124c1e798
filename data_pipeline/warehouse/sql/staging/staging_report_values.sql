-- Numerator and denominator per indicator, per accepted report file.
with source as (
    select * from raw_report_values
),

final as (
    select
        file_sha256,
        indicator_code,
        cast(numerator as bigint) as numerator,
        cast(denominator as bigint) as denominator
    from source
)

select * from final
