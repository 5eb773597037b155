from django.urls import path

from . import views

app_name = "tugas"

urlpatterns = [
    path("<uuid:pk>/", views.lihat, name="lihat"),
    path("<uuid:pk>/status/", views.status, name="status"),
    path("<uuid:pk>/unduh/", views.unduh, name="unduh"),
]
