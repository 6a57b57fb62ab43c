"""The OpenAPI schema's shared parts: the token scheme, and the problem responses every
operation may give (documented, so that a client generated from the schema knows them and
schemathesis can hold every response to the schema)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

PROBLEM = inline_serializer(
    "Problem",
    {
        "type": serializers.CharField(),
        "title": serializers.CharField(),
        "status": serializers.IntegerField(),
        "detail": serializers.CharField(),
        "code": serializers.CharField(),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()), required=False
        ),
    },
)

ERRORS = {
    400: "The request cannot be read (bad JSON or query parameter).",
    401: "No valid token or session.",
    403: "Refused by a rule (the reason is in `detail`, the kind in `code`).",
    404: "Not found, or not yours to see.",
    405: "Method not allowed.",
    406: "Only JSON is served.",
    409: "A conflict of versions or states.",
    415: "Send JSON.",
    422: "Input that breaks a rule; `errors` names the fields.",
    429: "Too many requests; see Retry-After.",
}


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "exchange.api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token (Account > API tokens): `cse_…`.",
        }


class Schema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, text in ERRORS.items():
            key = str(code)
            if key in responses:
                continue
            responses[key] = self._get_response_for_code(
                OpenApiResponse(PROBLEM, description=text),
                key,
                media_types=["application/problem+json"],
                direction=direction,
            )
        return responses
