"""Login lockouts (django-axes) of one account, for the admin's user page."""

from django.conf import settings
from django.utils import timezone


def kunci_aktif(username: str):
    """The addresses from which ``username`` is locked out now: one row per address that
    reached the failure limit within the cool-off time."""
    from axes.models import AccessAttempt

    sejak = timezone.now() - settings.AXES_COOLOFF_TIME
    return (AccessAttempt.objects
            .filter(username=username, failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
                    attempt_time__gte=sejak)
            .order_by("-attempt_time"))


def buka_kunci(username: str) -> int:
    """Forget every failed attempt of ``username``, from every address; how many were locked."""
    from axes.models import AccessAttempt

    terkunci = kunci_aktif(username).count()
    AccessAttempt.objects.filter(username=username).delete()
    return terkunci
