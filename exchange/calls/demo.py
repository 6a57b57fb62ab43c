"""Demo programme and calls: an open call (deadline in the future) and a closed one."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import services
from .models import EU_MEMBER_STATES, Call, Programme

TEXT_EN = (
    "Civil society organisations from Turkey and Europe apply together as a partnership to work for "
    "six months on one common organisational issue, with mutual visits, and to share the model they develop."
)
TEXT_TR = (
    "Türkiye ve Avrupa'dan sivil toplum örgütleri, karşılıklı ziyaretlerle altı ay boyunca ortak bir kurumsal "
    "konu üzerinde çalışmak ve geliştirdikleri modeli paylaşmak için ortaklık olarak birlikte başvurur."
)
TEXT_DE = (
    "Zivilgesellschaftliche Organisationen aus der Türkei und Europa bewerben sich gemeinsam als Partnerschaft, "
    "um sechs Monate mit gegenseitigen Besuchen an einem gemeinsamen organisatorischen Thema zu arbeiten."
)


@transaction.atomic
def load_demo_calls(staff_user=None) -> None:
    programme, _ = Programme.objects.get_or_create(
        slug="civil-society-exchange", defaults={"name": "Civil Society Exchange"}
    )
    if staff_user:
        programme.staff.add(staff_user)
    today = timezone.localdate()
    europe = [c for c in settings.EXCHANGE_EUROPE if c in EU_MEMBER_STATES]
    calls = [
        (
            "cohort-2027",
            "Call for applications: cohort 2027",
            "Başvuru çağrısı: 2027 dönemi",
            "Ausschreibung: Jahrgang 2027",
            today - datetime.timedelta(days=20),
            today + datetime.timedelta(days=12),
            ("Cohort 2027", "2027 Dönemi", "Jahrgang 2027"),
        ),
        (
            "cohort-2026",
            "Call for applications: cohort 2026",
            "Başvuru çağrısı: 2026 dönemi",
            "Ausschreibung: Jahrgang 2026",
            today - datetime.timedelta(days=400),
            today - datetime.timedelta(days=320),
            ("Cohort 2026", "2026 Dönemi", "Jahrgang 2026"),
        ),
        # Selected in the summer: its partnerships are half-way through their six months
        # (partnerships' demo).
        (
            "autumn-2026",
            "Call for applications: autumn round 2026",
            "Başvuru çağrısı: 2026 güz dönemi",
            "Ausschreibung: Herbstrunde 2026",
            today - datetime.timedelta(days=200),
            today - datetime.timedelta(days=150),
            ("Autumn cohort 2026", "2026 Güz Dönemi", "Herbstjahrgang 2026"),
        ),
        # Closed a few days ago: screened, reviews under way (selection's demo).
        (
            "spring-2027",
            "Call for applications: spring round 2027",
            "Başvuru çağrısı: 2027 bahar dönemi",
            "Ausschreibung: Frühjahrsrunde 2027",
            today - datetime.timedelta(days=70),
            today - datetime.timedelta(days=6),
            ("Spring cohort 2027", "2027 Bahar Dönemi", "Frühjahrsjahrgang 2027"),
        ),
    ]
    for slug, en, tr, de, opens, closes, cohort in calls:
        if Call.objects.filter(slug=slug).exists():
            continue
        call = Call.objects.create(
            programme=programme,
            slug=slug,
            cohort_en=cohort[0],
            cohort_tr=cohort[1],
            cohort_de=cohort[2],
            title_en=en,
            title_tr=tr,
            title_de=de,
            text_en=TEXT_EN,
            text_tr=TEXT_TR,
            text_de=TEXT_DE,
            time_zone="Europe/Berlin",
            opens_at=services.aware(
                datetime.datetime.combine(opens, datetime.time(9, 0)), "Europe/Berlin"
            ),
            closes_at=services.aware(
                datetime.datetime.combine(closes, datetime.time(23, 59)), "Europe/Berlin"
            ),
            opening_meeting=closes + datetime.timedelta(days=45),
            exchange_starts=closes + datetime.timedelta(days=60),
            exchange_ends=closes + datetime.timedelta(days=240),
            closing_meeting=closes + datetime.timedelta(days=250),
            turkey_countries=["TR"],
            europe_countries=europe,
            grant_amount=Decimal("3500"),
            grant_currency="EUR",
        )
        services.add_default_rubric(call)
