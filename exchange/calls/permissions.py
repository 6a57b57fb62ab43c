"""Who runs a programme. Staff rights are per programme: the staff of a multiplier's own
programme do not see the main programme's calls or applications. Superusers run them all."""

from django.utils.translation import gettext_lazy as _

from exchange.core.permissions import ALLOW, Decision, deny, memo


def can_run_programme(user, programme) -> Decision:
    if user is None or not user.is_authenticated:
        return deny(_("Only the programme's staff can do this."))
    if user.is_superuser:
        return ALLOW
    if memo(programme, "staff", user.pk, lambda: programme.staff.filter(pk=user.pk).exists()):
        return ALLOW
    return deny(_("Only the programme's staff can do this."))


def can_manage_call(user, call) -> Decision:
    """See and change a call and its form, list its applications."""
    return can_run_programme(user, call.programme)
