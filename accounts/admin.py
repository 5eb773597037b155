from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import ValidationError

from .forms import admin_aktif_lain
from .models import PESAN_ADMIN_TERAKHIR, CatatanAkun, User


class PenggunaAdminForm(UserChangeForm):
    def clean(self):
        data = super().clean()
        target = User.objects.get(pk=self.instance.pk)  # as stored: clean() runs before the copy
        sesudah = User(peran=data.get("peran", target.peran),
                       is_superuser=data.get("is_superuser", False),
                       is_active=data.get("is_active", False))
        if target.admin_aktif and not sesudah.admin_aktif and not admin_aktif_lain(target).exists():
            raise ValidationError(PESAN_ADMIN_TERAKHIR)
        return data


@admin.register(User)
class PenggunaAdmin(UserAdmin):
    form = PenggunaAdminForm
    list_display = ("username", "first_name", "peran", "jabatan", "is_active")
    list_filter = ("peran", "is_active", "opd")
    search_fields = ("username", "first_name", "last_name", "email", "jabatan")
    filter_horizontal = ("opd", "groups", "user_permissions")
    fieldsets = UserAdmin.fieldsets + (("Peran di SIAP", {"fields": ("peran", "jabatan", "opd")}),)
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("Peran di SIAP", {"fields": ("peran", "jabatan", "opd")}),
    )

    def has_delete_permission(self, request, obj=None):
        # Users are never deleted (reports and the audit trail refer to them): deactivated.
        return False


@admin.register(CatatanAkun)
class CatatanAkunAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is written by SIAP's user pages, never edited."""

    list_display = ("waktu", "pengguna", "tindakan", "oleh", "keterangan")
    list_filter = ("tindakan",)
    search_fields = ("pengguna__username", "oleh__username", "keterangan")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
