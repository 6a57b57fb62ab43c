import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from exchange.accounts.models import Consent, User
from tests.accounts.factories import PASSWORD, UserFactory

SIGNUP = {
    "email": "zeynep@example.org",
    "password1": "a-long-Passphrase-42",
    "password2": "a-long-Passphrase-42",
    "display_name": "Zeynep Kaya",
    "timezone": "Europe/Istanbul",
    "consent": "on",
}


def test_sign_up_records_consent_and_sends_a_verification_email(client, db, mailoutbox, settings):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="zeynep@example.org")
    assert user.display_name == "Zeynep Kaya"
    consent = Consent.objects.get(user=user)
    assert consent.version == settings.PRIVACY_NOTICE_VERSION
    assert timezone.now() - consent.accepted_at < datetime.timedelta(minutes=1)
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["zeynep@example.org"]
    assert not EmailAddress.objects.get(user=user).verified
    # Unverified people cannot sign in yet.
    client.logout()
    client.post(
        reverse("account_login"), {"login": "zeynep@example.org", "password": SIGNUP["password1"]}
    )
    assert client.get(reverse("site:home")).status_code == 302
    # The link in the e-mail verifies the address.
    link = re.search(r"(/accounts/confirm-email/[^\s]+/)", mailoutbox[0].body).group(1)
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified


def test_sign_up_without_consent_is_refused_and_keeps_what_was_typed(client, db):
    response = client.post(reverse("account_signup"), {**SIGNUP, "consent": ""})
    assert response.status_code == 200
    assert "accept the privacy notice" in response.text
    assert 'value="Zeynep Kaya"' in response.text
    assert not User.objects.exists()


def test_language_choice_is_remembered_for_a_signed_in_person(login, db):
    person = UserFactory()
    client = login(person)
    client.post(reverse("accounts:set-language"), {"language": "de", "next": "/organisations/"})
    person.refresh_from_db()
    assert person.language == "de"
    client.cookies.clear()  # another browser, same person
    client.force_login(person)
    assert 'lang="de"' in client.get("/organisations/").text


def test_unknown_language_and_foreign_redirects_are_ignored(client, db):
    response = client.post(
        reverse("accounts:set-language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response.url == "/"


@pytest.mark.parametrize(
    ("tz", "shown"),
    [
        ("Europe/Istanbul", "Times are shown in Europe/Istanbul"),
        ("Europe/Berlin", "Times are shown in Europe/Berlin"),
    ],
)
def test_times_are_shown_in_the_persons_time_zone(login, db, tz, shown):
    person = UserFactory(timezone=tz)
    assert shown in login(person).get(reverse("site:home")).text


def test_profile_saves_name_languages_and_zone(login, db):
    person = UserFactory()
    response = login(person).post(
        reverse("accounts:profile"),
        {
            "display_name": "Deniz",
            "language": "tr",
            "timezone": "Europe/Berlin",
            "languages": ["tr", "de"],
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.display_name, person.language, person.timezone, person.languages) == (
        "Deniz",
        "tr",
        "Europe/Berlin",
        ["tr", "de"],
    )


def test_profile_rejects_an_unknown_time_zone(login, db):
    response = login(UserFactory()).post(
        reverse("accounts:profile"), {"display_name": "Deniz", "timezone": "Mars/Olympus"}
    )
    assert response.status_code == 400


def test_staff_must_set_up_two_factor_first(login, db):
    person = UserFactory(is_staff=True)
    response = login(person).get(reverse("organisations:list"))
    assert response.status_code == 302 and response.url.startswith(reverse("mfa_activate_totp"))


def test_staff_with_two_factor_proceed(login, staff):
    assert login(staff).get(reverse("organisations:list")).status_code == 200


def test_admin_login_goes_through_the_site_sign_in(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip"})
def test_repeated_failed_logins_are_throttled(client, db):
    UserFactory(email="target@example.org")
    for _ in range(3):
        client.post(reverse("account_login"), {"login": "target@example.org", "password": "wrong"})
    # Even the right password is refused while the limit holds.
    response = client.post(
        reverse("account_login"), {"login": "target@example.org", "password": PASSWORD}
    )
    assert "Too many failed login attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_password_reset_does_not_reveal_whether_an_account_exists(client, db, mailoutbox):
    UserFactory(email="known@example.org")
    known = client.post(reverse("account_reset_password"), {"email": "known@example.org"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert [m.to for m in mailoutbox] == [["known@example.org"], ["nobody@example.org"]]
    assert (
        "reset" in mailoutbox[0].body.lower() and "/password/reset/key/" not in mailoutbox[1].body
    )


def test_privacy_notice_is_public(client, db):
    assert client.get(reverse("accounts:privacy")).status_code == 200


def test_setting_up_two_factors_keeps_its_secret_when_the_page_is_reloaded(client, db):
    staff = UserFactory(is_staff=True)
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    first = client.get(reverse("mfa_activate_totp"))
    assert first.status_code == 200  # not asked for the password again right after signing in
    again = client.get(reverse("mfa_activate_totp"))
    assert first.context["form"].secret == again.context["form"].secret


def test_the_signed_in_message_speaks_the_persons_language_not_the_last_sessions(client, db):
    person = UserFactory(language="en")
    client.cookies["django_language"] = "tr"  # a Turkish session earlier on this browser
    response = client.post(
        reverse("account_login"), {"login": person.email, "password": PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert 'lang="en"' in page and "Successfully signed in" in page
