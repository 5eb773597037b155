from django.urls import path

from .views import formulir, lembar, pemeriksaan, periode

app_name = "reporting"

urlpatterns = [
    path("", pemeriksaan.daftar, name="daftar"),
    path("matriks/<int:tahun>/", pemeriksaan.matriks, name="matriks"),
    path("periode/<int:tahun>/", periode.periode, name="periode"),
    path("periode/<int:tahun>/<int:bulan>/", periode.periode_ubah, name="periode_ubah"),
    path("<int:opd_id>/<int:tahun>/<int:bulan>/", formulir.formulir, name="formulir"),
    path("<int:opd_id>/<int:tahun>/<int:bulan>/permasalahan/", formulir.permasalahan_tambah,
         name="permasalahan_tambah"),
    path("<int:opd_id>/<int:tahun>/<int:bulan>/lembar-isian.xlsx", lembar.unduh,
         name="lembar_unduh"),
    path("<int:opd_id>/<int:tahun>/<int:bulan>/lembar-isian/", lembar.unggah,
         name="lembar_unggah"),
    path("permasalahan/<int:pk>/", formulir.permasalahan_ubah, name="permasalahan_ubah"),
    path("periksa/<int:pk>/", pemeriksaan.pemeriksaan, name="pemeriksaan"),
    path("periksa/<int:pk>/aksi/", pemeriksaan.aksi, name="aksi"),
]
