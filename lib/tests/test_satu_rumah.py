"""Every percentage, ratio, category, band and rank of the figures has one home (issue #14):
``lib/figures*.py`` (``figures``, ``figures_skala``, ``figures_kinerja``, ``figures_indeks``,
``figures_proyeksi``).
This test reads every other non-test, non-migration source file and fails on percentage
arithmetic (``× 100``, ``/ 100``, ``Decimal(100)``, ``SERATUS`` in a product or quotient) or
a comparison with a category bound (51, 66, 76, 91) written anywhere else.

Left out, each for a reason: ``budget/sen.py`` (money as whole sen: ×100 converts rupiah to
sen, it is not a percentage), ``demo/`` (makes up synthetic data; it computes no figure) and
``benchmarks/`` (measures; percentiles of timings)."""

from __future__ import annotations

import re
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent.parent

RUMAH = re.compile(r"^lib/figures[a-z_]*\.py$")
DIKECUALIKAN = ("budget/sen.py", "demo/", "benchmarks/")

POLA = re.compile(
    r"\*\s*100\b(?!_)"  # x * 100
    r"|(?<![\w.])100\s*\*"  # 100 * x
    r"|/\s*100\b(?![_.])"  # x / 100
    r"|Decimal\(\s*[\"']?100[\"']?\s*\)"  # Decimal(100)
    r"|SERATUS\s*[*/]|[*/]\s*SERATUS"  # SERATUS in a product or quotient
    r"|[<>]=?\s*(?:Decimal\(\s*)?[\"']?(?:51|66|76|91)\b"  # a category bound
)


def _sumber() -> list[Path]:
    hasil = []
    for p in AKAR.rglob("*.py"):
        rel = p.relative_to(AKAR).as_posix()
        bagian = rel.split("/")
        if bagian[0].startswith(".") or "migrations" in bagian or "tests" in bagian:
            continue
        if bagian[-1].startswith("test_") or bagian[-1] == "conftest.py":
            continue
        if RUMAH.match(rel) or rel.startswith(DIKECUALIKAN):
            continue
        hasil.append(p)
    return hasil


def temukan(berkas: list[Path]) -> list[str]:
    """``path:line: text`` of every line with percentage or band arithmetic."""
    hasil = []
    for p in berkas:
        for no, baris in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
            kode = baris.split("#", 1)[0]
            if POLA.search(kode):
                nama = p.relative_to(AKAR).as_posix() if p.is_relative_to(AKAR) else p.name
                hasil.append(f"{nama}:{no}: {baris.strip()}")
    return hasil


def test_persen_hanya_di_lib_figures():
    temuan = temukan(_sumber())
    assert not temuan, (
        "percentage or band arithmetic outside lib/figures*.py — call lib.figures "
        "(hitung_persen, hitung_porsi, kategori, kelas_sebaran, ...) instead:\n"
        + "\n".join(temuan)
    )


def test_pola_mengenali_aritmetika_persen(tmp_path):
    contoh = tmp_path / "contoh.py"
    contoh.write_text(
        "a = realisasi * 100 / pagu\n"
        "b = Decimal(n * 100) / jumlah\n"
        "c = capaian < Decimal(51)\n"
        "d = x * SERATUS / y\n"
        "e = 100 * r\n"
        "f = 1_000_000 * 100_000\n"  # not a percentage
        "g = hitung_persen(r, p)  # r * 100 / p\n",  # a comment is not code
        encoding="utf-8",
    )
    temuan = temukan([contoh])
    assert [t.split(":")[1] for t in temuan] == ["1", "2", "3", "4", "5"]


# A module-level Decimal constant outside lib/figures* is a zero, a money unit or a display
# bound; a threshold of a figure or a check (90% projected, 25 points behind, 110% of the
# anggaran kas, ...) lives in lib/figures*.
KONSTANTA_BOLEH = {
    "NOL": "zero",
    "SEN": "the money unit (lib.rupiah, SIPD amounts)",
    "BATAS_PERSEN_RINGKAS": "display only: a narrow grid cell shows '> 999%'",
}


def konstanta_desimal(berkas: list[Path]) -> list[str]:
    """``path:line NAME`` of every module-level ``NAME = Decimal(...)``."""
    import ast

    hasil = []
    for p in berkas:
        for simpul in ast.parse(p.read_text(encoding="utf-8")).body:
            if isinstance(simpul, ast.AnnAssign):
                target, nilai = [simpul.target], simpul.value
            elif isinstance(simpul, ast.Assign):
                target, nilai = simpul.targets, simpul.value
            else:
                continue
            fungsi = getattr(nilai, "func", None)
            if not isinstance(nilai, ast.Call) or "Decimal" not in (
                    getattr(fungsi, "id", None), getattr(fungsi, "attr", None)):
                continue
            berkas_ini = p.relative_to(AKAR).as_posix() if p.is_relative_to(AKAR) else p.name
            for nama in target:
                if isinstance(nama, ast.Name):
                    hasil.append(f"{berkas_ini}:{simpul.lineno} {nama.id}")
    return hasil


def test_ambang_angka_hanya_di_lib_figures():
    temuan = [t for t in konstanta_desimal(_sumber()) if t.rsplit(" ", 1)[1] not in KONSTANTA_BOLEH]
    assert not temuan, (
        "a threshold of a figure or a check outside lib/figures*.py — define it there "
        "(e.g. lib.figures_proyeksi) and import it:\n" + "\n".join(temuan)
    )


def test_ambang_dikenali(tmp_path):
    contoh = tmp_path / "contoh.py"
    contoh.write_text('NOL = Decimal(0)\nBATAS = Decimal("1.10")\nAMBANG: Decimal = Decimal(2)\n'
                      'import decimal\nLAIN = decimal.Decimal(5)\nBUKAN = int(3)\n',
                      encoding="utf-8")
    assert [t.rsplit(" ", 1)[1] for t in konstanta_desimal([contoh])] == [
        "NOL", "BATAS", "AMBANG", "LAIN"]
