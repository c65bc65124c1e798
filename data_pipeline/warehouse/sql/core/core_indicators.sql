-- Indicators (a target or one of its sub-goals) with their goal and kind.
select * from raw_indicators
