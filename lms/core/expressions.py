"""Query expressions the dashboard's reads need that Django does not name."""

from django.db.models import BooleanField, Lookup, TextField
from django.db.models.functions import Cast


class InSubquery(Lookup):
    """`column IN (subquery)`; on PostgreSQL `column = ANY(ARRAY(subquery))`.

    Given `IN (SELECT ...)` PostgreSQL plans a hash join over the whole other
    table (every cohort's rows); given an array of the cohort's ids it probes
    their index instead: 4-6 ms instead of 20-35 ms for a 2,000-learner cohort
    among 20,000. Use as `filter(InSubquery(F("column"), queryset.values("pk")))`.
    """

    lookup_name = "in_subquery"
    output_field = BooleanField()

    def _sides(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if not rhs.startswith("("):
            rhs = f"({rhs})"
        return lhs, rhs, (*lhs_params, *rhs_params)

    def as_sql(self, compiler, connection):
        lhs, rhs, params = self._sides(compiler, connection)
        return f"{lhs} IN {rhs}", params

    def as_postgresql(self, compiler, connection):
        lhs, rhs, params = self._sides(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", params


class UtcText(Cast):
    """A timestamp as 'YYYY-MM-DD HH:MM:SS.ffffff' text in UTC (SQLite stores it so).

    The dashboard reads an enrolment's timestamps this way: Django decodes
    PostgreSQL timestamps in Python at several microseconds each, half the time
    to read a 2,000-learner cohort; `datetime.fromisoformat` is many times faster.
    """

    def __init__(self, expression):
        super().__init__(expression, output_field=TextField())

    def as_postgresql(self, compiler, connection, **extra):
        # to_char, not a cast: a cast's text follows the server's DateStyle.
        return self.as_sql(
            compiler,
            connection,
            template="to_char(%(expressions)s AT TIME ZONE 'UTC', "
            "'YYYY-MM-DD HH24:MI:SS.US')",
            **extra,
        )
