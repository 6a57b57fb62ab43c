"""Who runs a programme. Staff rights are per programme: the staff of a multiplier's own
programme do not see the main programme's applications."""


def is_programme_staff(user, programme) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cache = user.__dict__.setdefault("_programme_staff", {})
    if programme.pk not in cache:
        cache[programme.pk] = programme.staff.filter(pk=user.pk).exists()
    return cache[programme.pk]
