from django.urls import path

from . import views_token

app_name = "token"

urlpatterns = [
    path("", views_token.token_saya, name="saya"),
    path("<int:pk>/cabut/", views_token.token_cabut, name="cabut"),
]
