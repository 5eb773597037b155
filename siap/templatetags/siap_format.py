"""Display of figures in templates: thin wrappers over ``lib.rupiah``, the one formatting pair.

They refuse anything but ``Decimal`` (``lib.rupiah`` raises ``TypeError``) so a float can never
slip into a page unnoticed; ``None`` (a percentage that cannot be computed) shows as "–".
"""

from decimal import Decimal

from django import template
from django.utils.html import format_html

from lib import kolom as _kolom
from lib import rupiah as _rp
from lib.figures import Kategori, batasi_persen, jelaskan_kategori
from lib.periode import nama_bulan as _nama_bulan

register = template.Library()


@register.filter
def rupiah(value: Decimal | None) -> str:
    """``{{ a.pagu|rupiah }}`` -> ``Rp 1.094.182.195.169,02``."""
    return _rp.rupiah(value)


@register.filter
def persen(value: Decimal | None) -> str:
    """``{{ a.persen_realisasi|persen }}`` -> ``76,73%``."""
    return _rp.persen(value)


@register.filter
def nominal(value: Decimal | None) -> str:
    """Money in a table column whose header carries the unit: ``1.094.182.195.169,02``.
    The same digits as ``rupiah`` (it is ``rupiah`` without the "Rp ")."""
    if value is None:
        return _rp.KOSONG
    return _rp.format_angka(value, 2)


@register.filter
def poin(value: Decimal | None) -> str:
    """Percentage points (a deviasi), without the % sign: ``20,22``; ``None`` -> "–"."""
    if value is None:
        return _rp.KOSONG
    return _rp.format_angka(value, 2)


@register.filter
def rp_tak_terpisah(teks: str) -> str:
    """Keep "Rp" on the same line as its amount when a sentence wraps (a no-break space);
    the sentence itself, as exports use it, keeps ordinary spaces."""
    return str(teks).replace("Rp ", "Rp\u00a0")


@register.filter
def kategori_kelas(value: Kategori | None) -> str:
    """The CSS modifier of a rating: ``kat--sangat-tinggi`` ... ``kat--kosong``."""
    if value is None:
        return "kat--kosong"
    return "kat--" + Kategori(value).value.replace("_", "-")


@register.filter
def kategori_label(value: Kategori | None) -> str:
    return Kategori(value).label if value is not None else _rp.KOSONG


@register.simple_tag
def kategori(value: Kategori | None) -> str:
    """A rating badge: colour for the screen, the word for print and for screen readers."""
    return format_html(
        '<span class="kat {}">{}</span>', kategori_kelas(value), kategori_label(value)
    )


@register.filter
def skala_persen(value: Decimal | None) -> str:
    """A percentage as an SVG length between 0 and 100 (machine format, dot decimal), for the
    bars drawn on the server; out-of-range values are clamped, ``None`` is 0."""
    if value is None:
        return "0"
    if not isinstance(value, Decimal):
        raise TypeError(f"skala_persen membutuhkan Decimal, bukan {type(value).__name__}")
    return _rp.desimal(batasi_persen(value))


BATAS_PERSEN_RINGKAS = Decimal("999.99")


@register.filter
def persen_ringkas(value: Decimal | None) -> str:
    """``persen`` for a narrow grid cell: beyond ±999,99% (a wrong entry) ``> 999%`` /
    ``< -999%``, so an absurd figure cannot widen the table (formulir.js persenRingkas)."""
    if isinstance(value, Decimal):
        bulat = _rp.bulatkan(value, 2)
        if bulat > BATAS_PERSEN_RINGKAS:
            return "> 999%"
        if bulat < -BATAS_PERSEN_RINGKAS:
            return "< -999%"
    return _rp.persen(value)


@register.filter
def bilangan(value: int | Decimal | None) -> str:
    """A count with thousands separators: ``{{ 1240|bilangan }}`` -> ``1.240``."""
    if value is None:
        return _rp.KOSONG
    return _rp.format_angka(Decimal(value), 0)


@register.filter
def nama_bulan(bulan: int | None) -> str:
    """``{{ p.bulan|nama_bulan }}`` -> ``Juni``; "–" when there is no month."""
    return "–" if bulan is None else _nama_bulan(bulan)


@register.filter
def status_untuk(cakupan, opd_id):
    """``{{ cakupan|status_untuk:p.opd_id }}``: an OPD's report of the page's month
    (``evaluation.cakupan.Cakupan``), None where the page has no coverage."""
    return cakupan.untuk(opd_id) if cakupan else None


@register.inclusion_tag("evaluation/_status_laporan.html")
def status_laporan(status):
    """The badge of an OPD's report status (``evaluation.cakupan.StatusLaporanOPD``)."""
    return {"s": status}


@register.simple_tag
def kolom_tabel(kunci: str | None = None) -> tuple:
    """``{% kolom_tabel as kolom %}``: the figure columns of a Rakor table (``lib.kolom``), in
    order; ``{{ k.label_pendek }}`` is the header, ``{{ a|sel_kolom:k }}`` the cell.
    ``{% kolom_tabel "pagu realisasi fisik" as kolom %}``: only those, still in that order."""
    return _kolom.kolom_tabel(kunci)


@register.filter
def sel_kolom(angka, k) -> str:
    """``{{ a|sel_kolom:k }}``: the cell of column ``k`` (a ``lib.kolom.Kolom`` or its key)
    for the figures ``a``, formatted as the specification says."""
    return (k if isinstance(k, _kolom.Kolom) else _kolom.kolom(k)).tulis(angka)


@register.simple_tag
def judul_kolom(kunci: str) -> str:
    """``{% judul_kolom "capaian_anggaran_kas" %}`` -> ``Capaian AK``: a header from
    ``lib.kolom`` for a table that shows only some of the columns."""
    return _kolom.kolom(kunci).label_pendek


@register.simple_tag
def keterangan_kategori() -> str:
    """The capaian scale in words, from ``lib.figures.BATAS_KATEGORI`` (escaped as text)."""
    return jelaskan_kategori()
