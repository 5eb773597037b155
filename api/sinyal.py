"""A token follows its account: it is revoked when what it was issued under changes — the
password is set anew (by the user or an admin; a hash upgrade at login is not a change), the
second factor is reset, the role, superuser status or OPD change, or the account is
deactivated. Signals, so every road is covered: SIAP's pages, the Django admin, commands."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import TokenAPI

User = get_user_model()
_PANTAU = {"password", "peran", "is_active", "is_superuser"}


@receiver(pre_save, sender=User, dispatch_uid="api_token_pre_save")
def _sebelum_simpan(sender, instance, update_fields=None, raw=False, **kwargs):
    instance._alasan_cabut_token = None
    if raw or instance.pk is None:
        return
    if update_fields is not None and not (set(update_fields) & _PANTAU):
        return  # e.g. last_login at sign-in: no query
    # Django sets _password in set_password() and clears it for a hash upgrade at login
    # ("Password hash upgrades shouldn't be considered password changes").
    if getattr(instance, "_password", None) is not None:
        instance._alasan_cabut_token = "kata sandi diganti"
        return
    lama = sender.objects.filter(pk=instance.pk).values("peran", "is_active", "is_superuser").first()
    if lama is None:
        return
    if lama["is_active"] and not instance.is_active:
        instance._alasan_cabut_token = "pengguna dinonaktifkan"
    elif lama["peran"] != instance.peran or lama["is_superuser"] != instance.is_superuser:
        instance._alasan_cabut_token = "peran diubah"


@receiver(post_save, sender=User, dispatch_uid="api_token_post_save")
def _sesudah_simpan(sender, instance, created=False, **kwargs):
    alasan = getattr(instance, "_alasan_cabut_token", None)
    if alasan and not created:
        TokenAPI.cabut_semua(instance, alasan=alasan)
    instance._alasan_cabut_token = None


@receiver(m2m_changed, sender=User.opd.through, dispatch_uid="api_token_opd")
def _opd_berubah(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action != "post_clear" and not pk_set:
        return
    if reverse:  # an OPD's operators changed: each of them
        for user in User.objects.filter(pk__in=pk_set or ()):
            TokenAPI.cabut_semua(user, alasan="perangkat daerah diubah")
    else:
        TokenAPI.cabut_semua(instance, alasan="perangkat daerah diubah")


@receiver(post_delete, sender=TOTPDevice, dispatch_uid="api_token_2fa")
def _perangkat_dihapus(sender, instance, **kwargs):
    if instance.user_id is not None:
        TokenAPI.cabut_semua(User(pk=instance.user_id),
                             alasan="verifikasi dua langkah diatur ulang")
