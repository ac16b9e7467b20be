"""Public complaints (SP4N-LAPOR style) and Open311: submission and tracking codes, routing to OPDs,
contact points, working-day deadlines and escalation, the staff workflow, the Open311 mapping, and the
LAPOR self-assessment figures. Its public pages live in ``home`` (``home/complaint_pages.py``), its API
in ``api``; both call this app's services and selectors."""
