from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.views import MasukView
from api.api import api

admin.site.site_header = "SIAP — Administrasi"
admin.site.site_title = "SIAP"
admin.site.index_title = "Data master dan pengguna"

urlpatterns = [
    path("masuk/", MasukView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/token/", include("api.urls_halaman")),
    path("akun/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("laporan/", include("reporting.urls")),
    path("impor/sipd/", include("exchange.sipd.urls")),
    path("impor/", include("exchange.urls")),
    path("tugas/", include("tugas.urls")),
    path("api/", api.urls),
    path("", include("kinerja.urls")),  # /kinerja/… and the quarterly section /laporan/…/kinerja/
    path("", include("evaluation.urls")),
]

# 500 (and 503 when the database cannot be reached): see siap.middleware.galat_server.
handler500 = "siap.middleware.galat_server"
