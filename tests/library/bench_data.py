"""Large families of models, written straight into the tables (tests and `make bench`)."""

from django.utils import timezone

from exchange.library.models import PracticeModel


def grow_family(root: PracticeModel, *, children: int, generations: int) -> int:
    """Give `root` `children` published adaptations per model over `generations`."""
    now = timezone.now()
    level, made = [root], 0
    for generation in range(generations):
        created = []
        for parent in level:
            for _k in range(children):
                made += 1
                created.append(
                    PracticeModel(
                        slug=f"{root.slug}-g{generation}-{made}",
                        organisation_id=root.organisation_id,
                        origin=parent,
                        status=PracticeModel.Status.PUBLISHED,
                        published_number=1,
                        published_at=now,
                        first_published_at=now,
                        titles={"en": f"Adaptation {generation + 1}.{made}"},
                        summaries={"en": "An adaptation."},
                    )
                )
        level = PracticeModel.objects.bulk_create(created)
    return made
