"""Signals other apps listen to, so ``forms_builder`` never imports them.

``submission_published`` is sent (after the transaction commits) by
``workflow.submission_publish`` with ``sender=Submission`` and ``submission=``; the public
site (``home``) purges its cached figures on it.
"""

from django.dispatch import Signal

#: kwargs: ``submission`` (the published ``Submission``).
submission_published = Signal()
