"""``instance.history`` reuses one manager class per model (simple-history's own descriptor builds a
new class, with ``inspect.getmembers`` over the queryset, on every access: once per tracked save)."""

import pytest
from django.apps import apps

from complaints.models import Category

TRACKED = [m for m in apps.get_models() if hasattr(m._meta, "simple_history_manager_attribute")]


@pytest.mark.parametrize("model", TRACKED, ids=lambda m: m._meta.label)
def test_every_tracked_model_reuses_its_history_manager_class(model):
    name = model._meta.simple_history_manager_attribute
    assert type(getattr(model, name)) is type(getattr(model, name))


@pytest.mark.django_db
def test_the_manager_still_reads_the_instance_history():
    category = Category.objects.create(slug="air-bersih", name="Air bersih")
    category.name = "Air minum"
    category.save()
    other = Category.objects.create(slug="jalan", name="Jalan")
    assert [h.name for h in category.history.order_by("history_id")] == ["Air bersih", "Air minum"]
    assert other.history.count() == 1
    assert Category.history.count() == 3
