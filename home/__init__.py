"""The public site: Wagtail page types and their templates — the home page, standard and document
pages, and the public pages of each domain (complaint form/track/statistics, WBS form and follow-up,
SAKIP, SPBE, SPM, performance and published-report results), charts and their data providers,
live-figure caching. Pages are doors: they call domain selectors/services; no domain app imports
``home`` (docs/adr/0017-home-layout.md)."""
