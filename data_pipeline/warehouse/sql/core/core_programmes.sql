-- The configured programmes.
select * from raw_programmes
