from django.contrib import admin

from .models import TokenAPI


@admin.register(TokenAPI)
class TokenAPIAdmin(admin.ModelAdmin):
    list_display = ["prefiks", "user", "dibuat_pada", "terakhir_dipakai", "dicabut_pada"]
    list_filter = ["dicabut_pada"]
    search_fields = ["user__username", "prefiks"]
    readonly_fields = ["prefiks", "hash", "user", "dibuat_pada", "terakhir_dipakai"]

    def has_add_permission(self, request):
        return False  # a token is made with `siap token USERNAME`, shown once
