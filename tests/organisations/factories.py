import factory

from exchange.organisations import services
from exchange.organisations.models import Membership, Organisation
from tests.accounts.factories import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    """Builds a complete profile through the service, so search keys and lists are real."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.ASSOCIATION
    country = "TR"
    city = "Ankara"
    description = ""
    visibility = Organisation.Visibility.PUBLIC

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        admin=None,
        languages=("tr", "en"),
        fields=(),
        needs=(),
        offers=(),
        **kwargs,
    ):
        organisation = model_class(**kwargs)
        lists = services.ProfileLists(
            languages=list(languages),
            fields=list(fields),
            needs=[
                services.Statement(*n) if isinstance(n, tuple) else services.Statement(area=n)
                for n in needs
            ],
            offers=[
                services.Statement(*o) if isinstance(o, tuple) else services.Statement(area=o)
                for o in offers
            ],
        )
        admin = admin or UserFactory()
        return services.create_organisation(by=admin, organisation=organisation, lists=lists)


def add_member(organisation, user=None, role=Membership.Role.MEMBER):
    user = user or UserFactory()
    Membership.objects.create(organisation=organisation, user=user, role=role)
    return user


def admin_of(organisation):
    return organisation.memberships.get(role=Membership.Role.ADMIN).user
