"""Notices of the workspace's visits (kind "workspace"; see notifications/notices.py)."""

NOTICES: dict = {}
