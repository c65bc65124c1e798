"""Stage 1, reference: what the province is before any file arrives.

In: config/programmes/*.yaml (the programme: targets, periods, reporting units, plan), the
vocabularies in config/*.yaml, and the national administrative units (before and after the
1/7/2025 reorganisation) shipped with the package. Out: typed `Programme` objects, the
`UnitDirectory` every field file is checked against, the old→new crosswalk, and the text keys
used to match what people type to those names. Imports nothing from a later stage."""
