"""The OpenAPI schema is generated from the code, is valid OpenAPI 3, documents every
endpoint with its problems, and its documentation works offline (vendored assets)."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from openapi_spec_validator import validate

from .test_api_authorization import TABLE, api_url_names

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return response.json()


def test_the_schema_is_valid_openapi_3(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")


def test_every_operation_has_a_unique_id_and_documents_its_problems(schema):
    ids = []
    for path, operations in schema["paths"].items():
        assert path.startswith("/api/v1/")
        for method, operation in operations.items():
            ids.append(operation["operationId"])
            for status in ("401", "404", "422", "429"):
                content = operation["responses"][status]["content"]
                assert list(content) == ["application/problem+json"], (method, path, status)
    assert len(ids) == len(set(ids)) and len(ids) >= 50


def test_every_endpoint_of_the_table_is_in_the_schema(schema):
    documented = {re.sub(r"\{[^}]+\}", "{}", path) for path in schema["paths"]}
    undocumented = {"api:schema", "api:docs", "api:not-found"}
    assert set(api_url_names()) - undocumented <= {k.split(" (")[0] for k in TABLE}
    assert len(documented) == len(set(api_url_names())) - len(undocumented)


def test_the_documentation_is_served_from_our_own_static_files():
    page = Client().get("/api/v1/docs/")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and not [s for s in sources if s.startswith(("http:", "https:", "//"))]
    for source in sources:
        if source.startswith("/static/"):
            assert finders.find(source.removeprefix("/static/")), source
