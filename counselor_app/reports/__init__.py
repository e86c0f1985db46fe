"""Printouts and exports: the termly self-check (PDF, JSON, Excel), the room's weekly schedule for the
door, a student's file (一生一档), and a crisis case's papers (一生一策, 家长告知书, 转介单, 复学评估表).

Each printout has a module that gathers what it shows from the school (through the record service
where text is confidential) and a module that lays it out; the ``write_*`` functions do both, write
the file atomically and record the printout in the audit trail (never its content):

- :mod:`.selfcheck_pdf` ``write_selfcheck_pdf(school, report, path, *, fingerprint=None)``
- :mod:`.selfcheck_json` ``write_selfcheck_json(report, path)`` (schema: docs/selfcheck-json.md)
- :mod:`.selfcheck_xlsx` ``write_selfcheck_xlsx(report, path)``
- :mod:`.schedule_pdf` ``write_schedule_pdf(school, day, path)``
- :mod:`.student_pdf` ``write_student_pdf(school, student_no, path)``
- :mod:`.crisis_plan_pdf` ``write_crisis_plan_pdf(school, student_no, path)``; with
  :mod:`.guardian_notice_pdf` (家长告知书), :mod:`.referral_pdf` (转介单) and
  :mod:`.return_assessment_pdf` (复学评估表) the crisis case's papers, listed once in
  :mod:`.crisis_printouts` (``write_crisis_printout``, ``build_crisis_printout`` by the plan's id),
  gathered by :mod:`.crisis_case` and drawn with :mod:`.form_parts` (signatures, the leader's
  approval, return slips)
- :mod:`.screening_printouts` the screening round's printouts: a class's blank answer sheet
  (:mod:`.answer_sheet_pdf`), the guardians' consent forms (:mod:`.consent_pdf`) and the summary
  for the school leader without names (:mod:`.screening_summary_pdf`)
- :mod:`.term_statistics` ``term_statistics(db, term)``: the term's counts, for charts and the bundle

Every PDF is A4 with the Chinese font embedded (:mod:`counselor_app.foundation.fonts`); a character the font
lacks is printed as 〓 and returned in ``RenderedPdf.missing_characters``. Nothing here imports Qt.
"""
