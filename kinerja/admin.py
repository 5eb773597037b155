"""Kinerja in the Django admin (staff): correcting or deleting an imported indicator, the
outcome indicators, and reading the audit history of the quarterly values."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models as m


@admin.register(m.IndikatorKinerja)
class IndikatorKinerjaAdmin(admin.ModelAdmin):
    list_display = ("uraian", "satuan", "target", "tingkat", "opd", "tahun", "nomor")
    list_filter = ("tahun", "tingkat", "akumulasi", "arah")
    search_fields = ("uraian", "opd__nama", "opd__kode", "program__kode", "kegiatan__kode",
                     "sub_kegiatan__kode")
    autocomplete_fields = ("opd", "program", "kegiatan", "sub_kegiatan")
    list_select_related = ("opd", "tahun")


@admin.register(m.RealisasiIndikator)
class RealisasiIndikatorAdmin(SimpleHistoryAdmin):
    list_display = ("indikator", "triwulan", "nilai", "penjelasan")
    list_filter = ("triwulan", "indikator__tahun")
    search_fields = ("indikator__uraian", "indikator__opd__nama")
    raw_id_fields = ("indikator",)
    list_select_related = ("indikator",)


@admin.register(m.EvaluasiTriwulan)
class EvaluasiTriwulanAdmin(SimpleHistoryAdmin):
    list_display = ("tahun", "triwulan", "opd", "diubah_oleh", "diubah_pada")
    list_filter = ("tahun", "triwulan")
    search_fields = ("opd__nama", "faktor_pendorong", "faktor_penghambat")
    list_select_related = ("tahun", "opd", "diubah_oleh")
    raw_id_fields = ("opd", "diubah_oleh")


class TargetInline(admin.TabularInline):
    model = m.TargetIndikatorPemda
    extra = 0


@admin.register(m.IndikatorPemda)
class IndikatorPemdaAdmin(admin.ModelAdmin):
    list_display = ("nama", "satuan", "arah", "urutan")
    search_fields = ("nama",)
    autocomplete_fields = ("sub_kegiatan",)
    inlines = [TargetInline]


@admin.register(m.NilaiIndikatorPemda)
class NilaiIndikatorPemdaAdmin(SimpleHistoryAdmin):
    list_display = ("indikator", "tahun", "bulan", "nilai", "keterangan")
    list_filter = ("indikator", "tahun")
    search_fields = ("indikator__nama", "keterangan")
