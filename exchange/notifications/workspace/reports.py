"""Notices of the workspace's reports (kind "workspace"; see notifications/notices.py)."""

NOTICES: dict = {}
