from django.contrib.auth import authenticate
from django.core.management import call_command
from django.urls import reverse

from exchange.organisations.demo import PASSWORD
from exchange.organisations.models import Membership, Organisation


def test_demo_is_realistic_and_repeatable(db, capsys):
    call_command("load_demo")
    call_command("load_demo")  # safe to run again
    out = capsys.readouterr().out
    assert "staff@demo.exchange" in out and PASSWORD in out
    assert Organisation.objects.count() >= 60
    countries = set(Organisation.objects.values_list("country", flat=True))
    assert "TR" in countries and len(countries - {"TR"}) >= 10
    # Texts in Turkish, German and English.
    texts = " ".join(Organisation.objects.values_list("description", flat=True))
    assert "yılından bu yana" in texts and "Wir sind" in texts and "We are" in texts
    assert Membership.objects.filter(user__email="ayse@demo.exchange", role="admin").exists()
    assert authenticate(email="mehmet@demo.exchange", password=PASSWORD) is not None
    # Contacts (pending and accepted, with a conversation) and board posts.
    from exchange.contacts.models import BoardPost, ContactRequest, Message

    statuses = sorted(ContactRequest.objects.values_list("status", flat=True))
    assert statuses == ["accepted", "pending", "pending"]
    assert Message.objects.count() == 2 and BoardPost.objects.count() == 3
    # An open call (deadline in the future); a past cohort decided, a cohort at work and a
    # call in review.
    from exchange.calls.selectors import list_calls

    groups = list_calls()
    assert len(groups["open"]) == 1 and len(groups["closed"]) == 3
    from exchange.applications.models import Application

    assert set(
        Application.objects.filter(call__slug="cohort-2026").values_list("status", flat=True)
    ) == {"selected", "waiting_list", "rejected", "ineligible"}
    assert Application.objects.filter(call__slug="spring-2027", status="under_review").exists()
    # A finished cohort, and an active one in which the demo's İstanbul and Berlin admins
    # work together.
    from exchange.partnerships.models import Partnership

    finished = Partnership.objects.filter(cohort__call__slug="cohort-2026")
    assert set(finished.values_list("status", flat=True)) == {"completed"}
    ours = Partnership.objects.filter(cohort__call__slug="autumn-2026", status="active")
    for email in ("ayse@demo.exchange", "anna@demo.exchange"):
        assert ours.filter(members__organisation__memberships__user__email=email).exists()
    # The library: twelve published models in the three languages, a lineage of four
    # generations, adoptions by the demo's own organisations, a draft and a submission.
    from exchange.library import selectors as library
    from exchange.library.models import Adoption, PracticeModel

    published = PracticeModel.objects.filter(status="published")
    assert published.count() == 12
    assert {"en", "tr", "de"} <= set(published.values_list("texts__language", flat=True))
    assert max(library.family(m).generations for m in published) == 4
    assert Adoption.objects.filter(organisation__ref="demo-tr-01", status="adopting").exists()
    assert Adoption.objects.filter(organisation__ref="demo-de-16", status="done").exists()
    assert PracticeModel.objects.filter(status="draft", partnership__in=ours).exists()
    assert PracticeModel.objects.filter(status="in_review", partnership=None).exists()


def test_staff_use_the_admin(login, staff, organisation):
    client = login(staff)
    assert client.get(reverse("admin:organisations_organisation_changelist")).status_code == 200
    assert (
        client.get(
            reverse("admin:organisations_organisation_change", args=[organisation.pk])
        ).status_code
        == 200
    )
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert client.get(reverse("admin:auditlog_logentry_changelist")).status_code == 200
