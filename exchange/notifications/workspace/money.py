"""Notices of the workspace's money (kind "workspace"; see notifications/notices.py)."""

NOTICES: dict = {}
