-- The two views of the administrative structure every page offers.
select * from (
    values
        ('new', 'Theo đơn vị mới (từ 1/7/2025)', 1),
        ('legacy', 'Theo huyện cũ (trước 1/7/2025)', 2)
) as views (view, view_label, sort_order)
