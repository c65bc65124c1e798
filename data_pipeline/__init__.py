"""Turns unit reports, incident lists and the model registry into the Parquet warehouse."""
