"""Kinerja URLs. The quarterly section lives under the monthly report it belongs to
(``/laporan/…``); the rest under ``/kinerja/``."""

from django.urls import path

from . import views, views_bentuk, views_pemda, views_triwulan

app_name = "kinerja"

urlpatterns = [
    path("laporan/<int:opd_id>/<int:tahun>/triwulan/<int:triwulan>/kinerja/",
         views_triwulan.triwulan, name="triwulan"),
    path("kinerja/", views.beranda, name="beranda"),
    path("kinerja/opd/<int:opd_id>/", views.opd, name="opd"),
    path("kinerja/opd/<int:opd_id>/e81/<int:tahun>/tw<int:triwulan>.<str:fmt>",
         views.e81_unduh, name="e81_unduh"),
    path("kinerja/opd/<int:opd_id>/indikator/<int:tahun>.<str:fmt>", views.indikator_unduh,
         name="indikator_unduh"),
    path("kinerja/e79/<int:tahun>/tw<int:triwulan>.<str:fmt>", views.e79_unduh,
         name="e79_unduh"),
    path("kinerja/form-a/<int:opd_id>/", views_bentuk.form_a, name="form_a"),
    path("kinerja/form-b/", views_bentuk.form_b, name="form_b"),
    path("kinerja/rfk/", views_bentuk.rfk, name="rfk"),
    path("kinerja/rfk/<int:opd_id>/", views_bentuk.rfk_opd, name="rfk_opd"),
    path("kinerja/pemda/", views_pemda.daftar, name="pemda"),
    path("kinerja/pemda/<int:pk>/", views_pemda.ubah, name="pemda_ubah"),
    path("kinerja/pemda/evaluasi/<int:tahun>/<int:triwulan>/", views_pemda.evaluasi,
         name="evaluasi_pemda"),
]
