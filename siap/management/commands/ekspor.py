"""``siap ekspor anggaran|realisasi|fisik|indikator BERKAS --tahun 2025 ...`` — the import formats."""

from django.core.management.base import BaseCommand, CommandError

from exchange.ekspor import EksporGagal, ekspor_anggaran, ekspor_fisik, ekspor_realisasi
from exchange.perintah import tanggal
from kinerja.impor import ekspor_indikator

from .impor import JENIS


class Command(BaseCommand):
    help = ("Mengekspor anggaran, realisasi keuangan atau realisasi fisik ke CSV/XLSX (format "
            "dari akhiran berkas), dalam format yang sama dengan impor.")
    jenis_tetap: str | None = None

    def add_arguments(self, parser):
        if self.jenis_tetap is None:
            parser.add_argument("jenis", choices=JENIS, help="jenis data yang diekspor")
        parser.add_argument("berkas", help="berkas .csv atau .xlsx yang ditulis")
        parser.add_argument("--tahun", type=int, required=True)
        parser.add_argument("--versi-berlaku", type=tanggal,
                            help="anggaran: versi yang berlaku pada tanggal ini (baku: versi "
                                 "terakhir tahun itu)")
        parser.add_argument("--dari", type=int, default=1, help="bulan awal (1–12)")
        parser.add_argument("--sampai", type=int, default=12, help="bulan akhir (1–12)")

    def handle(self, *args, berkas, tahun, versi_berlaku, dari, sampai, **options):
        jenis = self.jenis_tetap or options["jenis"]
        try:
            if jenis == "anggaran":
                n = ekspor_anggaran(berkas, tahun=tahun, berlaku=versi_berlaku)
            elif jenis == "realisasi":
                n = ekspor_realisasi(berkas, tahun=tahun, dari=dari, sampai=sampai)
            elif jenis == "indikator":  # indikator kinerja and their targets (kinerja app)
                n = ekspor_indikator(berkas, tahun=tahun)
            else:
                n = ekspor_fisik(berkas, tahun=tahun, dari=dari, sampai=sampai)
        except EksporGagal as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{n} baris {jenis} ditulis ke {berkas}.")
