"""Stage 4, briefing: the warehouse's marts in, the sơ kết meeting's files out.

`collect` reads one programme and period into a `Briefing` (figures only, no layout); `deck`
writes it as PPTX slides and `report_docx` as the draft Word report; `files.write_briefing`
picks the writer by extension. The writers import the Briefing, never the other way round."""
