"""Rows of the workspace's money (see tests/partnerships/authz.py)."""


def build(ws):
    pass


PAGES: dict = {}

API: dict = {}
