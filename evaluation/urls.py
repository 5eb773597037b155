from django.urls import path

from . import views, views_ekspor, views_indeks, views_proyeksi, views_rakor, views_rincian

app_name = "evaluation"

urlpatterns = [
    path("", views.dasbor, name="dasbor"),
    path("opd/<int:opd_id>/", views_rincian.opd, name="opd"),
    path("opd/<int:opd_id>/sub/<int:sub_kegiatan_id>/", views_rincian.sub_kegiatan,
         name="sub_kegiatan"),
    path("permasalahan/", views_rakor.permasalahan, name="permasalahan"),
    path("bahan-rakor/", views_rakor.bahan_rakor, name="bahan_rakor"),
    path("rakor/unduh/<str:fmt>/", views_ekspor.rakor_unduh, name="rakor_unduh"),
    path("proyeksi/", views_proyeksi.proyeksi, name="proyeksi"),
    path("indeks/", views_indeks.indeks, name="indeks"),
]
