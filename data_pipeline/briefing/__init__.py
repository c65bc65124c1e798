"""Stage 4, briefing: the warehouse's marts in, the sơ kết meeting's files out.

`collect` reads one programme and period into a `Briefing` (figures only, no layout); `deck`
writes it as PPTX slides (figure slides in deck_results and deck_followup; charts, tables and text
in deck_charts, deck_tables and deck_text) and `report_docx` as the draft Word report (section I in
report_results, page and tables in docx_parts); `values` holds the missing-figure rules both
writers share, and `files.write_briefing` picks the writer by extension. The writers import the
Briefing, never the other way round, and no helper module imports a writer."""
