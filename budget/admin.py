from django.contrib import admin

from . import models as m


@admin.register(m.Pemda)
class PemdaAdmin(admin.ModelAdmin):
    list_display = ("nama", "provinsi", "data_sintetis")


@admin.register(m.TahunAnggaran)
class TahunAnggaranAdmin(admin.ModelAdmin):
    list_display = ("tahun",)
    search_fields = ("tahun",)


@admin.register(m.VersiAnggaran)
class VersiAnggaranAdmin(admin.ModelAdmin):
    list_display = ("nama", "tahun", "jenis", "berlaku_mulai", "dasar_hukum")
    list_filter = ("tahun", "jenis")
    search_fields = ("nama", "dasar_hukum")
    date_hierarchy = "berlaku_mulai"


@admin.register(m.PerangkatDaerah)
class PerangkatDaerahAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "singkatan", "jenis", "induk", "aktif")
    list_filter = ("jenis", "aktif")
    search_fields = ("kode", "nama", "singkatan")
    autocomplete_fields = ("induk",)


@admin.register(m.SumberDana)
class SumberDanaAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "urutan")
    search_fields = ("kode", "nama")


@admin.register(m.JenisBelanja)
class JenisBelanjaAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama", "kelompok")
    list_filter = ("kelompok",)
    search_fields = ("kode", "nama")


class NomenklaturAdmin(admin.ModelAdmin):
    list_display = ("kode", "nama")
    search_fields = ("kode", "nama")


@admin.register(m.Urusan)
class UrusanAdmin(NomenklaturAdmin):
    pass


@admin.register(m.BidangUrusan)
class BidangUrusanAdmin(NomenklaturAdmin):
    list_filter = ("urusan",)
    autocomplete_fields = ("urusan",)


@admin.register(m.Program)
class ProgramAdmin(NomenklaturAdmin):
    list_filter = ("bidang__urusan",)
    autocomplete_fields = ("bidang",)


@admin.register(m.Kegiatan)
class KegiatanAdmin(NomenklaturAdmin):
    autocomplete_fields = ("program",)


@admin.register(m.SubKegiatan)
class SubKegiatanAdmin(NomenklaturAdmin):
    autocomplete_fields = ("kegiatan",)


class PaguInline(admin.TabularInline):
    model = m.PaguAnggaran
    extra = 0
    fields = ("versi", "pagu", *m.BULAN_AK)


class HanyaBacaMixin:
    """Realisasi enters SIAP only through the monthly report (with its validation, workflow and
    audit trail) or an import: the admin shows it but cannot add, change or delete it."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RealisasiInline(HanyaBacaMixin, admin.TabularInline):
    model = m.RealisasiKeuangan
    extra = 0


@admin.register(m.RincianAnggaran)
class RincianAnggaranAdmin(admin.ModelAdmin):
    list_display = ("opd", "sub_kegiatan", "sumber_dana", "jenis_belanja", "tahun")
    list_filter = ("tahun", "sumber_dana", "jenis_belanja__kelompok", "opd__jenis")
    search_fields = ("opd__nama", "opd__kode", "sub_kegiatan__kode", "sub_kegiatan__nama")
    autocomplete_fields = ("opd", "sub_kegiatan", "sumber_dana", "jenis_belanja")
    list_select_related = ("opd", "sub_kegiatan", "sumber_dana", "jenis_belanja", "tahun")
    inlines = [PaguInline, RealisasiInline]


@admin.register(m.PaguAnggaran)
class PaguAnggaranAdmin(admin.ModelAdmin):
    list_display = ("rincian", "versi", "pagu")
    list_filter = ("versi", "rincian__sumber_dana")
    search_fields = ("rincian__opd__nama", "rincian__sub_kegiatan__kode",
                     "rincian__sub_kegiatan__nama")
    raw_id_fields = ("rincian",)
    list_select_related = ("versi", "rincian__opd", "rincian__sub_kegiatan",
                           "rincian__sumber_dana", "rincian__jenis_belanja")


@admin.register(m.RealisasiKeuangan)
class RealisasiKeuanganAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = ("rincian", "bulan", "jumlah")
    list_filter = ("bulan", "rincian__tahun", "rincian__sumber_dana")
    search_fields = ("rincian__opd__nama", "rincian__sub_kegiatan__kode")
    raw_id_fields = ("rincian",)
    list_select_related = ("rincian__opd", "rincian__sub_kegiatan", "rincian__sumber_dana",
                           "rincian__jenis_belanja")


class FisikAdmin(admin.ModelAdmin):
    list_display = ("opd", "sub_kegiatan", "tahun", "bulan", "persen")
    list_filter = ("tahun", "bulan", "opd__jenis")
    search_fields = ("opd__nama", "sub_kegiatan__kode", "sub_kegiatan__nama")
    autocomplete_fields = ("opd", "sub_kegiatan")
    list_select_related = ("opd", "sub_kegiatan", "tahun")


class RealisasiFisikAdmin(HanyaBacaMixin, FisikAdmin):
    pass


admin.register(m.TargetFisik)(FisikAdmin)
admin.register(m.RealisasiFisik)(RealisasiFisikAdmin)
