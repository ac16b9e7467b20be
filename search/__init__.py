"""The public search page: one view over Wagtail search of the public pages (and documents)."""
