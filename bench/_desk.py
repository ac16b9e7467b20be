"""What the submission benchmarks share: a Pemda, a category and the complaint desk's accounts."""

import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from complaints.models import Category
from organizations.models import Pemda
from organizations.roles import GlobalRole, ensure_role_groups

#: Desk accounts told of every new complaint (a Pemda's complaint desk has a few).
DESK_USERS = int(os.environ.get("BENCH_DESK_USERS", "3"))


def desk_and_category(slug: str) -> Category:
    """The category ``slug`` (made if missing) and ``DESK_USERS`` desk accounts, in a Pemda."""
    ensure_role_groups()
    if not Pemda.objects.exists():
        Pemda.objects.create(name="Pemkab Bench", kind="kabupaten", region_code="65.03")
    category = Category.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").capitalize()})[0]
    desk = Group.objects.get(name=str(GlobalRole.COMPLAINT_DESK))
    for n in range(DESK_USERS):
        user = get_user_model().objects.get_or_create(username=f"bench.meja{n}", defaults={"email": f"m{n}@x.test"})[0]
        user.groups.add(desk)
    return category
