"""What must be made sure of before an instalment of the grant is transferred. The items
depend on the partnership's organisations: their kind and their country.

* Every organisation that receives money: its bank account is confirmed.
* An informal initiative usually has no bank account of its own: the programme pays its
  costs directly instead of transferring money to it.
* An association in Turkey must notify the civil administration before it receives funds
  from abroad (Law 5253 on Associations, art. 21; the notification is made in DERBİS, the
  Dernekler Bilgi Sistemi). A foundation in Turkey notifies the General Directorate of
  Foundations (Law 5737, art. 25). Any other organisation in Turkey checks whether such a
  duty applies to it.
* Before the first instalment, the grant agreement is signed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from exchange.organisations.models import Organisation

K = Organisation.Kind

AGREEMENT = "agreement_signed"
BANK = "bank_account"
DIRECT = "paid_directly"
DERBIS = "derbis_notified"
FOUNDATIONS = "foundations_notified"
ABROAD = "abroad_duty_checked"


@dataclass(frozen=True)
class Item:
    key: str
    organisation: Organisation | None


def items_for(organisations, *, number: int) -> list[Item]:
    """The checklist of instalment `number` for a partnership of `organisations`."""
    items = [Item(AGREEMENT, None)] if number == 1 else []
    for organisation in organisations:
        if organisation.kind == K.INITIATIVE:
            items.append(Item(DIRECT, organisation))
            continue
        items.append(Item(BANK, organisation))
        if organisation.country.code == "TR":
            if organisation.kind == K.ASSOCIATION:
                items.append(Item(DERBIS, organisation))
            elif organisation.kind == K.FOUNDATION:
                items.append(Item(FOUNDATIONS, organisation))
            else:
                items.append(Item(ABROAD, organisation))
    return items


def label(key: str, organisation: Organisation | None) -> str:
    name = organisation.name if organisation is not None else ""
    labels = {
        AGREEMENT: _("The grant agreement is signed by both organisations."),
        BANK: _("The bank account of %(organisation)s is confirmed."),
        DIRECT: _(
            "%(organisation)s is an informal initiative without a bank account: its costs are "
            "paid directly by the programme."
        ),
        DERBIS: _(
            "%(organisation)s has notified the authorities of the funds from abroad "
            "(Dernekler / DERBİS notification)."
        ),
        FOUNDATIONS: _(
            "%(organisation)s has notified the General Directorate of Foundations of the funds "
            "from abroad."
        ),
        ABROAD: _(
            "%(organisation)s has checked whether it must notify the authorities of funds "
            "from abroad."
        ),
    }
    text = labels.get(key, key)
    return text % {"organisation": name} if "%(organisation)s" in text else text
