"""How long each kind of free text may be: one table, enforced in forms (max_length), in
services (`check`) and in imports. A profile page must not grow to megabytes because one
field has no end (a 4.4 MB description took 18 s to save and to show).

Limits are in characters and generous for what people write: a description of an
organisation fits on a screen, a message in a conversation on a page."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

NAME = 200  # an organisation, a person, a participant's role
CITY = 120
DESCRIPTION = 5000  # an organisation's or a programme's description
STATEMENT = 2000  # a capacity need or offer in the organisation's own words
REASON = 2000  # a reason given with a decision, an extension, a withdrawal, a report
CONTACT_REQUEST = 2000
MESSAGE = 5000  # one message in a conversation
BOARD_POST = 3000
BOARD_OFFER = 2000
BOARD_REPLY = 1000
CALL_TEXT = 20000  # a call's text in one language
HELP = 2000  # a question's help text
CHOICES = 5000  # a question's options, one per line
SHORT_ANSWER = 300
LONG_ANSWER = 30000  # the word limit is the rule applicants see; this only bounds storage
URL = 200

# Every request body outside file uploads (settings.DATA_UPLOAD_MAX_MEMORY_SIZE): the
# longest form (an application section) is far below it.
REQUEST_BODY = 1024 * 1024


def check(**fields: tuple[str, int]) -> None:
    """Raise a ValidationError naming each field whose text is longer than its limit:
    `check(description=(text, limits.DESCRIPTION))`."""
    errors = {
        name: [
            _("Keep this under %(limit)s characters (it has %(length)s).")
            % {"limit": f"{limit:,}", "length": f"{len(text):,}"}
        ]
        for name, (text, limit) in fields.items()
        if text is not None and len(text) > limit
    }
    if errors:
        raise ValidationError(errors)
