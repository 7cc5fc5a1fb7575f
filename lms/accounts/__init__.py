"""Accounts: signing in and out, setting a password from an invitation or a reset
link (Django's token generator), and inviting the accounts enrolment creates."""
