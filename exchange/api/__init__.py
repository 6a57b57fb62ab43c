"""The JSON API under /api/v1/ (Django REST framework + drf-spectacular).

It sits above the domains, beside `site`: each endpoint validates its input with a
serializer and then calls the same selectors, services and permission rules as the pages.
No rule is written here a second time; a refusal (`core.permissions.Refused`) or a domain's
ValidationError becomes an RFC 9457 problem in `problems.py`.
"""
