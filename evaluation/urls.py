from django.urls import path

from . import views, views_rakor, views_rincian

app_name = "evaluation"

urlpatterns = [
    path("", views.dasbor, name="dasbor"),
    path("opd/<int:opd_id>/", views_rincian.opd, name="opd"),
    path("opd/<int:opd_id>/sub/<int:sub_kegiatan_id>/", views_rincian.sub_kegiatan,
         name="sub_kegiatan"),
    path("permasalahan/", views_rakor.permasalahan, name="permasalahan"),
    path("bahan-rakor/", views_rakor.bahan_rakor, name="bahan_rakor"),
]
