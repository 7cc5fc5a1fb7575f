"""Comments and reasons are plain text: any markup is dropped, never stored."""

import html

import nh3


def plain_comment(text):
    """The text without markup, trimmed; pages escape it when they show it."""
    # nh3 answers with HTML, so its entities become characters again ("Q&A"
    # stays "Q&A"), as the mentor's rating comments do.
    return html.unescape(nh3.clean(text or "", tags=set())).strip()
