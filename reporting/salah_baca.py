"""Numbers the form or the API could not read, as report messages naming the line or sub
kegiatan, the value and why (shared by the report form and ``api/tulis.py``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from .forms import IsianLaporan
from .isi import IsiLaporan
from .validasi import Pesan, Tingkat


def pesan_salah_baca(isi: IsiLaporan, isian: IsianLaporan) -> list[Pesan]:
    """Unreadable numbers as messages naming the line or sub kegiatan, the value and why."""
    baris = {b.rincian_id: (s, b) for s in isi.sub for b in s.baris}
    subs = {s.sub_kegiatan_id: s for s in isi.sub}
    hasil = []
    for x in isian.salah:
        if x.kolom == "r":
            if x.id not in baris:
                raise PermissionDenied("Rincian bukan milik perangkat daerah ini.")
            s, b = baris[x.id]
            hasil.append(Pesan(
                Tingkat.GALAT, f"angka:{x.id}",
                f"{s.label} · {b.sumber_dana} · {b.jenis_belanja}: realisasi bulan ini tidak "
                f"dapat dibaca — {x.alasan}.", rincian_id=x.id,
            ))
        else:
            if x.id not in subs:
                raise PermissionDenied("Sub kegiatan bukan milik perangkat daerah ini.")
            hasil.append(Pesan(
                Tingkat.GALAT, f"angka_fisik:{x.id}",
                f"{subs[x.id].label}: realisasi fisik tidak dapat dibaca — {x.alasan}.",
                sub_kegiatan_id=x.id,
            ))
    return hasil
