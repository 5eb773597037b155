from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy


class GantiKataSandiView(auth_views.PasswordChangeView):
    """A user's own password change. Django keeps this session (``update_session_auth_hash``)
    and every other session of the user ends: its stored password hash no longer matches."""

    template_name = "accounts/kata_sandi.html"
    success_url = reverse_lazy("evaluation:dasbor")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(
            self.request,
            "Kata sandi Anda telah diganti. Sesi Anda di perangkat lain telah diakhiri.",
        )
        return response
