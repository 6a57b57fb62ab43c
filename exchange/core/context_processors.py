from django.conf import settings


def site(request):
    return {
        "SITE_NAME": "Civil Society Exchange",
        "PRIVACY_NOTICE_VERSION": settings.PRIVACY_NOTICE_VERSION,
    }
