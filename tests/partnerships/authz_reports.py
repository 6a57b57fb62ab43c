"""Rows of the workspace's reports (see tests/partnerships/authz.py)."""


def build(ws):
    pass


PAGES: dict = {}

API: dict = {}
