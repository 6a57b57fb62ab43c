from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import money
from .models import CURRENCY_CHOICES, Expense

PROGRAMME = "programme"


class ExpenseForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Expense.Category.choices)
    description = forms.CharField(label=_("What it was for"), max_length=300)
    spent_on = forms.DateField(
        label=_("Date spent"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    amount = forms.DecimalField(
        label=_("Amount"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)
    rate_source = forms.ChoiceField(
        label=_("Exchange rate"),
        choices=[
            (Expense.RateSource.TABLE, _("Take the rate of that day from the rates table")),
            (Expense.RateSource.ENTERED, _("I enter the rate I used")),
        ],
        widget=forms.RadioSelect,
        initial=Expense.RateSource.TABLE,
        help_text=_("Only for an expense in another currency than the grant's."),
    )
    rate = forms.DecimalField(
        label=_("Rate"),
        required=False,
        max_digits=30,
        decimal_places=money.RATE_PLACES,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    paid_by = forms.ChoiceField(label=_("Paid by"))
    receipt = forms.FileField(
        label=_("Receipt"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        help_text=_("A PDF, JPEG or PNG file, up to 5 MB."),
    )
    confirm_over_grant = forms.BooleanField(
        label=_("I know that this expense takes us over the grant, and I want to save it."),
        required=False,
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        organisations = list(partnership.members_organisations())
        self.organisations = {str(o.pk): o for o in organisations}
        self.fields["paid_by"].choices = [(str(o.pk), o.name) for o in organisations] + [
            (PROGRAMME, _("Paid directly by the programme"))
        ]
        currency = partnership.grant_currency
        self.fields["rate"].help_text = _(
            "How much 1 unit of the expense's currency is worth in %(currency)s, e.g. 0.0271 "
            "for 1 TRY = 0.0271 EUR."
        ) % {"currency": currency}
        if not self.is_bound and not self.initial.get("spent_on"):
            self.initial["spent_on"] = timezone.localdate()

    def clean_paid_by(self):
        value = self.cleaned_data["paid_by"]
        return None if value == PROGRAMME else self.organisations.get(value)

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "category": data["category"],
            "description": data["description"],
            "spent_on": data["spent_on"],
            "amount": data["amount"],
            "currency": data["currency"],
            "rate_source": data["rate_source"],
            "rate": data.get("rate"),
            "paid_by": data["paid_by"],
        }

    @staticmethod
    def initial_of(expense: Expense) -> dict:
        return {
            "category": expense.category,
            "description": expense.description,
            "spent_on": expense.spent_on,
            "amount": expense.amount,
            "currency": expense.currency,
            "rate_source": Expense.RateSource.ENTERED
            if expense.rate_source == Expense.RateSource.ENTERED
            else Expense.RateSource.TABLE,
            "rate": expense.rate if expense.rate_source == Expense.RateSource.ENTERED else None,
            "paid_by": str(expense.paid_by_id) if expense.paid_by_id else PROGRAMME,
        }


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is returned"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class InstalmentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    planned_on = forms.DateField(
        label=_("Planned for"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class RatesForm(forms.Form):
    file = forms.FileField(
        label=_("The ECB's reference-rates file (CSV)"),
        help_text=_(
            "eurofxref-hist.csv (every day since 1999) or eurofxref.csv (the latest day), "
            "exactly as the European Central Bank publishes them."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
