"""Me (profile, languages, zone, notices) and the organisations I belong to (profile,
members, invitations)."""

import zoneinfo

from django.conf import settings
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from exchange.accounts.models import User
from exchange.accounts.services import has_two_factor
from exchange.core.languages import WORKING_LANGUAGES
from exchange.core.permissions import require
from exchange.core.zones import zone_named
from exchange.notifications import services as notification_services
from exchange.notifications.models import Channel
from exchange.notifications.notices import KINDS
from exchange.organisations import permissions as organisation_permissions
from exchange.organisations import selectors as organisation_selectors
from exchange.organisations import services as organisation_services
from exchange.organisations.models import Membership, Organisation
from exchange.organisations.services import ProfileLists, Statement

from . import choices
from .base import MemberEndpoint, MemberListEndpoint, valid
from .public import OrganisationOut


def pk_or_404(value: int) -> int:
    if not 0 < value < 2**63:
        raise Http404
    return value


# --- Me -----------------------------------------------------------------------------------


class MeOut(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    display_name = serializers.CharField(allow_blank=True)
    language = serializers.ChoiceField(
        choices=[("", "")] + [c for c, _ in settings.LANGUAGES], allow_blank=True
    )
    timezone = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    two_factor = serializers.BooleanField()


class MeIn(serializers.Serializer):
    display_name = serializers.CharField(max_length=120, allow_blank=True, required=False)
    language = serializers.ChoiceField(
        choices=[""] + [c for c, _ in settings.LANGUAGES], allow_blank=True, required=False
    )
    timezone = serializers.CharField(max_length=64, required=False)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=[c for c, _ in WORKING_LANGUAGES]),
        required=False,
        max_length=len(WORKING_LANGUAGES),
    )

    def validate_timezone(self, value):
        if zone_named(value) is None or value not in zoneinfo.available_timezones():
            raise serializers.ValidationError("Europe/Istanbul, Europe/Berlin, …")
        return value


def me_data(user) -> dict:
    return {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "language": user.language,
        "timezone": user.timezone,
        "languages": user.languages,
        "two_factor": has_two_factor(user),
    }


class Me(MemberEndpoint):
    """The signed-in person: name, interface language, time zone, languages spoken."""

    @extend_schema(responses=MeOut)
    def get(self, request):
        return Response(me_data(request.user))

    @extend_schema(request=MeIn, responses=MeOut)
    def patch(self, request):
        data = valid(MeIn, request.data)
        user = request.user
        for name, value in data.items():
            setattr(user, name, value)
        User.objects.filter(pk=user.pk).update(**data)
        return Response(me_data(user))


class PreferenceItem(serializers.Serializer):
    kind = serializers.ChoiceField(choices=list(KINDS))
    label = serializers.CharField(read_only=True)
    channel = serializers.ChoiceField(choices=Channel.choices)


class Preferences(MemberEndpoint):
    """How each kind of notice reaches me: in the site, by e-mail, in the daily digest…"""

    def _out(self, user):
        chosen = notification_services.preferences_of(user)
        return [{"kind": k, "label": str(KINDS[k].label), "channel": c} for k, c in chosen.items()]

    @extend_schema(responses=PreferenceItem(many=True))
    def get(self, request):
        return Response(self._out(request.user))

    @extend_schema(request=PreferenceItem(many=True), responses=PreferenceItem(many=True))
    def put(self, request):
        serializer = PreferenceItem(data=request.data, many=True)
        serializer.is_valid(raise_exception=True)
        notification_services.set_preferences(
            user=request.user, choices={i["kind"]: i["channel"] for i in serializer.validated_data}
        )
        return Response(self._out(request.user))


# --- My organisations -----------------------------------------------------------------------


class MembershipOut(serializers.Serializer):
    organisation = serializers.CharField(source="organisation.slug")
    name = serializers.CharField(source="organisation.name")
    role = serializers.ChoiceField(choices=Membership.Role.choices)


class MyOrganisations(MemberListEndpoint):
    """The organisations I belong to, with my role in each."""

    serializer_class = MembershipOut
    pagination_class = None

    def get_queryset(self):
        return organisation_selectors.list_memberships_of_user(self.request.user)


class StatementIn(serializers.Serializer):
    area = serializers.ChoiceField(choices=[""] + choices.AREAS, allow_blank=True, required=False)
    text = serializers.CharField(allow_blank=True, required=False, max_length=2000)


class OrganisationIn(serializers.Serializer):
    """A profile's fields; a PATCH sends only what changes. Lists replace the whole list."""

    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=Organisation.Kind.choices)
    country = serializers.ChoiceField(choices=[])
    city = serializers.CharField(max_length=120)
    founded = serializers.IntegerField(min_value=1800, max_value=2100, allow_null=True)
    staff_count = serializers.IntegerField(min_value=0, max_value=10**6, allow_null=True)
    volunteer_count = serializers.IntegerField(min_value=0, max_value=10**7, allow_null=True)
    website = serializers.URLField(allow_blank=True, max_length=200)
    description = serializers.CharField(allow_blank=True, max_length=5000)
    contact_email = serializers.EmailField(allow_blank=True)
    contact_phone = serializers.CharField(allow_blank=True, max_length=40)
    hosts_visits = serializers.BooleanField()
    matching_opt_out = serializers.BooleanField()
    visibility = serializers.ChoiceField(choices=Organisation.Visibility.choices)
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=choices.WORKING_LANGUAGES), max_length=40
    )
    thematic_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=choices.FIELDS), max_length=40
    )
    needs = StatementIn(many=True, max_length=20)
    offers = StatementIn(many=True, max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = choices.COUNTRIES


LIST_FIELDS = ("languages", "thematic_fields", "needs", "offers")


class OrganisationProfile(MemberEndpoint):
    """Change a profile (its administrators)."""

    @extend_schema(request=OrganisationIn(partial=True), responses=OrganisationOut)
    def patch(self, request, slug):
        organisation = organisation_selectors.get_organisation_for_user(request.user, slug, "edit")
        serializer = OrganisationIn(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        lists = organisation_services.lists_of(organisation)
        changed = ProfileLists(
            languages=data.pop("languages", lists.languages),
            fields=data.pop("thematic_fields", lists.fields),
            needs=[Statement(s.get("area", ""), s.get("text", "")) for s in data.pop("needs")]
            if "needs" in data
            else lists.needs,
            offers=[Statement(s.get("area", ""), s.get("text", "")) for s in data.pop("offers")]
            if "offers" in data
            else lists.offers,
        )
        for name, value in data.items():
            setattr(organisation, name, value)
        organisation_services.update_organisation(
            by=request.user, organisation=organisation, lists=changed
        )
        fresh = organisation_selectors.get_organisation_for_user(request.user, organisation.slug)
        return Response(OrganisationOut(fresh, context={"request": request}).data)


class MemberOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="user.name")
    email = serializers.EmailField(source="user.email")
    role = serializers.ChoiceField(choices=Membership.Role.choices)
    since = serializers.DateTimeField(source="created_at")


class Members(MemberListEndpoint):
    """The organisation's people (its members see them)."""

    serializer_class = MemberOut
    pagination_class = None

    def get_queryset(self):
        organisation = organisation_selectors.get_organisation_for_user(
            self.request.user, self.kwargs["slug"], "view_private"
        )
        return organisation_selectors.list_members(organisation)


class RoleIn(serializers.Serializer):
    role = serializers.ChoiceField(choices=Membership.Role.choices)


class Member(MemberEndpoint):
    """Change a member's role, or remove them (administrators)."""

    def _membership(self, request, slug, pk):
        organisation = organisation_selectors.get_organisation_for_user(
            request.user, slug, "manage_members"
        )
        return organisation_selectors.get_membership(organisation, pk_or_404(pk))

    @extend_schema(request=RoleIn, responses=MemberOut)
    def patch(self, request, slug, pk):
        membership = self._membership(request, slug, pk)
        data = valid(RoleIn, request.data)
        organisation_services.change_role(membership=membership, role=data["role"], by=request.user)
        return Response(MemberOut(membership).data)

    @extend_schema(responses={204: None})
    def delete(self, request, slug, pk):
        membership = self._membership(request, slug, pk)
        organisation_services.remove_member(membership=membership, by=request.user)
        return Response(status=204)


class MemberInvitationOut(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=Membership.Role.choices)
    status = serializers.CharField()
    expires_at = serializers.DateTimeField()


class MemberInvitationIn(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    role = serializers.ChoiceField(choices=Membership.Role.choices, default=Membership.Role.MEMBER)


class MemberInvitations(MemberEndpoint):
    """Open invitations to join the organisation; invite someone by e-mail (administrators)."""

    def _organisation(self, request, slug):
        organisation = organisation_selectors.get_organisation_for_user(
            request.user, slug, "view_private"
        )
        require(organisation_permissions.can_manage_members(request.user, organisation))
        return organisation

    @extend_schema(responses=MemberInvitationOut(many=True))
    def get(self, request, slug):
        organisation = self._organisation(request, slug)
        invitations = organisation_selectors.list_open_invitations(organisation)
        return Response(MemberInvitationOut(invitations, many=True).data)

    @extend_schema(request=MemberInvitationIn, responses={201: MemberInvitationOut})
    def post(self, request, slug):
        organisation = self._organisation(request, slug)
        data = valid(MemberInvitationIn, request.data)
        invitation = organisation_services.invite_member(
            organisation=organisation, by=request.user, **data
        )
        return Response(MemberInvitationOut(invitation).data, status=201)


class MemberInvitation(MemberEndpoint):
    @extend_schema(responses={204: None})
    def delete(self, request, slug, pk):
        organisation = organisation_selectors.get_organisation_for_user(
            request.user, slug, "manage_members"
        )
        invitation = organisation_selectors.get_invitation(organisation, pk_or_404(pk))
        organisation_services.revoke_invitation(invitation=invitation, by=request.user)
        return Response(status=204)
