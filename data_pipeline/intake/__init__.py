"""Stage 2, intake: field files in, typed staged rows out.

In: files dropped in submissions/inbox/ or uploaded (unit report workbooks, case lists, the model
registry, task and milestone trackers, contact logs, the units file) as XLSX, XLS or CSV. Out:
one Parquet file per accepted file under submissions/staged/<kind>/ (its columns declared in
`staged`), the raw file under submissions/archive/, a refused file under submissions/rejected/
with a Vietnamese message naming sheet, row and column. Also writes the blank report template
units fill in. Reads the reference stage; knows nothing of the warehouse."""
