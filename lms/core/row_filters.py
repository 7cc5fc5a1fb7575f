"""Filtersets over report rows built in Python (the dashboard's, the project report's).

The admin's big tables are read as plain values and built as Python rows, so
their filters run over lists: a `RowsFilterSet` is a WagtailFilterSet whose
"queryset" is a list of rows, and whose filters each keep the rows that match.
"""

import django_filters
from django_filters.constants import EMPTY_VALUES
from wagtail.admin.filters import WagtailFilterSet


class Rows(list):
    """A list of rows in the place django-filter expects a queryset.

    It has the `model` django-filter reads (none); what it hands on is a
    plain list, which Django's list views do not mistake for a queryset.
    """

    model = None

    def all(self):
        return list(self)


class RowChoiceFilter(django_filters.ChoiceFilter):
    """Keeps the rows whose `field_name` attribute (or `value(row)`) is the choice."""

    def __init__(self, *args, value=None, **kwargs):
        self.value_of = value
        super().__init__(*args, **kwargs)

    def filter(self, rows, value):
        if value in EMPTY_VALUES:
            return rows
        get = self.value_of or (lambda row: getattr(row, self.field_name))
        return [row for row in rows if str(get(row)) == value]


class RowTextFilter(django_filters.CharFilter):
    """Keeps the rows in one of whose `fields` the text appears, ignoring case."""

    def __init__(self, *args, fields=(), **kwargs):
        self.fields = fields
        super().__init__(*args, **kwargs)

    def filter(self, rows, value):
        text = (value or "").strip().casefold()
        if not text:
            return rows
        return [
            row
            for row in rows
            if any(
                text in (getattr(row, name) or "").casefold() for name in self.fields
            )
        ]


class RowsFilterSet(WagtailFilterSet):
    """A filterset over `rows`; an invalid value filters nothing."""

    def __init__(self, data=None, rows=(), *, request=None, prefix=None):
        super().__init__(data, Rows(rows), request=request, prefix=prefix)

    def filter_queryset(self, rows):
        for name, value in self.form.cleaned_data.items():
            rows = self.filters[name].filter(rows, value)
        return rows
