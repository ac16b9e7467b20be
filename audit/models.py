"""Audit models. Historical models of third-party tracked models (the user) live here too."""
