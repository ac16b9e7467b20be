"""Admin doors of periodic reporting: ``assignments`` (the assignment screens), ``matrix``
(completeness matrix, reopening), ``reports`` (fill/review page, attachments), ``exports``
(CSV/XLSX downloads and background exports). Thin: they call services and selectors."""
