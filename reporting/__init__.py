"""Periodic reporting on the form engine: OPDs file a published form for each period.

Owns reporting periods and their arithmetic (``periods``), assignments (which OPDs file which form
for which periods, ``assignments``), the expected submissions with their answers, attachments and
workflow (draft → submitted → returned/verified → published, reopening; ``workflow``, ``answers``),
who may see and do what (``selectors``, ``permissions``), the completeness matrix (``matrix``),
CSV/XLSX exports with background jobs (``exports/``), deadline reminders and overdue notices
(``notices``, ``jobs``, ``schedules``), the admin screens (``views/``) and the published results of
the shipped evaluations (``results/``: SAKIP grades, the SPBE index, SPM achievement) that the
public pages and the results API share. It builds on ``forms_builder`` (definitions, versions,
validation, scoring), which never imports it. Its models kept their ``forms_builder_*`` tables when
they moved here (docs/adr/0013-reporting-app.md).
"""
