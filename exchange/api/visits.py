"""A partnership's visits, their travellers and the visa invitation letters, through the
same services, selectors and rules as the pages. A passport number can be written, never
read: no response carries it (`has_passport_number` says whether one is on file)."""

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from exchange.core.permissions import require
from exchange.organisations.models import Organisation
from exchange.partnerships import permissions as partnership_permissions
from exchange.partnerships import selectors as partnership_selectors
from exchange.partnerships.visits import pdf, permissions, selectors, services
from exchange.partnerships.visits.models import PROGRAMME, TEXT, InvitationLetter, Visit
from exchange.partnerships.visits.workflows import VISIT

from .base import MemberEndpoint, valid
from .choices import LETTER_LANGUAGES
from .people import pk_or_404
from .problems import problem
from .schema import PROBLEM

V = Visit.Status


def _country(value: str) -> str:
    code = (value or "").upper()
    if code and code not in countries:
        raise serializers.ValidationError(_("Not a country code (ISO 3166, such as DE)."))
    return code


def _member(partnership, slug: str) -> Organisation:
    for member in partnership.members.all():
        if member.organisation.slug == slug:
            return member.organisation
    raise serializers.ValidationError(_("Choose one of the partnership's organisations."))


def _partnership(request, pk):
    return partnership_selectors.get_partnership(request.user, pk_or_404(pk))


def _visit(request, pk, visit_pk):
    partnership = _partnership(request, pk)
    return selectors.get_visit(request.user, partnership, pk_or_404(visit_pk))


def _partial(serializer_class, request, **context):
    serializer = serializer_class(data=request.data, partial=True, context=context)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


# --- Visits ---------------------------------------------------------------------------------


class VisitOut(serializers.Serializer):
    id = serializers.IntegerField()
    partnership = serializers.IntegerField(source="partnership_id")
    host = serializers.CharField(source="host.slug", help_text="The host organisation's slug.")
    host_name = serializers.CharField(source="host.name")
    mode = serializers.ChoiceField(choices=Visit.Mode.choices)
    status = serializers.ChoiceField(choices=V.choices)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    from_city = serializers.CharField(allow_blank=True)
    from_country = serializers.CharField(source="from_country.code", allow_blank=True, default="")
    purpose = serializers.CharField()
    programme = serializers.CharField(allow_blank=True)
    travellers = serializers.SerializerMethodField()
    permitted = serializers.SerializerMethodField(
        help_text="The statuses you may move the visit to now."
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_travellers(self, visit) -> int:
        count = getattr(visit, "traveller_count", None)
        return visit.travellers.count() if count is None else count

    def get_permitted(self, visit) -> list[str]:
        return VISIT.permitted(visit, by=self.context["user"])


class VisitIn(serializers.Serializer):
    host = serializers.CharField(help_text="The slug of one of the partnership's organisations.")
    mode = serializers.ChoiceField(choices=Visit.Mode.choices, default=Visit.Mode.PHYSICAL)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    from_city = serializers.CharField(max_length=120, allow_blank=True, default="")
    from_country = serializers.CharField(max_length=2, allow_blank=True, default="")
    purpose = serializers.CharField(max_length=300)
    programme = serializers.CharField(max_length=PROGRAMME, allow_blank=True, default="")

    def validate_from_country(self, value):
        return _country(value)

    def validate_host(self, value):
        return _member(self.context["partnership"], value)

    def validate(self, data):
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            raise serializers.ValidationError(
                {"ends_on": _("A visit cannot end before it starts.")}
            )
        return data


def _visit_out(visit, user):
    return VisitOut(visit, context={"user": user}).data


class Visits(MemberEndpoint):
    """The partnership's visits (its people and the programme's staff); plan one (its
    people)."""

    @extend_schema(responses=VisitOut(many=True))
    def get(self, request, pk):
        partnership = _partnership(request, pk)
        visits = list(selectors.visits_of(partnership))
        for visit in visits:
            visit.partnership = partnership
        return Response(VisitOut(visits, many=True, context={"user": request.user}).data)

    @extend_schema(request=VisitIn, responses={201: VisitOut})
    def post(self, request, pk):
        partnership = _partnership(request, pk)
        require(permissions.can_plan(request.user, partnership))
        data = valid(VisitIn, request.data, partnership=partnership)
        visit = services.plan_visit(partnership=partnership, by=request.user, **data)
        return Response(_visit_out(visit, request.user), status=201)


class VisitDetail(MemberEndpoint):
    """One visit; change it while it is only planned (its partnership's people)."""

    @extend_schema(responses=VisitOut)
    def get(self, request, pk, visit_pk):
        return Response(_visit_out(_visit(request, pk, visit_pk), request.user))

    @extend_schema(request=VisitIn, responses=VisitOut)
    def patch(self, request, pk, visit_pk):
        visit = _visit(request, pk, visit_pk)
        partnership = visit.partnership
        require(permissions.can_change(request.user, visit))
        data = _partial(VisitIn, request, partnership=partnership)
        visit = services.edit_visit(visit=visit, by=request.user, **data)
        visit.partnership = partnership
        return Response(_visit_out(visit, request.user))


class VisitStatusIn(serializers.Serializer):
    to = serializers.ChoiceField(choices=V.choices)
    reason = serializers.CharField(max_length=2000, allow_blank=True, default="")


class VisitStatus(MemberEndpoint):
    """Move the visit: the host's admins confirm (or withdraw the confirmation); its people
    cancel it or mark it done. A move the workflow does not have is a 409."""

    @extend_schema(request=VisitStatusIn, responses=VisitOut)
    def post(self, request, pk, visit_pk):
        visit = _visit(request, pk, visit_pk)
        require(partnership_permissions.can_work(request.user, visit.partnership))
        data = valid(VisitStatusIn, request.data)
        services.move_visit(visit=visit, to=data["to"], by=request.user, reason=data["reason"])
        return Response(_visit_out(visit, request.user))


# --- Travellers -----------------------------------------------------------------------------


class TravellerOut(serializers.Serializer):
    id = serializers.IntegerField()
    visit = serializers.IntegerField(source="visit_id")
    name = serializers.CharField(allow_blank=True)
    organisation = serializers.CharField(source="organisation.slug")
    needs_visa = serializers.BooleanField()
    nationality = serializers.CharField(source="nationality.code", allow_blank=True, default="")
    has_passport_number = serializers.BooleanField(
        help_text="A passport number is on file (it is never returned)."
    )
    accessibility_needs = serializers.CharField(allow_blank=True)
    other_needs = serializers.CharField(allow_blank=True)
    costs_covered = serializers.CharField(allow_blank=True)


class TravellerIn(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    organisation = serializers.CharField(
        help_text="The slug of one of the partnership's organisations."
    )
    email = serializers.EmailField(allow_blank=True, required=False)
    needs_visa = serializers.BooleanField(default=False)
    nationality = serializers.CharField(max_length=2, allow_blank=True, default="")
    date_of_birth = serializers.DateField(allow_null=True, default=None)
    passport_number = serializers.CharField(
        max_length=40,
        allow_blank=True,
        default="",
        write_only=True,
        help_text="Write only, stored encrypted; empty keeps the number on file.",
    )
    forget_passport = serializers.BooleanField(
        default=False, write_only=True, help_text="Delete the passport number on file."
    )
    accessibility_needs = serializers.CharField(max_length=TEXT, allow_blank=True, default="")
    other_needs = serializers.CharField(max_length=TEXT, allow_blank=True, default="")
    costs_covered = serializers.CharField(max_length=TEXT, allow_blank=True, default="")

    def validate_organisation(self, value):
        return _member(self.context["partnership"], value)

    def validate_nationality(self, value):
        return _country(value)

    def validate_passport_number(self, value):
        return value.strip().replace(" ", "")


class Travellers(MemberEndpoint):
    """Who travels on the visit, with their needs; add one (the partnership's people)."""

    @extend_schema(responses=TravellerOut(many=True))
    def get(self, request, pk, visit_pk):
        visit = _visit(request, pk, visit_pk)
        return Response(TravellerOut(selectors.travellers_of(visit), many=True).data)

    @extend_schema(request=TravellerIn, responses={201: TravellerOut})
    def post(self, request, pk, visit_pk):
        visit = _visit(request, pk, visit_pk)
        require(permissions.can_change_travellers(request.user, visit))
        data = valid(TravellerIn, request.data, partnership=visit.partnership)
        data.pop("forget_passport", None)
        traveller = services.add_traveller(visit=visit, by=request.user, **data)
        return Response(TravellerOut(traveller).data, status=201)


class TravellerDetail(MemberEndpoint):
    @extend_schema(responses=TravellerOut)
    def get(self, request, pk, visit_pk, traveller_pk):
        visit = _visit(request, pk, visit_pk)
        return Response(TravellerOut(selectors.get_traveller(visit, pk_or_404(traveller_pk))).data)

    @extend_schema(request=TravellerIn, responses=TravellerOut)
    def patch(self, request, pk, visit_pk, traveller_pk):
        visit = _visit(request, pk, visit_pk)
        traveller = selectors.get_traveller(visit, pk_or_404(traveller_pk))
        require(permissions.can_change_travellers(request.user, visit))
        data = _partial(TravellerIn, request, partnership=visit.partnership)
        traveller = services.edit_traveller(traveller=traveller, by=request.user, **data)
        return Response(TravellerOut(traveller).data)


# --- Letters --------------------------------------------------------------------------------


class LetterOut(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    visit = serializers.IntegerField(source="visit_id")
    traveller = serializers.IntegerField(source="traveller_id")
    traveller_name = serializers.CharField(source="traveller.name", allow_blank=True)
    language = serializers.CharField()
    status = serializers.ChoiceField(
        choices=[c for c in InvitationLetter.Status.choices if c[0] != "draft"]
    )
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    signatory_name = serializers.CharField()
    signatory_role = serializers.CharField()
    costs_covered = serializers.CharField()
    issued_at = serializers.DateTimeField()
    revoked_at = serializers.DateTimeField(allow_null=True)
    revoked_reason = serializers.CharField(allow_blank=True)
    verification_url = serializers.SerializerMethodField(
        help_text="The public page the letter's QR code opens."
    )

    def get_verification_url(self, letter) -> str:
        return services.verification_url(letter)


class LetterIn(serializers.Serializer):
    traveller = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    language = serializers.ChoiceField(choices=LETTER_LANGUAGES)
    host_address = serializers.CharField(max_length=500)
    signatory_name = serializers.CharField(max_length=200)
    signatory_role = serializers.CharField(max_length=200)
    costs_covered = serializers.CharField(max_length=1000)

    def validate_traveller(self, value):
        traveller = self.context["visit"].travellers.filter(pk=value).first()
        if traveller is None:
            raise serializers.ValidationError(_("Choose one of this visit's travellers."))
        traveller.visit = self.context["visit"]
        return traveller


class Letters(MemberEndpoint):
    """The visit's invitation letters; issue one (the host's admins and the programme's
    staff)."""

    @extend_schema(responses=LetterOut(many=True))
    def get(self, request, pk, visit_pk):
        visit = _visit(request, pk, visit_pk)
        require(permissions.can_handle_letters(request.user, visit))
        return Response(LetterOut(selectors.letters_of(visit), many=True).data)

    @extend_schema(request=LetterIn, responses={201: LetterOut})
    def post(self, request, pk, visit_pk):
        visit = _visit(request, pk, visit_pk)
        require(permissions.can_issue_letter(request.user, visit))
        data = valid(LetterIn, request.data, visit=visit)
        letter = services.issue_letter(visit=visit, by=request.user, **data)
        return Response(LetterOut(letter).data, status=201)


class LetterPdf(MemberEndpoint):
    """The letter as a PDF (the host's admins and the programme's staff), in the letter's
    language or `?language=` (English, or the host country's language where there is one)."""

    @extend_schema(
        parameters=[OpenApiParameter("language", str, enum=list(services.LANGUAGE_NAMES))],
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (503, "application/problem+json"): PROBLEM,
        },
    )
    def get(self, request, pk, visit_pk, letter_pk):
        visit = _visit(request, pk, visit_pk)
        letter = selectors.get_letter(request.user, visit, pk_or_404(letter_pk))
        language = request.query_params.get("language") or letter.language
        document = pdf.render(letter, language)
        if document is None:
            return problem(503, "unavailable", _("PDF export is not available on this server."))
        response = HttpResponse(document, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{letter.number}.pdf"'
        response["Cache-Control"] = "no-store"
        return response


class RevokeIn(serializers.Serializer):
    reason = serializers.CharField(max_length=TEXT)


class LetterRevoke(MemberEndpoint):
    """Revoke a letter: its verification page then says it is no longer valid."""

    @extend_schema(request=RevokeIn, responses=LetterOut)
    def post(self, request, pk, visit_pk, letter_pk):
        visit = _visit(request, pk, visit_pk)
        letter = selectors.get_letter(request.user, visit, pk_or_404(letter_pk))
        data = valid(RevokeIn, request.data)
        services.revoke_letter(letter=letter, by=request.user, reason=data["reason"])
        return Response(LetterOut(letter).data)
