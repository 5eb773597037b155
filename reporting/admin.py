from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models as m


@admin.register(m.PeriodePelaporan)
class PeriodePelaporanAdmin(admin.ModelAdmin):
    """Read only: deadlines and locks are changed on SIAP's periods page (/laporan/periode/),
    which asks for a reason and logs every change."""

    list_display = ("tahun", "bulan", "batas_lapor", "dikunci")
    list_filter = ("tahun", "dikunci")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(m.CatatanPeriode)
class CatatanPeriodeAdmin(admin.ModelAdmin):
    list_display = ("pada", "tahun", "bulan", "tindakan", "lama", "baru", "oleh", "alasan")
    list_filter = ("tahun", "tindakan")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RiwayatInline(admin.TabularInline):
    model = m.RiwayatLaporan
    extra = 0
    can_delete = False
    readonly_fields = ("dari", "ke", "oleh", "pada", "catatan")


@admin.register(m.LaporanBulanan)
class LaporanBulananAdmin(admin.ModelAdmin):
    list_display = ("opd", "tahun", "bulan", "status", "pertama_diajukan_pada",
                    "diverifikasi_pada")
    list_filter = ("tahun", "bulan", "status", "opd__jenis")
    search_fields = ("opd__nama", "opd__kode")
    list_select_related = ("opd", "tahun")
    # The workflow runs through SIAP's pages (with its checks and snapshot); here read only.
    readonly_fields = ("tahun", "opd", "bulan", "status", "revisi", "pertama_diajukan_pada",
                       "diajukan_pada", "diverifikasi_pada", "catatan_verifikator")
    inlines = [RiwayatInline]

    def has_add_permission(self, request):
        return False


@admin.register(m.Permasalahan)
class PermasalahanAdmin(SimpleHistoryAdmin):
    list_display = ("opd", "sub_kegiatan", "tahun", "bulan", "kategori", "status")
    list_filter = ("tahun", "kategori", "status", "opd__jenis")
    search_fields = ("uraian", "tindak_lanjut", "opd__nama", "sub_kegiatan__kode")
    list_select_related = ("opd", "sub_kegiatan", "tahun")
    autocomplete_fields = ("opd", "sub_kegiatan")
