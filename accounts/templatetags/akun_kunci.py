"""``{% kunci_masuk target %}``: the current login lockouts of a user, with the unlock button,
on the admin's user page."""

from django import template
from django.conf import settings

from accounts.kunci import kunci_aktif

register = template.Library()


@register.inclusion_tag("accounts/_kunci_masuk.html", takes_context=True)
def kunci_masuk(context, target):
    return {"target": target, "kunci": list(kunci_aktif(target.username)),
            "batas": settings.AXES_FAILURE_LIMIT, "durasi": settings.AXES_COOLOFF_TIME,
            "csrf_token": context.get("csrf_token")}
