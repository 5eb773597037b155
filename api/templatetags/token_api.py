"""``{% token_pengguna target %}``: a user's API tokens with a revoke button, on the admin's
user page (accounts/pengguna_rinci.html)."""

from django import template

from api.models import TokenAPI

register = template.Library()


@register.inclusion_tag("api/_token_pengguna.html", takes_context=True)
def token_pengguna(context, target):
    return {"target": target, "csrf_token": context.get("csrf_token"),
            "token": list(TokenAPI.objects.filter(user=target).order_by("-dibuat_pada")[:50])}
