"""Languages people and organisations work in (ISO 639-1, a few 639-2/3 codes): the
programme's three, the national languages of the European side, and the languages spoken
by communities the organisations serve."""

from django.utils.translation import gettext_lazy as _

WORKING_LANGUAGES = (
    ("en", _("English")),
    ("tr", _("Turkish")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("nl", _("Dutch")),
    ("pt", _("Portuguese")),
    ("el", _("Greek")),
    ("bg", _("Bulgarian")),
    ("ro", _("Romanian")),
    ("pl", _("Polish")),
    ("cs", _("Czech")),
    ("sk", _("Slovak")),
    ("hu", _("Hungarian")),
    ("hr", _("Croatian")),
    ("sr", _("Serbian")),
    ("bs", _("Bosnian")),
    ("sl", _("Slovenian")),
    ("sq", _("Albanian")),
    ("mk", _("Macedonian")),
    ("sv", _("Swedish")),
    ("da", _("Danish")),
    ("fi", _("Finnish")),
    ("no", _("Norwegian")),
    ("et", _("Estonian")),
    ("lv", _("Latvian")),
    ("lt", _("Lithuanian")),
    ("ga", _("Irish")),
    ("mt", _("Maltese")),
    ("ka", _("Georgian")),
    ("hy", _("Armenian")),
    ("az", _("Azerbaijani")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("ku", _("Kurdish")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("lad", _("Ladino")),
    ("rom", _("Romani")),
)


def language_choices():
    return list(WORKING_LANGUAGES)
