"""Wiring only: every concept keeps its hooks in its own `wagtail_hooks` module.

Wagtail imports this module for the `lms` app; this imports each concept's,
so a new concept plugs in by adding its folder, without editing this file.
"""

import importlib
import importlib.util
import pkgutil

import lms

for concept in pkgutil.iter_modules(lms.__path__):
    name = f"lms.{concept.name}.wagtail_hooks"
    if concept.ispkg and importlib.util.find_spec(name) is not None:
        importlib.import_module(name)
