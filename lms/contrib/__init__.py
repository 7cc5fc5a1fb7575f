"""Optional integrations, each a small app with its own label, on only when a host
site lists it in INSTALLED_APPS. They listen to lms's signals; lms never imports them."""
