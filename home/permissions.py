"""The Kominfo editors build the public site: page, document and image permissions for their role.

Runs after every migrate (idempotent). Page permissions sit on the tree's root so editors
can work under every site; collection permissions on the root collection.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from organizations.roles import GlobalRole, grant_role_permissions

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("home", "add_sepakatdocument"),
    ("home", "change_sepakatdocument"),
    ("home", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]


def grant_editor_permissions() -> None:
    grant_role_permissions(GlobalRole.KOMINFO_EDITOR, ["wagtailadmin.access_admin"])
    group = Group.objects.filter(name=str(GlobalRole.KOMINFO_EDITOR)).first()
    if group is None:
        return
    root = Page.get_first_root_node()
    if root is not None:
        for perm in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS):
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=perm)
    collection = Collection.get_first_root_node()
    if collection is not None:
        wanted = set(COLLECTION_PERMISSIONS)
        perms = Permission.objects.filter(content_type__app_label__in={a for a, _c in wanted}).select_related(
            "content_type"
        )
        for perm in perms:
            if (perm.content_type.app_label, perm.codename) in wanted:
                GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=perm)
