"""The practice workbooks and their answer keys, from the curriculum (content/workbooks).

Workbooks are built in memory from their seeded generators, so the site
serves the same file on every machine without a build step, and the answer
key is computed, never stored where a web server could serve it.
"""

import functools
import io
import tempfile
from pathlib import Path

from content.workbooks import build

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def known(key):
    return key in build.WORKBOOKS


@functools.cache
def workbook_bytes(key):
    """The .xlsx of a workbook, as a learner downloads it."""
    with tempfile.TemporaryDirectory() as folder:
        path = build.build_workbook(key, Path(folder) / f"{key}.xlsx")
        return Path(path).read_bytes()


@functools.cache
def answer_key(key):
    """{task key: expected answer} of a workbook ("task-1": 19, …)."""
    return build.answers()[key]


def task_questions(key):
    """The tasks' questions, in order, as the workbook's Tasks sheet states them."""
    return list(build.WORKBOOKS[key].tasks)


def workbook_file(key):
    return io.BytesIO(workbook_bytes(key))
