"""``siap token USERNAME [--tambah | --cabut]``: a new API token, printed once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from api.models import TokenAPI, butuh_dua_langkah


class Command(BaseCommand):
    help = ("Membuat token API baru untuk pengguna dan mencetaknya sekali (token lama dicabut, "
            "kecuali dengan --tambah); --cabut mencabut semua token pengguna.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        aksi = parser.add_mutually_exclusive_group()
        aksi.add_argument("--tambah", action="store_true",
                          help="jangan cabut token lama pengguna ini")
        aksi.add_argument("--cabut", action="store_true",
                          help="cabut semua token pengguna ini tanpa membuat yang baru")

    def handle(self, *args, username, tambah, cabut, **options):
        User = get_user_model()  # noqa: N806
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"Pengguna “{username}” tidak ditemukan.") from None
        if cabut:
            n = TokenAPI.cabut_semua(user, alasan="dicabut dengan siap token --cabut")
            self.stdout.write(f"{n} token milik {username} dicabut.")
            return
        if not user.is_active:
            raise CommandError(f"Pengguna “{username}” tidak aktif; token tidak dibuat.")
        if butuh_dua_langkah(user):
            # Whoever holds a shell could hand out a token that skips the second factor; the
            # user makes it in a session verified with it instead.
            raise CommandError(
                f"Pengguna “{username}” masuk dengan verifikasi dua langkah; tokennya hanya dapat "
                f"dibuat oleh pengguna itu sendiri di halaman Token API (/akun/token/) setelah "
                f"memasukkan kode dari aplikasi autentikator.")
        obj, token = TokenAPI.buat(user, tambah=tambah)
        self.stdout.write(token)
        self.stderr.write(
            f"Token API untuk {username} (awalan {token[:8]}), berlaku sampai "
            f"{timezone.localtime(obj.kedaluwarsa_pada):%d-%m-%Y %H:%M}. Simpan sekarang: token "
            f"ini tidak dapat ditampilkan lagi. Pakai sebagai header “Authorization: Bearer "
            f"<token>”."
        )
