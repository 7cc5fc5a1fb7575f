"""Enrolment: putting learners on a programme and in a cohort, one by one or from
a CSV/XLSX file (checked whole, applied all-or-nothing), with the admin pages for
it and the policy for who may see or change an enrolment."""
