"""The reporter's door (no login): find a complaint by tracking code + secret (sent in the
body, never in the URL) and act on it: view, add information, rate, reopen, confirm."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from api.parsers import ObjectJSONParser
from audit.actors import Door
from complaints import actions, exposure, ratelimit
from complaints.selectors import complaint_track

from .complaint_shared import PublicView, client_of


class ComplaintTrackSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=30)
    secret = serializers.CharField(max_length=40)


class TrackView(PublicView):
    """POST {code, secret} → the reporter's view. Wrong pairs all answer the same 404."""

    parser_classes = [ObjectJSONParser, MultiPartParser, FormParser]
    action = "view"

    def post(self, request):
        s = ComplaintTrackSerializer(data=request.data)
        s.is_valid(raise_exception=True)

        ratelimit.enforce(
            scope="complaint-track",
            client=client_of(request),
            limit=60,
            window=600,
            message=_("Terlalu banyak percobaan pelacakan dari perangkat ini."),
        )
        c = complaint_track(code=s.validated_data["code"], secret=s.validated_data["secret"])
        if c is None:
            raise Http404
        self.run(request, c)
        c = complaint_track(code=s.validated_data["code"], secret=s.validated_data["secret"])
        return Response(exposure.reporter_dict(c))

    def run(self, request, complaint) -> None:
        if self.action == "view":
            return
        data = request.data
        files = request.FILES.getlist("attachments") if hasattr(request, "FILES") else []
        uploads = data.getlist("uploads") if hasattr(data, "getlist") else data.get("uploads") or []
        actions.run_reporter_action(
            name=self.action,
            complaint=complaint,
            door=Door.REST,
            data=data,
            files=files,
            uploads=uploads if isinstance(uploads, list) else [uploads],
        )


def track_action_view(action: str):
    """The view for one reporter action, with its own OpenAPI operation id."""

    @extend_schema(
        operation_id=f"complaints_track_{action}", request=ComplaintTrackSerializer, responses=OpenApiTypes.OBJECT
    )
    def post(self, request):
        return TrackView.post(self, request)

    return type(f"Track{action.title()}View", (TrackView,), {"action": action, "post": post}).as_view()
