"""What authors write, made safe to show: Markdown rendered by markdown-it (CommonMark,
raw HTML off), then cleaned by nh3 (the ammonia sanitiser) against an allow-list of tags,
attributes and link schemes. Whatever the Markdown renderer lets through, nothing outside
the list reaches a page: no script, no event handler, no javascript: or data: link."""

import html

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")
TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h3", "h4", "h5", "hr",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
SCHEMES = {"http", "https", "mailto"}


def _demote(html: str) -> str:
    # An author's "# Heading" sits below the page's own h1 and section h2s.
    for level, to in (("h1", "h3"), ("h2", "h4"), ("h6", "h5")):
        html = html.replace(f"<{level}>", f"<{to}>").replace(f"</{level}>", f"</{to}>")
    return html


def render(text: str) -> SafeString:
    """HTML of an author's Markdown, safe to put in a page."""
    if not text:
        return mark_safe("")
    html = _demote(_MARKDOWN.render(text))
    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
        strip_comments=True,
    )
    return mark_safe(clean)  # noqa: S308 - cleaned by nh3 against the allow-list above


def plain(text: str, limit: int = 300) -> str:
    """Text without markup, for previews, feeds and social metadata."""
    cleaned = nh3.clean(_MARKDOWN.render(text or ""), tags=set())
    cleaned = " ".join(cleaned.split())
    cleaned = html.unescape(cleaned)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1].rsplit(" ", 1)[0] + "…"
