"""``siap impor-semua DIR [--ganti]`` — restore what ``siap ekspor-semua`` wrote, all or
nothing (README, "Ekspor dan pulihkan seluruh data")."""

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from exchange.semua import SemuaGagal, impor_semua


class Command(BaseCommand):
    help = ("Memulihkan seluruh data dari direktori hasil `siap ekspor-semua` ke basis data "
            "kosong, dalam satu transaksi (semua atau tidak sama sekali).")

    def add_arguments(self, parser):
        parser.add_argument("direktori", help="direktori hasil siap ekspor-semua")
        parser.add_argument("--ganti", action="store_true",
                            help="hapus SELURUH data anggaran dan laporan yang ada lalu ganti")

    def handle(self, *args, direktori, ganti, **options):
        try:
            hasil = impor_semua(direktori, ganti=ganti)
        except SemuaGagal as exc:
            for p in exc.pesan:
                self.stderr.write(p)
            raise CommandError("Pemulihan ditolak; tidak ada data yang diubah.") from None
        except IntegrityError as exc:
            raise CommandError(f"Basis data menolak data; tidak ada data yang diubah: {exc}"
                               ) from None
        for p in hasil.peringatan:
            self.stderr.write(f"Peringatan: {p}")
        for tabel, n in hasil.jumlah.items():
            self.stdout.write(f"{tabel}: {n} baris")
        self.stdout.write("Pemulihan selesai.")
