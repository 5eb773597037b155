from django.urls import path

from . import views

app_name = "akun"

urlpatterns = [
    path("kata-sandi/", views.GantiKataSandiView.as_view(), name="kata_sandi"),
]
