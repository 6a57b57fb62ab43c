from django import template
from django.utils.html import format_html
from django_countries import countries

from exchange.library import lineage, markup
from exchange.library.models import LICENCE_URLS, Licence
from exchange.organisations import taxonomy

register = template.Library()


@register.filter
def markdown(text):
    """An author's Markdown as safe HTML (markup.render: allow-list sanitised)."""
    return markup.render(text)


@register.filter
def plain(text, limit=300):
    return markup.plain(text, int(limit))


@register.filter
def title_in(model, language):
    return model.title_in(language)


@register.filter
def summary_in(model, language):
    return model.summary_in(language)


@register.filter
def area_label(key):
    return taxonomy.area(key).label if key in taxonomy.AREA_KEYS else key


@register.filter
def field_label(key):
    return taxonomy.field(key).label if key in taxonomy.FIELD_KEYS else key


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)


@register.filter
def country_name(code):
    return dict(countries).get(code, code)


@register.filter
def licence_link(key):
    if key not in Licence.values:
        return key
    return format_html('<a href="{}" rel="license">{}</a>', LICENCE_URLS[key], Licence(key).label)


@register.filter
def tree_x(node):
    return lineage.x_of(node)


@register.filter
def tree_y(node):
    return lineage.y_of(node)
