from django.urls import path

from . import views

app_name = "exchange"

urlpatterns = [
    path("", views.impor, name="impor"),
    path("templat/<slug:jenis>.<slug:fmt>", views.templat, name="templat"),
    path("<str:token>/", views.pratinjau, name="pratinjau"),
    path("<str:token>/galat.csv", views.galat_csv, name="galat_csv"),
    path("<str:token>/konfirmasi/", views.konfirmasi, name="konfirmasi"),
    path("<str:token>/hasil/", views.hasil, name="hasil"),
    path("<str:token>/batal/", views.batal, name="batal"),
]
