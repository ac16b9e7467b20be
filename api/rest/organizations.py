"""REST door for organizations: token login, ``me`` and the OPD list/detail.

Thin: lists and details come from ``organizations.selectors`` (visibility and joins there).
"""

from django.contrib.auth import authenticate
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from api.filtersets.organizations import OPDFilter
from organizations.models import OPD, MembershipRole
from organizations.roles import GlobalRole
from organizations.selectors import opd_list, user_global_roles, user_memberships, visible_opds

# --- Serializers ------------------------------------------------------------------------


class OPDRefSerializer(serializers.ModelSerializer):
    """Public identity of an OPD (used for parents and memberships)."""

    class Meta:
        model = OPD
        fields = ["id", "name", "acronym", "kind"]


class OPDSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    parent = OPDRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = OPD
        fields = [
            "id",
            "name",
            "acronym",
            "kind",
            "kind_label",
            "parent",
            "region_code",
            "is_active",
            "email",
            "phone",
            "address",
            "website",
        ]


class RoleSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=GlobalRole.choices)
    label = serializers.CharField()


class MembershipSerializer(serializers.Serializer):
    opd = OPDRefSerializer()
    role = serializers.ChoiceField(choices=MembershipRole.choices)
    role_label = serializers.CharField(source="get_role_display")


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField(source="get_full_name")
    email = serializers.EmailField()
    is_superuser = serializers.BooleanField()
    global_roles = RoleSerializer(many=True)
    memberships = MembershipSerializer(many=True)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("nama pengguna"), max_length=150)
    password = serializers.CharField(
        label=_("kata sandi"), max_length=128, write_only=True, trim_whitespace=False, style={"input_type": "password"}
    )

    def validate(self, attrs):
        # The Django request (not DRF's wrapper): django-axes marks it, AxesMiddleware answers the lockout.
        request = self.context.get("request")
        request = getattr(request, "_request", request)
        user = authenticate(request, username=attrs["username"], password=attrs["password"])
        if user is None:
            raise serializers.ValidationError(_("Nama pengguna atau kata sandi salah."), code="authorization")
        attrs["user"] = user
        return attrs


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


# --- Views ------------------------------------------------------------------------------


class TokenLoginView(APIView):
    """Exchange username and password for the API token (``Authorization: Token <token>``)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=TokenRequestSerializer, responses={200: TokenResponseSerializer}, tags=["auth"])
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


def me_data(user) -> dict:
    """The signed-in user with global roles and OPD memberships (two queries)."""
    roles = user_global_roles(user)
    return {
        "id": user.pk,
        "username": user.get_username(),
        "get_full_name": user.get_full_name(),
        "email": user.email,
        "is_superuser": user.is_superuser,
        "global_roles": [{"code": r.value, "label": r.label} for r in GlobalRole if r in roles],
        "memberships": list(user_memberships(user).order_by("opd__name")),
    }


class MeView(APIView):
    """The signed-in user: name, email, global roles and OPD memberships."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: MeSerializer}, tags=["auth"])
    def get(self, request):
        return Response(MeSerializer(me_data(request.user)).data)


class OPDViewSet(viewsets.ReadOnlyModelViewSet):
    """OPDs the user may see: an OPD user sees its OPD and its subtree, Pemda-wide roles all."""

    serializer_class = OPDSerializer
    permission_classes = [IsAuthenticated]
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = OPDFilter
    ordering_fields = ["name", "acronym", "kind"]
    queryset = OPD.objects.none()  # for the schema only; get_queryset goes through the selectors

    def get_queryset(self):
        user = self.request.user
        if self.action == "list":
            return opd_list(user=user, include_inactive="is_active" in self.request.query_params)
        return visible_opds(user).select_related("parent")


router = SimpleRouter()
router.register("opds", OPDViewSet, basename="opd")

urlpatterns: list = [
    path("auth/token/", TokenLoginView.as_view(), name="auth-token"),
    path("me/", MeView.as_view(), name="me"),
]
