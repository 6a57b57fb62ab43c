from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "exchange.organisations"
    label = "organisations"

    def ready(self):
        from exchange.accounts.privacy import register

        from .privacy import SECTION

        register(SECTION)  # download and erasure of a person's data
        from auditlog.registry import auditlog

        auditlog.register(self.get_model("Organisation"), exclude_fields=["city_key"])
        auditlog.register(self.get_model("Membership"))
