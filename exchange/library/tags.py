"""The index keys standing for a published model's facts (core.textsearch.tag), so that
the library's filters are tags of the same full-text lookup as its words. A capacity area
and a thematic field are indexed under the taxonomy's own tags, which the words of their
labels in EN/TR/DE also find (taxonomy.label_synonyms): "gönüllü" finds a model filed under
volunteer management written in German."""

from exchange.core.textsearch import tag
from exchange.organisations import taxonomy


def area(key: str) -> str:
    return taxonomy.search_tag(taxonomy.area(key))


def field(key: str) -> str:
    return taxonomy.search_tag(taxonomy.field(key))


def country(code: str) -> str:
    return tag("lcountry", code.lower())


def language(code: str) -> str:
    return tag("llang", code)


def cohort(pk) -> str:
    return tag("lcohort", str(pk))


PUBLISHED = tag("lib", "published")


def of(*, areas=(), fields=(), countries=(), languages=(), cohort_id=None) -> list[str]:
    keys = [PUBLISHED]
    keys += [area(k) for k in areas if k in taxonomy.AREA_KEYS]
    keys += [field(k) for k in fields if k in taxonomy.FIELD_KEYS]
    keys += [country(c) for c in countries]
    keys += [language(code) for code in languages]
    if cohort_id is not None:
        keys.append(cohort(cohort_id))
    return keys
