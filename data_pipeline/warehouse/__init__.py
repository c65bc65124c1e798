"""Stage 3, warehouse: staged rows in, published Parquet marts out, and every read of them.

In: submissions/staged/ and the reference stage's configuration tables. `build` runs the SQL
models of sql/ (staging → core → mart) in DuckDB, checks the data contracts of sql/schema.yml and
publishes parquet/ with its manifest atomically. `read.Warehouse` is the one read API the
dashboard, the briefing and the exports use; `sandbox` runs an analyst's read-only SQL."""
