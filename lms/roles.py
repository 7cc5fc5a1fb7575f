"""The four roles as Django groups, with the Wagtail permissions each needs."""

import swapper
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    WorkflowTask,
)

from courses.models import PeerApprovalTask

LEARNERS = "Learners"
TRAINERS = "Trainers"
PROGRAMME_MANAGERS = "Programme managers"
MENTORS = "Mentors"
ROLES = (LEARNERS, TRAINERS, PROGRAMME_MANAGERS, MENTORS)

# Trainers author the whole curriculum: pages, snippets, images and documents.
TRAINER_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
)
TRAINER_MODEL_PERMISSIONS = {
    "courses": ("competency", "glossaryterm", "stretchtemplate"),
}
TRAINER_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
ADMIN_ROLES = (TRAINERS, PROGRAMME_MANAGERS, MENTORS)
# Programme managers run their own cohorts; views check each cohort's managers too.
MANAGER_PERMISSIONS = (
    "view_cohort",
    "add_cohort",
    "change_cohort",
    "view_enrolment",
    "add_enrolment",
    "change_enrolment",
    "view_stretchassignment",
    "add_stretchassignment",
    "change_stretchassignment",
)


# Mentors review and keep coaching notes; views also check each object's mentor.
# The admin menu tests `add_review`, which reads the permission cache Wagtail
# has already filled, so showing the Mentoring item costs no query.
MENTOR_PERMISSIONS = (
    "add_review",
    "view_coachingnote",
    "add_coachingnote",
    "change_coachingnote",
)


def ensure_roles():
    """Create the groups and grant their permissions; safe to run again."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name in ADMIN_ROLES:
        groups[name].permissions.add(access_admin)
    _grant_trainer_permissions(groups[TRAINERS])
    groups[PROGRAMME_MANAGERS].permissions.add(
        *Permission.objects.filter(
            content_type__app_label="lms", codename__in=MANAGER_PERMISSIONS
        )
    )
    groups[MENTORS].permissions.add(
        *Permission.objects.filter(
            content_type__app_label="lms", codename__in=MENTOR_PERMISSIONS
        )
    )
    _require_a_second_approver(groups[TRAINERS])
    return groups


def _require_a_second_approver(trainers):
    """Trainers review each other's modules: every active workflow's plain group
    approval becomes a peer approval, in which nobody approves their own page."""
    for task in GroupApprovalTask.objects.filter(active=True):
        peer, _created = PeerApprovalTask.objects.get_or_create(
            name=f"{task.name} (by someone else)"[:255]
        )
        peer.groups.add(*task.groups.all(), trainers)
        WorkflowTask.objects.filter(task=task).update(task=peer)
        task.active = False
        task.save(update_fields=["active"])
    for peer in PeerApprovalTask.objects.filter(active=True):
        peer.groups.add(trainers)


def _grant_trainer_permissions(group):
    for app_label, models in TRAINER_MODEL_PERMISSIONS.items():
        codenames = [
            f"{action}_{m}"
            for m in models
            for action in ("add", "change", "delete", "view")
        ]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )
    page_type = ContentType.objects.get_for_model(
        swapper.load_model("wagtailcore", "Page")
    )
    root_page = swapper.load_model("wagtailcore", "Page").get_first_root_node()
    root_collection = Collection.get_first_root_node()
    if root_page is None or root_collection is None:
        return  # a flushed database (transactional tests) has no tree yet
    for codename in TRAINER_PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type=page_type, codename=codename)
        GroupPagePermission.objects.get_or_create(
            group=group, page=root_page, permission=permission
        )
    for app_label, codename in TRAINER_COLLECTION_PERMISSIONS:
        permission = Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        )
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root_collection, permission=permission
        )


def has_role(user, role):
    return user.is_authenticated and user.groups.filter(name=role).exists()
