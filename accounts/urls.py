from django.urls import path

from . import views, views_kunci, views_pengguna

app_name = "akun"

urlpatterns = [
    path("kata-sandi/", views.GantiKataSandiView.as_view(), name="kata_sandi"),
    path("sesi/", views.sesi, name="sesi"),
    path("dua-langkah/", views.dua_langkah, name="dua_langkah"),
    path("dua-langkah/daftar/", views.dua_langkah_daftar, name="dua_langkah_daftar"),
    path("pengguna/", views_pengguna.daftar, name="pengguna_daftar"),
    path("pengguna/tambah/", views_pengguna.tambah, name="pengguna_tambah"),
    path("pengguna/<int:pk>/", views_pengguna.rinci, name="pengguna_rinci"),
    path("pengguna/<int:pk>/ubah/", views_pengguna.ubah, name="pengguna_ubah"),
    path("pengguna/<int:pk>/atur-ulang-sandi/", views_pengguna.atur_ulang_sandi,
         name="pengguna_atur_ulang_sandi"),
    path("pengguna/<int:pk>/atur-ulang-dua-langkah/", views_pengguna.atur_ulang_dua_langkah,
         name="pengguna_atur_ulang_dua_langkah"),
    path("pengguna/<int:pk>/buka-kunci/", views_kunci.buka_kunci, name="pengguna_buka_kunci"),
]
