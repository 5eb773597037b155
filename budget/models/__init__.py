from .anggaran import (
    BULAN_AK,
    PaguAnggaran,
    RealisasiFisik,
    RealisasiKeuangan,
    RincianAnggaran,
    TargetFisik,
)
from .master import (
    JenisBelanja,
    JenisOPD,
    JenisVersi,
    KelompokBelanja,
    Pemda,
    PerangkatDaerah,
    SumberDana,
    TahunAnggaran,
    VersiAnggaran,
)
from .nomenklatur import BidangUrusan, Kegiatan, Program, SubKegiatan, Urusan

__all__ = [
    "BULAN_AK", "BidangUrusan", "JenisBelanja", "JenisOPD", "JenisVersi", "Kegiatan",
    "KelompokBelanja", "PaguAnggaran", "Pemda", "PerangkatDaerah", "Program",
    "RealisasiFisik", "RealisasiKeuangan", "RincianAnggaran", "SubKegiatan", "SumberDana",
    "TahunAnggaran", "TargetFisik", "Urusan", "VersiAnggaran",
]
