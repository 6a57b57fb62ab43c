"""Notices of the workspace's meetings (kind "workspace"; see notifications/notices.py)."""

NOTICES: dict = {}
