"""The `id` path converter: a database id, at most 18 digits.

Django's `int` converter takes any number of digits, and an id past 2**63
makes the database layer raise OverflowError (a 500) before any lookup; an
address with such an id is no page of ours, so it is a plain 404.
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")
