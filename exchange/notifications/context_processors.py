from . import services


def unread(request):
    """The unread count in the header (one COUNT on an index, for signed-in people only)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": services.unread_count(user)}
