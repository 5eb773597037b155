from django.conf import settings


def siap(request):
    return {"SIAP_DEBUG": settings.DEBUG}
