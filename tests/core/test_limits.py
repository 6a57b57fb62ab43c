"""Every text has an end, and text carries no hidden characters: the form, the service and
the import refuse what is too long with a clear message; NUL bytes and direction overrides
are removed from what people write, and an address with them is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from exchange.core import limits
from exchange.organisations import services
from exchange.organisations.importing import import_lines
from tests.organisations.test_profiles import profile_data


def test_an_overlong_description_is_refused_by_the_form_and_kept(login, org_admin, organisation):
    long_text = "Wir arbeiten mit Ehrenamtlichen. " * 200  # 6,600 characters
    url = reverse("organisations:edit", args=[organisation.slug])
    response = login(org_admin).post(url, profile_data(description=long_text))
    assert response.status_code == 400
    assert "5000" in response.text and "Wir arbeiten mit Ehrenamtlichen." in response.text


def test_the_service_refuses_it_too(organisation, org_admin):
    organisation.description = "x" * (limits.DESCRIPTION + 1)
    with pytest.raises(ValidationError) as refused:
        services.update_organisation(
            by=org_admin, organisation=organisation, lists=services.lists_of(organisation)
        )
    assert "description" in refused.value.message_dict


def test_an_import_line_that_is_too_long_is_reported_with_its_number(db):
    line = '{"ref": "x1", "name": "Long", "country": "DE", "city": "Köln", "languages": ["de"], "description": "%s"}'
    report = import_lines([line % ("a" * (limits.DESCRIPTION + 1))])
    assert report.errors and report.errors[0][0] == 1 and "longer than" in report.errors[0][1]


def test_a_request_of_megabytes_is_refused_without_a_server_error(client, db):
    response = client.post(reverse("accounts:set-language"), {"next": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 400


def test_a_website_with_hidden_characters_is_refused(login, org_admin, organisation):
    url = reverse("organisations:edit", args=[organisation.slug])
    response = login(org_admin).post(url, profile_data(website="https://example.org/\u202egnp.exe"))
    assert response.status_code == 400 and "invisible" in response.text
