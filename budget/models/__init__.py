from .anggaran import (
    BULAN_AK,
    PaguAnggaran,
    RealisasiFisik,
    RealisasiKeuangan,
    RincianAnggaran,
    TargetFisik,
)
from .kumulatif import (
    BULAN_FISIK,
    BULAN_KUMULATIF,
    BULAN_TARGET_FISIK,
    FisikTerakhir,
    RealisasiKumulatif,
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
    "BULAN_AK", "BULAN_FISIK", "BULAN_KUMULATIF", "BULAN_TARGET_FISIK", "FisikTerakhir",
    "BidangUrusan", "JenisBelanja", "JenisOPD", "JenisVersi", "Kegiatan",
    "KelompokBelanja", "PaguAnggaran", "Pemda", "PerangkatDaerah", "Program",
    "RealisasiFisik", "RealisasiKeuangan", "RealisasiKumulatif", "RincianAnggaran",
    "SubKegiatan", "SumberDana",
    "TahunAnggaran", "TargetFisik", "Urusan", "VersiAnggaran",
]
