"""``siap evaluasi e81 --tahun 2025 --triwulan 3 --opd KODE [--xlsx F] [--pdf F]`` and
``siap evaluasi e79 --tahun 2025 --triwulan 3 [--xlsx F] [--pdf F]``: the Permendagri 86/2017
evaluation forms as files, the same bytes as the downloads."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budget.models import PerangkatDaerah, TahunAnggaran
from evaluation.management.commands.rakor import tulis_atomik
from kinerja.ekspor_evaluasi import xlsx_evaluasi
from kinerja.ekspor_pdf import PdfTidakTersedia, pdf_evaluasi
from kinerja.evaluasi import form_e79, form_e81


class Command(BaseCommand):
    help = ("Membuat formulir evaluasi Permendagri 86/2017: E.81 (hasil Renja satu perangkat "
            "daerah) atau E.79 (hasil RKPD pemda) untuk satu tahun s.d. satu triwulan.")

    def add_arguments(self, parser):
        parser.add_argument("jenis", choices=["e81", "e79"], help="e81 (per OPD) atau e79 (pemda)")
        parser.add_argument("--tahun", type=int, required=True)
        parser.add_argument("--triwulan", type=int, required=True, help="triwulan (1–4)")
        parser.add_argument("--opd", help="e81: kode perangkat daerah, mis. 1.02.0.00.0.00.01.0000")
        parser.add_argument("--xlsx", type=Path, help="berkas XLSX yang ditulis")
        parser.add_argument("--pdf", type=Path, help="berkas PDF yang ditulis")

    def handle(self, *args, jenis, tahun, triwulan, opd, **options):
        keluaran = {fmt: options[fmt] for fmt in ("xlsx", "pdf") if options.get(fmt)}
        if not keluaran:
            raise CommandError("Sebutkan paling sedikit satu berkas keluaran: --xlsx atau --pdf.")
        if triwulan not in (1, 2, 3, 4):
            raise CommandError(f"--triwulan harus 1 sampai 4, bukan {triwulan}.")
        if not TahunAnggaran.objects.filter(tahun=tahun).exists():
            raise CommandError(f"Tahun anggaran {tahun} belum ada di SIAP.")
        for fmt, tujuan in keluaran.items():
            if not tujuan.parent.is_dir():
                raise CommandError(f"Folder {tujuan.parent} untuk berkas --{fmt} tidak ada.")
        if jenis == "e81":
            if not opd:
                raise CommandError("E.81 membutuhkan --opd KODE perangkat daerah.")
            o = PerangkatDaerah.objects.filter(kode=opd).first()
            if o is None:
                raise CommandError(f"Perangkat daerah dengan kode {opd} tidak ada.")
            f = form_e81(tahun, triwulan, o)
        else:
            if opd:
                raise CommandError("E.79 adalah formulir seluruh pemda; --opd tidak dipakai.")
            f = form_e79(tahun, triwulan)
        for fmt, tujuan in keluaran.items():
            try:
                isi = xlsx_evaluasi(f) if fmt == "xlsx" else pdf_evaluasi(f)
            except PdfTidakTersedia as exc:
                raise CommandError(str(exc)) from exc
            try:
                tulis_atomik(tujuan, isi)
            except OSError as exc:
                raise CommandError(f"Berkas {tujuan} tidak dapat ditulis: {exc.strerror}.") from exc
            self.stdout.write(f"{f.jenis} {fmt.upper()} ditulis: {tujuan} "
                              f"({len(isi):,} bita)".replace(",", "."))
