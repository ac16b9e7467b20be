"""Kinds of routine notifications and their labels (the daily digest groups by them).

An app registers its kinds once at import time, e.g. in its ``apps.py`` ``ready()``::

    kind_register("complaints.new", _("Pengaduan baru"))

and passes ``kind="complaints.new"`` to ``notify``. People only ever see the label.
"""

from django.utils.translation import gettext_lazy as _

_LABELS: dict[str, object] = {}
OTHER_LABEL = _("Notifikasi lain")


def kind_register(key: str, label) -> None:
    _LABELS[key] = label


def kind_label(key: str):
    return _LABELS.get(key, OTHER_LABEL)
