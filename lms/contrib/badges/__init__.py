"""Open Badges 3.0: badge classes, signed credentials and their baked images, certificates."""
