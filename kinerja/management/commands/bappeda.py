"""``siap bappeda USERNAME [--cabut]``: give a user (or take back) the right to keep the
pemda's outcome indicators and the E.79 — membership of the group "Bappeda"."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kinerja.akses import grup_bappeda


class Command(BaseCommand):
    help = "Memberi (atau mencabut, --cabut) hak Bappeda: indikator kinerja pemda dan E.79."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--cabut", action="store_true", help="cabut hak Bappeda")

    def handle(self, *args, username, cabut, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Pengguna {username} tidak ada.")
        grup = grup_bappeda()
        if cabut:
            user.groups.remove(grup)
            self.stdout.write(f"Hak Bappeda {username} dicabut.")
        else:
            user.groups.add(grup)
            self.stdout.write(f"{username} sekarang anggota grup Bappeda: mengelola indikator "
                              f"kinerja pemda dan evaluasi RKPD (E.79).")
