"""The vocabularies the API's inputs and filters accept, named once for the schema."""

from exchange.organisations import taxonomy
from exchange.organisations.forms import programme_country_choices

AREAS = sorted(taxonomy.AREA_KEYS)
FIELDS = sorted(taxonomy.FIELD_KEYS)
WORKING_LANGUAGES = sorted(taxonomy.LANGUAGE_CODES)
COUNTRIES = [code for code, _label in programme_country_choices()[1:]]
REPLY_DECISIONS = ["shortlisted", "declined"]
