"""``siap ekspor-semua DIR [--dengan-pengguna]`` — the whole instance as CSV files with a
manifest (README, "Ekspor dan pulihkan seluruh data")."""

from django.core.management.base import BaseCommand, CommandError

from exchange.semua import SemuaGagal, ekspor_semua


class Command(BaseCommand):
    help = ("Mengekspor seluruh data SIAP (master, versi anggaran, anggaran, realisasi, fisik, "
            "laporan bulanan, permasalahan) ke direktori DIR: satu CSV per tabel dan "
            "manifest.json. Pengguna dan kata sandi tidak diekspor kecuali --dengan-pengguna "
            "(tanpa hash kata sandi).")

    def add_arguments(self, parser):
        parser.add_argument("direktori", help="direktori tujuan (baru atau kosong)")
        parser.add_argument("--dengan-pengguna", action="store_true",
                            help="ikut ekspor nama pengguna, peran dan OPD (tanpa kata sandi)")

    def handle(self, *args, direktori, dengan_pengguna, **options):
        try:
            m = ekspor_semua(direktori, dengan_pengguna=dengan_pengguna)
        except SemuaGagal as exc:
            raise CommandError(str(exc)) from None
        baris = sum(b["baris"] for b in m["berkas"].values())
        self.stdout.write(f"{len(m['berkas'])} berkas, {baris} baris ditulis ke {direktori} "
                          f"(manifest.json).")
