"""Rows of the workspace's meetings (see tests/partnerships/authz.py)."""


def build(ws):
    pass


PAGES: dict = {}

API: dict = {}
