"""The programme manager's cohort pages in the Wagtail admin: the Cohorts
viewset, the dashboard, a learner's drill-down, the home panel, and the bases
every cohort page and report builds on (`pages`)."""
