"""Review findings on the Rakor pages: the kecamatan table's deviasi and total, the TW shortcut
of the quarter holding the month, technical text only for administrators, counts with
thousands separators, the fisik Kurva S axis."""

import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from accounts.models import Peran, User
from budget import testing as t
from budget.models import JenisOPD
from evaluation.grafik import kurva_s
from siap.templatetags.siap_format import bilangan
from tests import sistem

pytestmark = pytest.mark.django_db

D = Decimal
AK = ["100"] * 12  # 1200 a year


def _teks(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _bagian(html: str, id_: str) -> str:
    m = re.search(rf'<section[^>]*id="{id_}".*?</section>', html, re.S)
    assert m, f"bagian #{id_} tidak ada"
    return m.group(0)


def _user(peran, nama=None, **kw):
    return User.objects.create_user(nama or peran, password="x", peran=peran, **kw)


@pytest.fixture
def data():
    """Two kecamatan and one dinas, November 2025: kecamatan A realised 1000 of a target of
    1100, B 550 of 1100 (pagu 1200 each)."""
    a = t.opd("7.01.0.00.0.00.01.0000", "Kecamatan Satu", jenis=JenisOPD.KECAMATAN)
    b = t.opd("7.01.0.00.0.00.02.0000", "Kecamatan Dua", jenis=JenisOPD.KECAMATAN)
    d = t.opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan")
    t.rincian(o=a, sub="7.01.01.2.01.0001", pagu="1200", ak=AK, realisasi={11: "1000"})
    t.rincian(o=b, sub="7.01.01.2.01.0002", pagu="1200", ak=AK, realisasi={11: "550"})
    t.rincian(o=d, sub="1.02.02.2.01.0001", pagu="1200", ak=AK, realisasi={11: "900"})
    t.fisik(a, "7.01.01.2.01.0001", 11, realisasi=80, target=90)
    t.fisik(b, "7.01.01.2.01.0002", 11, realisasi=40, target=90)
    return a, b, d


def test_the_kecamatan_table_has_the_deviasi_and_a_total_row(client, data):
    client.force_login(_user(Peran.PIMPINAN))
    html = client.get(reverse("evaluation:dasbor"), {"tahun": 2025, "bulan": 11}).content.decode()
    bagian = _bagian(html, "kecamatan")
    assert "Deviasi (poin)" in bagian
    teks = _teks(bagian)
    # A: target 1100/1200 = 91,67%, realisasi 1000/1200 = 83,33% -> deviasi 8,33 points
    assert ("Kecamatan Satu Belum lapor 1.200,00 1.100,00 1.000,00 83,33% 91,67% 90,91% 8,33 "
            "80,00%") in teks
    # the total: 2400 pagu, 2200 target, 1550 realised; fisik (80 + 40) / 2 weighted by pagu
    assert ("Jumlah 2 kecamatan 2.400,00 2.200,00 1.550,00 64,58% 91,67% 70,45% 27,08 60,00% "
            "target 90,00%") in teks
    assert "Dinas Kesehatan" not in teks


@pytest.mark.parametrize("nama_url", ["evaluation:permasalahan", "evaluation:bahan_rakor",
                                      "evaluation:dasbor", "evaluation:proyeksi"])
def test_the_quarter_holding_the_month_is_highlighted_with_the_month(client, data, nama_url):
    client.force_login(_user(Peran.PIMPINAN))
    html = client.get(reverse(nama_url), {"tahun": 2025, "bulan": 11}).content.decode()
    assert re.search(r'href="\?tahun=2025&amp;bulan=12" aria-current="true">TW IV '
                     r'<span class="pil__bulan">s\.d\. November</span>', html)
    assert 'href="?tahun=2025&amp;bulan=9">TW III</a>' in html
    assert html.count('aria-current="true">TW') == 1
    # at a quarter's end the button is just the quarter
    html = client.get(reverse(nama_url), {"tahun": 2025, "bulan": 9}).content.decode()
    assert 'href="?tahun=2025&amp;bulan=9" aria-current="true">TW III</a>' in html


def test_a_bad_month_on_the_rakor_pages_is_still_explained(client, data):
    client.force_login(_user(Peran.PIMPINAN))
    for nama_url in ("evaluation:permasalahan", "evaluation:bahan_rakor"):
        r = client.get(reverse(nama_url), {"tahun": 2025, "bulan": 13})
        assert r.status_code == 400
        assert "Bulan “13” tidak dikenali" in r.content.decode()


def test_setting_names_and_commands_are_shown_to_administrators_only(client, data):
    param = {"tahun": 2025, "bulan": 11}
    for peran, admin in ((Peran.PIMPINAN, False), (Peran.VERIFIKATOR, False), (Peran.ADMIN, True)):
        client.force_login(_user(peran, f"u-{peran}"))
        indeks = _teks(client.get(reverse("evaluation:indeks"), param).content.decode())
        bahan = _teks(client.get(reverse("evaluation:bahan_rakor"), param).content.decode())
        assert "Bobot diatur oleh administrator sistem." in indeks
        assert ("SIAP_BOBOT_INDEKS" in indeks) is admin
        assert ("siap rakor --tahun 2025 --bulan 11" in bahan) is admin


def test_counts_have_thousands_separators():
    assert bilangan(1240) == "1.240"
    assert bilangan(7) == "7"
    assert bilangan(None) == "–"


def test_the_fisik_kurva_s_names_its_axis_as_fisik(client, data):
    client.force_login(_user(Peran.PIMPINAN))
    html = client.get(reverse("evaluation:dasbor"), {"tahun": 2025, "bulan": 11}).content.decode()
    svg = {m.group(1): m.group(0) for m in re.finditer(
        r'<svg(?:(?!</svg>).)*?id="kurva-pemda-(\w+)-judul".*?</svg>', html, re.S)}
    assert set(svg) == {"fisik", "keuangan"}
    assert "% fisik (tertimbang pagu), kumulatif" in svg["fisik"]
    assert "% dari pagu" not in svg["fisik"]
    assert "% dari pagu, kumulatif" in svg["keuangan"]
    svg = kurva_s(judul="x", keterangan="y", target=[D(1)], realisasi=[D(1)], label_sumbu="a<b")
    assert "a&lt;b" in svg


def _halaman_baris(css: str, jumlah: int) -> list[list[str]]:
    weasyprint = sistem.weasyprint()
    CSS, HTML = weasyprint.CSS, weasyprint.HTML  # noqa: N806

    baris = "".join(f"<tr><td>{i}</td><td>baris {i}</td></tr>" for i in range(1, jumlah + 1))
    html = (f"<html><body><p style='height:150mm'>x</p><table class='tabel'><thead><tr><th>No"
            f"</th><th>T</th></tr></thead><tbody>{baris}</tbody></table></body></html>")
    halaman = []
    for pg in HTML(string=html).render(stylesheets=[CSS(string=css)]).pages:
        teks = []

        def jalan(b, teks=teks):
            if getattr(b, "text", None):
                teks.append(b.text)
            for c in getattr(b, "children", None) or []:
                jalan(c)
        jalan(pg._page_box)
        halaman.append([t for t in teks if t.isdigit()])
    return halaman


def test_the_pdf_never_leaves_the_last_table_row_alone_on_a_page():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[1] / "static" / "evaluation" / "rakor_pdf.css").read_text()
    tanpa_aturan = css.split("/* No table row left alone")[0]
    assert tanpa_aturan != css
    # find a length whose last row falls alone on a page without the rule
    for n in range(30, 60):
        if _halaman_baris(tanpa_aturan, n)[-1] == [str(n)]:
            break
    else:
        pytest.fail("tidak ada panjang tabel yang menyisakan satu baris")
    halaman = _halaman_baris(css, n)
    assert len(halaman[-1]) >= 2
    assert [int(x) for h in halaman for x in h] == list(range(1, n + 1))


def test_the_sub_kegiatan_months_come_in_two_half_years_so_december_is_visible(client, data):
    a, _, _ = data
    client.force_login(_user(Peran.PIMPINAN))
    url = reverse("evaluation:sub_kegiatan", args=[a.pk, t.sub_kegiatan("7.01.01.2.01.0001").pk])
    html = client.get(url, {"tahun": 2025, "bulan": 11}).content.decode()
    bagian = _bagian(html, "per-bulan")
    tabel = re.findall(r"<table.*?</table>", bagian, re.S)
    assert len(tabel) == 2
    pertama, kedua = (_teks(x) for x in tabel)
    assert "Januari–Juni" in pertama and "Juni" in pertama and "Juli" not in pertama
    assert "Juli–Desember" in kedua and "Desember" in kedua and "Januari" not in kedua
    assert "Anggaran kas 100,00 100,00 100,00 100,00 100,00 100,00" in kedua
    # July–October: the OPD reported nothing (no submitted report, no realisasi) — "–"
    assert "Realisasi kumulatif – – – – 1.000,00 –" in kedua
    # the cut-off month is marked, the months after it greyed
    assert re.search(r'class="angka bulan-batas">November<', tabel[1])
    assert re.search(r'class="angka lewat-batas">Desember<', tabel[1])
