"""Settings of the bench's gunicorn: the production settings, with a URLconf
that adds the reference endpoint (bench.reference) before the product's URLs."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.reference"
