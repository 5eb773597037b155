"""A SIPD file's rows under its layout, one at a time (CSV/XLSX through ``exchange.baca``),
or an anggaran kas JSON as SIPD RI serves it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from ..baca import BerkasTidakValid, DaftarGalat, Galat, baca_mentah, periksa_ukuran
from . import tata_letak as tl
from .models import TataLetakSipd
from .nilai_sipd import BarisSipd

CARI_JUDUL = 12  # the header row may sit below a title: looked for in the first rows


@dataclass
class Berkas:
    susunan: tl.Susunan | None
    judul: tuple = ()  # the header row (for the mapping step and saved mappings)
    contoh: list[tuple] = field(default_factory=list)  # the first rows, to show when mapping
    baris: Iterator[BarisSipd] = iter(())


def _tidak_kosong(sel) -> bool:
    return any(v is not None and str(v).strip() for v in sel)


def buka(path, jenis: str, galat: DaftarGalat, *, pemetaan: dict | None = None,
         awalan: str = "") -> Berkas:
    """The layout of ``path`` and its data rows; ``susunan`` None: no known layout (the
    caller asks for a mapping). Raises ``BerkasTidakValid`` for an unreadable file."""
    path = Path(path)
    if path.suffix.lower() == ".json":
        return _json(path, jenis, galat, awalan)
    mentah = ((n, sel) for _, n, sel in baca_mentah(path))
    awal = list(islice(mentah, CARI_JUDUL))
    if not any(_tidak_kosong(s) for _, s in awal):
        raise BerkasTidakValid([Galat(None, "", "", "berkas kosong: tidak ada baris berisi")])
    pertama = next(i for i, (_, s) in enumerate(awal) if _tidak_kosong(s))
    judul = tuple(awal[pertama][1])
    susunan, mulai = None, pertama + 1
    if pemetaan is not None:
        susunan = tl.dari_pemetaan(jenis, judul, pemetaan, TataLetakSipd.PEMETAAN)
    else:
        for i, (_, s) in enumerate(awal):
            susunan = tl.dari_judul(jenis, tuple(s))
            if susunan is not None:
                judul, mulai = tuple(s), i + 1
                break
        if susunan is None and jenis == tl.JenisBerkasSipd.REALISASI:
            susunan = tl.kolom_huruf([s for _, s in awal])
            mulai = 1 if susunan else mulai
        susunan = susunan or tl.tersimpan(jenis, judul)
    hasil = Berkas(susunan, judul, [tuple(s) for _, s in awal[pertama:pertama + 6]])
    if susunan is not None:
        susunan.baris_data = awal[mulai][0] if mulai < len(awal) else awal[-1][0] + 1
        sisa = chain(awal[mulai:], mentah)
        hasil.baris = (BarisSipd(n, s, susunan, galat, awalan) for n, s in sisa)
    return hasil


def _json(path: Path, jenis: str, galat: DaftarGalat, awalan: str) -> Berkas:
    """A JSON array of objects, or an object holding it under "data" whose other keys apply
    to every item (SIPD RI answers ``{"data": [...]}``). "Baris" n is the n-th object."""
    periksa_ukuran(path.name, path.stat().st_size)
    try:
        isi = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BerkasTidakValid([Galat(None, "", "", f"bukan JSON yang sah: {exc}")]) from None
    umum: dict = {}
    if isinstance(isi, dict):
        umum = {k: v for k, v in isi.items() if not isinstance(v, list | dict)}
        isi = isi.get("data")
    if not isinstance(isi, list) or not all(isinstance(x, dict) for x in isi):
        raise BerkasTidakValid([Galat(None, "", "", "JSON harus berupa daftar objek, atau objek "
                                                    "dengan daftar objek di \"data\"")])
    kunci: dict[str, None] = dict.fromkeys(umum)
    for x in isi:
        kunci.update(dict.fromkeys(x))
    judul = tuple(kunci)
    susunan = tl.dari_judul(jenis, judul)
    if susunan is None:
        return Berkas(None, judul, [judul])
    susunan.tata_letak, susunan.baris_data = TataLetakSipd.JSON, 1
    baris = (BarisSipd(n, tuple({**umum, **x}.get(k) for k in judul), susunan, galat, awalan)
             for n, x in enumerate(isi, start=1))
    return Berkas(susunan, judul, [judul], baris)


def sha256(path) -> str:
    """The hex SHA-256 of a file, read 1 MB at a time (recorded with each SIPD import)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for potong in iter(lambda: f.read(1 << 20), b""):
            h.update(potong)
    return h.hexdigest()
