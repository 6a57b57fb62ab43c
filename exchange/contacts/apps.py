from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "exchange.contacts"
    label = "contacts"

    def ready(self):
        from exchange.accounts.privacy import register

        from .privacy import SECTION

        register(SECTION)  # download and erasure of a person's data
        from exchange.organisations.permissions import register_contact_check

        from .permissions import is_in_contact

        # Profiles show contact details to organisations in contact (organisations does
        # not import contacts; contacts tells it).
        register_contact_check(is_in_contact)
