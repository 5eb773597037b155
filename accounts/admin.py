from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


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
