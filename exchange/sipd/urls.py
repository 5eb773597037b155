from django.urls import path

from . import views
from . import views_rekonsiliasi as rk

app_name = "sipd"

urlpatterns = [
    path("", views.impor, name="impor"),
    path("rekonsiliasi/", rk.halaman_rekonsiliasi, name="rekonsiliasi"),
    path("terima/<int:pk>/", rk.terima, name="terima"),
    path("riwayat/", rk.riwayat, name="riwayat"),
    path("unit/", rk.unit, name="unit"),
    path("unit/<int:pk>/hapus/", rk.unit_hapus, name="unit_hapus"),
    path("<str:token>/", views.pratinjau, name="pratinjau"),
    path("<str:token>/pemetaan/<slug:peran>/", views.pemetaan, name="pemetaan"),
    path("<str:token>/galat.csv", views.galat_csv, name="galat_csv"),
    path("<str:token>/konfirmasi/", views.konfirmasi, name="konfirmasi"),
    path("<str:token>/batal/", views.batal, name="batal"),
]
