-- The programme's reviews (sơ kết, tổng kết) and the share of each target due by then.
select * from raw_reviews
