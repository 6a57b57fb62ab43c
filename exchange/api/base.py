"""What every endpoint shares: times in UTC, the language of `Accept-Language` (else the
person's own), capped page-number pagination as on the pages, and small helpers that turn
input into the domains' calls."""

import datetime

from django.conf import settings
from django.core.paginator import InvalidPage
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from rest_framework import generics, serializers
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from exchange.core.pagination import CappedPaginator

from .access import SignedIn
from .problems import BadQuery


def header_language(request) -> str | None:
    """The first of en/tr/de that the request's Accept-Language names, if any."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    if not header:
        return None
    supported = dict(settings.LANGUAGES)
    for code, _q in translation.trans_real.parse_accept_lang_header(header):
        base = code.split("-")[0].lower()
        if base in supported:
            return base
    return None


class Conventions:
    def initial(self, request, *args, **kwargs):
        timezone.activate(datetime.UTC)  # every time the API gives is in UTC
        language = header_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        super().initial(request, *args, **kwargs)
        user = request.user
        if not language and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language


class Endpoint(Conventions, APIView):
    """A public endpoint (anyone may read)."""


class MemberEndpoint(Conventions, APIView):
    """An endpoint for a signed-in person (a token or the session)."""

    permission_classes = [SignedIn, *APIView.permission_classes]


class ListEndpoint(Conventions, generics.ListAPIView):
    pass


class MemberListEndpoint(Conventions, generics.ListAPIView):
    permission_classes = [SignedIn, *APIView.permission_classes]


class CappedPagination(BasePagination):
    """?page=N&page_size=M (at most 100) in a stable order; `count` stops at the cap the
    pages use ("more than 1,000 found"), `count_is_capped` says so."""

    page_size = settings.API_PAGE_SIZE
    cap = settings.DIRECTORY_RESULT_CAP

    def paginate_queryset(self, queryset, request, view=None, known_count=None):
        size = _positive(request.query_params.get("page_size"), "page_size", self.page_size)
        size = min(size, settings.API_PAGE_SIZE_MAX)
        number = _positive(request.query_params.get("page"), "page", 1)
        paginator = CappedPaginator(
            queryset, size, cap=self.cap, known_count=getattr(view, "known_count", known_count)
        )
        try:
            self.page = paginator.page(number)  # nothing found: an empty first page
        except InvalidPage:
            raise BadQuery(_("There is no page %(n)s.") % {"n": number}) from None
        self.request = request
        return list(self.page)

    def _link(self, number):
        url = self.request.build_absolute_uri()
        return (
            replace_query_param(url, "page", number)
            if number > 1
            else remove_query_param(url, "page")
        )

    def get_paginated_response(self, data):
        page = self.page
        count = page.paginator.shown_count if page else 0
        return Response(
            {
                "count": count,
                "count_is_capped": bool(page and page.paginator.is_capped),
                "next": self._link(page.next_page_number()) if page and page.has_next() else None,
                "previous": self._link(page.previous_page_number())
                if page and page.has_previous()
                else None,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "count_is_capped", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0},
                "count_is_capped": {"type": "boolean"},
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page",
                "in": "query",
                "required": False,
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "schema": {"type": "integer", "minimum": 1, "maximum": settings.API_PAGE_SIZE_MAX},
            },
        ]


def _positive(raw, name, default) -> int:
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = 0
    if value < 1:
        raise BadQuery(_("%(name)s must be a whole number from 1.") % {"name": name})
    return value


def valid(serializer_class, data, **context):
    """The validated data of `data`, or a 422 problem with per-field messages."""
    serializer = serializer_class(data=data, context=context)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class Translated(serializers.Serializer):
    en = serializers.CharField()
    tr = serializers.CharField()
    de = serializers.CharField()


class Money(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField(min_length=3, max_length=3)
