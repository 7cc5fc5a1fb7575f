"""Requests to the site and reading its answers back: HTML, JSON, CSV and XLSX."""

import csv
import io
import json
import re

import openpyxl
from bs4 import BeautifulSoup
from django.urls import reverse


def post_json(client, path, data, **headers):
    """POST data as JSON (a str or bytes body is sent as it is)."""
    body = data if isinstance(data, str | bytes) else json.dumps(data)
    return client.post(path, body, content_type="application/json", headers=headers)


def cohort_url(name, cohort, *args):
    return reverse(f"lms_cohorts:{name}", args=[cohort.pk, *args])


def csv_rows(response):
    """A streamed CSV export as a list of dicts."""
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def xlsx_rows(response):
    """An XLSX export as a list of dicts keyed by its header row."""
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header, *rows = workbook.active.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


class EagerClient:
    """A test client whose requests also run their on-commit callbacks (the apply job)."""

    def __init__(self, client, capture_on_commit):
        self.client = client
        self.capture = capture_on_commit

    def get(self, *args, **kwargs):
        with self.capture(execute=True):
            return self.client.get(*args, **kwargs)

    def post(self, *args, **kwargs):
        with self.capture(execute=True):
            return self.client.post(*args, **kwargs)


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def section(response, element_id):
    found = soup(response).find(id=element_id)
    assert found is not None, f"no element #{element_id} on the page"
    return found


def form_data(container):
    """The form inside `container` as the browser would post it, less the learner's choices."""
    form = container.find("form")
    assert form is not None, "no form here"
    data = {
        field["name"]: field.get("value", "")
        for field in form.find_all("input", attrs={"type": "hidden"})
    }
    return form["action"], data


def option_value(container, text):
    """The value of the radio or checkbox whose label reads `text`."""
    for label in container.find_all("label", class_="option"):
        if label.get_text(strip=True) == text:
            return label.find("input")["value"]
    raise AssertionError(f"no option labelled {text!r}")


def choice_value(container, text):
    for button in container.find_all("button", attrs={"name": "choice_id"}):
        if button.get_text(strip=True) == text:
            return button["value"]
    raise AssertionError(f"no choice labelled {text!r}")


def text_of(response):
    """The page's visible text with whitespace collapsed."""
    return re.sub(r"\s+", " ", soup(response).get_text(" "))
