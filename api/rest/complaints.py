"""REST door for complaints under /api/v1/complaints/: thin views over complaints.services/selectors.

Public (no login): submit (``Idempotency-Key`` supported), public list/detail, "me too"
(``complaint_public``), uploads ahead of a submission (``complaint_uploads``), and the
reporter's actions by tracking code + secret, sent in the body, never in the URL
(``complaint_tracking``). Staff (login): list/filter, detail, the workflow actions and
attachment downloads (``complaint_staff``). What each audience sees is decided in
``complaints.exposure``. This module only assembles the URLs (ADR 0002).
"""

from django.urls import path
from rest_framework.routers import SimpleRouter

from api.pagination import CappedPaginator
from complaints.models import RejectReason

from .complaint_lookups import LookupAreasView, LookupCategoriesView, LookupOpdsView
from .complaint_public import (
    ComplaintSubmitSerializer,
    ComplaintSubmitView,
    PublicDetailView,
    PublicListView,
    SupportView,
    submit_response,
)
from .complaint_renaksi import RenaksiPlanDetailView, RenaksiPlanListView
from .complaint_shared import ComplaintPagination, HashedAnonThrottle, PublicView, client_of
from .complaint_staff import (
    AttachmentView,
    ComplaintActionSerializer,
    ComplaintStaffFilterSerializer,
    StaffActionView,
    StaffDetailView,
    StaffListView,
)
from .complaint_tracking import ComplaintTrackSerializer, TrackView, track_action_view
from .complaint_uploads import ComplaintUploadView

router = SimpleRouter()

urlpatterns = [
    path("complaints/", ComplaintSubmitView.as_view(), name="complaint-submit"),
    path("complaints/uploads/", ComplaintUploadView.as_view(), name="complaint-upload"),
    path("complaints/public/", PublicListView.as_view(), name="complaint-public-list"),
    path("complaints/public/<str:code>/", PublicDetailView.as_view(), name="complaint-public-detail"),
    path("complaints/public/<str:code>/support/", SupportView.as_view(), name="complaint-support"),
    path("complaints/track/", track_action_view("view"), name="complaint-track"),
    path("complaints/track/information/", track_action_view("information"), name="complaint-track-information"),
    path("complaints/track/rate/", track_action_view("rate"), name="complaint-track-rate"),
    path("complaints/track/reopen/", track_action_view("reopen"), name="complaint-track-reopen"),
    path("complaints/track/confirm/", track_action_view("confirm"), name="complaint-track-confirm"),
    path("complaints/staff/", StaffListView.as_view(), name="complaint-staff-list"),
    path("complaints/staff/<int:pk>/", StaffDetailView.as_view(), name="complaint-staff-detail"),
    path("complaints/staff/<int:pk>/<str:action>/", StaffActionView.as_view(), name="complaint-staff-action"),
    path("complaints/attachments/<uuid:uuid>/", AttachmentView.as_view(), name="complaint-attachment"),
    path("complaints/lookups/opds/", LookupOpdsView.as_view(), name="complaint-lookup-opds"),
    path("complaints/lookups/areas/", LookupAreasView.as_view(), name="complaint-lookup-areas"),
    path("complaints/lookups/categories/", LookupCategoriesView.as_view(), name="complaint-lookup-categories"),
    path("renaksi/plans/", RenaksiPlanListView.as_view(), name="renaksi-plans"),
    path("renaksi/plans/<int:pk>/", RenaksiPlanDetailView.as_view(), name="renaksi-plan"),
]

# Names that lived here before the split stay importable from this module (tests, bench).
__all__ = [
    "AttachmentView",
    "CappedPaginator",
    "ComplaintActionSerializer",
    "ComplaintPagination",
    "ComplaintStaffFilterSerializer",
    "ComplaintSubmitSerializer",
    "ComplaintSubmitView",
    "ComplaintTrackSerializer",
    "ComplaintUploadView",
    "HashedAnonThrottle",
    "PublicDetailView",
    "PublicListView",
    "PublicView",
    "RejectReason",
    "StaffActionView",
    "StaffDetailView",
    "StaffListView",
    "SupportView",
    "TrackView",
    "client_of",
    "router",
    "submit_response",
    "urlpatterns",
]
