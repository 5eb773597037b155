"""The operators' unsubmitted drafts in the full export (``siap ekspor-semua``): not official
data, but typed work a restore must not lose. Optional on restore, so an export made before
drafts were kept apart from the official tables still restores."""

from reporting.models import IsianFisik, IsianRealisasi

from .semua_tabel import REF_SUB, Kolom, Ref, Tabel, ref_laporan

TABEL_DRAF = (
    Tabel("isian_realisasi", IsianRealisasi, (
        ref_laporan(),
        Ref(("tahun_rincian", "kode_opd_rincian", "kode_sub_kegiatan", "kode_sumber_dana",
             "kode_jenis_belanja"), "rincian_id", "rincian",
            ("rincian__tahun__tahun", "rincian__opd__kode", "rincian__sub_kegiatan__kode",
             "rincian__sumber_dana__kode", "rincian__jenis_belanja__kode")),
        Kolom("jumlah", "jumlah", "dec", null=True),
    ), None, ("laporan__tahun__tahun", "laporan__opd__kode", "laporan__bulan",
              "rincian__sub_kegiatan__kode", "rincian__sumber_dana__kode",
              "rincian__jenis_belanja__kode")),
    Tabel("isian_fisik", IsianFisik, (
        ref_laporan(), REF_SUB, Kolom("persen", "persen", "persen", null=True),
    ), None, ("laporan__tahun__tahun", "laporan__opd__kode", "laporan__bulan",
              "sub_kegiatan__kode")),
)
