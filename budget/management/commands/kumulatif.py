"""``siap kumulatif [--perbaiki] [--tampilkan N]``

Checks the derived tables behind the Rakor figures (realisasi kumulatif per line, the latest
fisik per sub kegiatan) against the source rows, which the database triggers keep them in
step with; prints every difference found (up to ``--tampilkan``); ``--perbaiki`` rewrites
the rows that differ. Exits with status 1 when differences were found and not repaired —
suitable for a nightly cron job that should alert.
"""

from django.core.management.base import BaseCommand, CommandError

from budget.kumulatif import periksa


def _ribuan(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class Command(BaseCommand):
    help = ("Memeriksa tabel turunan (realisasi kumulatif, fisik terakhir) terhadap data "
            "sumbernya; --perbaiki menulis ulang baris yang berbeda.")

    def add_arguments(self, parser):
        parser.add_argument("--perbaiki", action="store_true",
                            help="tulis ulang baris yang berbeda dari data sumber")
        parser.add_argument("--tampilkan", type=int, default=20, metavar="N",
                            help="tampilkan paling banyak N selisih (bawaan 20)")

    def handle(self, *args, perbaiki, tampilkan, **options):
        hasil = periksa(perbaiki=perbaiki)
        self.stdout.write(
            f"Diperiksa: {_ribuan(hasil.realisasi_diperiksa)} rincian dengan realisasi, "
            f"{_ribuan(hasil.fisik_diperiksa)} sub kegiatan dengan realisasi/target fisik.")
        if hasil.cocok:
            self.stdout.write(self.style.SUCCESS("Cocok: tabel turunan sama dengan data sumber."))
            return
        for s in hasil.selisih[:tampilkan]:
            self.stdout.write(f"  {s.uraian()}")
        if len(hasil.selisih) > tampilkan:
            self.stdout.write(f"  … dan {_ribuan(len(hasil.selisih) - tampilkan)} selisih lain.")
        if hasil.diperbaiki:
            self.stdout.write(self.style.WARNING(
                f"{_ribuan(len(hasil.selisih))} baris berbeda telah ditulis ulang dari data sumber."))
            return
        raise CommandError(
            f"{_ribuan(len(hasil.selisih))} baris berbeda dari data sumber. "
            "Jalankan `siap kumulatif --perbaiki` untuk menulis ulang.")
