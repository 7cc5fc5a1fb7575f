"""The programme manager's views in the Wagtail admin: cohorts, dashboards, enrolment."""
