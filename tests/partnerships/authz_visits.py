"""Rows of the workspace's visits (see tests/partnerships/authz.py)."""


def build(ws):
    pass


PAGES: dict = {}

API: dict = {}
