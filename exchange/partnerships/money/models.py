"""A partnership's grant: its instalments with the checklist before each transfer, the
expenses it pays for (converted once into the grant's currency), and the reference rates
staff import from the European Central Bank."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from exchange.organisations.models import Organisation
from exchange.partnerships.models import Partnership

from . import money

CURRENCY_CHOICES = [(code, code) for code in money.COMMON] + [
    (code, code) for code in sorted(money.MINOR_UNITS) if code not in money.COMMON
]


class Instalment(models.Model):
    """A part of the grant the programme transfers, once its checklist is complete."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        READY = "ready", _("Ready for transfer")
        TRANSFERRED = "transferred", _("Transferred")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="instalments"
    )
    number = models.PositiveSmallIntegerField(_("instalment"))
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    planned_on = models.DateField(_("planned for"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    transferred_at = models.DateTimeField(null=True, blank=True)
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partnership", "number"]
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "number"], name="instalment_number_once"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="instalment_amount_positive"),
            models.CheckConstraint(
                condition=~Q(status="transferred") | Q(transferred_at__isnull=False),
                name="instalment_transferred_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.number}"


class InstalmentCheck(models.Model):
    """One thing to make sure of before an instalment is transferred. Which items an
    instalment has depends on its partnership's organisations (see checklist.items_for)."""

    instalment = models.ForeignKey(Instalment, on_delete=models.CASCADE, related_name="checks")
    key = models.SlugField(max_length=40)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["instalment", "position", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            models.UniqueConstraint(
                fields=["instalment", "key", "organisation"], name="instalment_check_once"
            )
        ]

    def __str__(self):
        return self.key

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def done_by_name(self) -> str:
        person = self.done_by
        return (person.name or person.email) if person is not None else ""

    @property
    def label(self) -> str:
        from .checklist import label

        return label(self.key, self.organisation)


def receipt_path(instance, filename):
    return f"receipts/{instance.partnership_id}/{filename}"


class Expense(models.Model):
    class Category(models.TextChoices):
        TRAVEL = "travel", _("Travel")
        ACCOMMODATION = "accommodation", _("Accommodation")
        PER_DIEM = "per_diem", _("Per diem")
        VENUE = "venue", _("Venue")
        MATERIALS = "materials", _("Materials")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    class RateSource(models.TextChoices):
        SAME = "same", _("Same currency as the grant")
        ENTERED = "entered", _("Entered by hand")
        TABLE = "table", _("From the reference-rates table")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="expenses")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.CharField(_("what it was for"), max_length=300)
    spent_on = models.DateField(_("date spent"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCY_CHOICES)
    rate = models.DecimalField(
        _("rate"),
        max_digits=30,
        decimal_places=money.RATE_PLACES,
        help_text=_("1 unit of the expense's currency is worth this much of the grant's currency."),
    )
    rate_source = models.CharField(max_length=10, choices=RateSource.choices)
    rate_date = models.DateField(null=True, blank=True)  # the table's day the rate is of
    converted = models.DecimalField(
        _("in the grant's currency"), max_digits=14, decimal_places=2
    )  # amount × rate, rounded once to the grant currency's minor unit (money.convert)
    receipt = models.FileField(_("receipt"), upload_to=receipt_path, blank=True)
    receipt_name = models.CharField(max_length=200, blank=True)
    # None: the programme paid the cost directly (an informal initiative without a bank
    # account, a ticket the programme booked).
    paid_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paid by"),
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    over_grant_confirmed = models.BooleanField(default=False)
    return_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-spent_on", "-pk"]
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        indexes = [models.Index(fields=["partnership", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="expense_amount_positive"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="expense_rate_positive"),
            models.CheckConstraint(
                condition=Q(converted__gte=0), name="expense_converted_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["submitted", "approved"]) | Q(submitted_at__isnull=False),
                name="expense_submitted_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()}: {self.description[:60]}"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class ExchangeRate(models.Model):
    """The price of 1 EUR in a currency on a business day, as the ECB published it."""

    class Source(models.TextChoices):
        ECB = "ecb", _("European Central Bank")
        DEMO = "demo", _("Demo table (generated)")

    date = models.DateField(_("date"))
    currency = models.CharField(_("currency"), max_length=3)
    rate = models.DecimalField(_("rate per EUR"), max_digits=18, decimal_places=8)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ECB)

    class Meta:
        ordering = ["-date", "currency"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "date"], name="rate_once_per_day"),
            models.CheckConstraint(condition=Q(rate__gt=0), name="rate_positive"),
        ]

    def __str__(self):
        return f"{self.date} 1 EUR = {self.rate} {self.currency}"


class RateImport(models.Model):
    """One file of rates staff imported: who, when, and which days it covered."""

    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=200, blank=True)
    first_date = models.DateField()
    last_date = models.DateField()
    days = models.PositiveIntegerField(default=0)
    rates = models.PositiveIntegerField(default=0)
    currencies = models.CharField(max_length=400, blank=True)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("rates import")
        verbose_name_plural = _("rates imports")

    def __str__(self):
        return f"{self.first_date} – {self.last_date}"

    @property
    def imported_by_name(self) -> str:
        person = self.imported_by
        return (person.name or person.email) if person is not None else "—"


ZERO = Decimal("0")
