from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import CatatanAkun, User


@admin.register(User)
class PenggunaAdmin(UserAdmin):
    list_display = ("username", "first_name", "peran", "jabatan", "is_active")
    list_filter = ("peran", "is_active", "opd")
    search_fields = ("username", "first_name", "last_name", "email", "jabatan")
    filter_horizontal = ("opd", "groups", "user_permissions")
    fieldsets = UserAdmin.fieldsets + (("Peran di SIAP", {"fields": ("peran", "jabatan", "opd")}),)
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("Peran di SIAP", {"fields": ("peran", "jabatan", "opd")}),
    )


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
