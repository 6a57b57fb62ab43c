"""The vocabularies the API's inputs and filters accept, named once for the schema."""

from exchange.organisations import taxonomy
from exchange.organisations.forms import programme_country_choices
from exchange.partnerships.visits.services import LANGUAGE_NAMES

AREAS = sorted(taxonomy.AREA_KEYS)
FIELDS = sorted(taxonomy.FIELD_KEYS)
WORKING_LANGUAGES = sorted(taxonomy.LANGUAGE_CODES)
COUNTRIES = [code for code, _label in programme_country_choices()[1:]]
REPLY_DECISIONS = ["shortlisted", "declined"]
LETTER_LANGUAGES = list(LANGUAGE_NAMES)  # a visa letter: English, German, Turkish
