"""``siap impor sipd-anggaran ANGGARAN_KAS [--dpa DPA] --tahun 2025 --versi perubahan
--berlaku 2025-10-01`` — a budget version from SIPD's anggaran kas and DPA (README, "SIPD")."""

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from budget.models import JenisVersi
from exchange.perintah import tanggal, tulis_galat
from exchange.sipd.anggaran import impor_sipd_anggaran
from exchange.sipd.realisasi import TataLetakTidakDikenal
from exchange.sipd.teks import teks_anggaran, teks_tidak_dikenal
from exchange.umum import ImporGagal


class Command(BaseCommand):
    help = ("Mengimpor anggaran kas (dan rincian DPA) dari berkas SIPD ke satu versi anggaran, "
            "dengan pemeriksaan yang sama dengan siap impor anggaran.")

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="anggaran kas: .json, .csv atau .xlsx (juga cetak)")
        parser.add_argument("--dpa", help="rincian DPA (.csv/.xlsx): pagu per sumber dana")
        parser.add_argument("--tahun", type=int, required=True, help="tahun anggaran")
        parser.add_argument("--versi", choices=list(JenisVersi.values), required=True)
        parser.add_argument("--berlaku", type=tanggal, required=True,
                            help="tanggal versi mulai berlaku, mis. 2025-10-01")
        parser.add_argument("--nama", help='nama versi, mis. "APBD Perubahan 2025"')
        parser.add_argument("--buat-master", action="store_true",
                            help="buat OPD, sub kegiatan, sumber dana, jenis belanja yang belum ada")
        parser.add_argument("--sumber-dana", help="sumber dana bawaan bila berkas tidak menyebutnya")
        parser.add_argument("--angka", choices=["polos", "id"], default="polos")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--galat", metavar="GALAT.csv")

    def handle(self, *args, berkas, dpa, tahun, versi, berlaku, nama, buat_master, sumber_dana,
               angka, dry_run, galat, **options):
        try:
            hasil = impor_sipd_anggaran(
                berkas, path_dpa=dpa, tahun=tahun, jenis_versi=versi, berlaku=berlaku, nama=nama,
                buat_master=buat_master, sumber_dana=sumber_dana, gaya=angka, dry_run=dry_run)
        except FileNotFoundError as exc:
            raise CommandError(f"Berkas {exc.filename} tidak ditemukan.") from None
        except TataLetakTidakDikenal as exc:
            raise CommandError(teks_tidak_dikenal(exc.berkas)) from None
        except IntegrityError as exc:
            raise CommandError(f"Basis data menolak perubahan; tidak ada yang disimpan: {exc}"
                               ) from None
        except ImporGagal as exc:
            for g in exc.galat:
                self.stderr.write(str(g))
            if galat:
                tulis_galat(galat, exc.galat)
            raise CommandError(f"{exc.jumlah} galat; berkas ditolak, tidak ada data yang "
                               f"disimpan.") from None
        if dry_run:
            self.stdout.write("Uji coba (--dry-run): tidak ada yang disimpan. Yang akan terjadi:")
        self.stdout.write(teks_anggaran(hasil))
