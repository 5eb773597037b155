"""The report form's workflow around the grid (issue #17): what a refused save leaves on the
page, the keyboard, and the permasalahan recorded in place."""

import json
import re
from html import unescape

import pytest
import time_machine
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from reporting import permasalahan as layanan_permasalahan
from reporting import services
from reporting.models import IsianRealisasi, Permasalahan

from .conftest import D, waktu
from .test_formulir import isian, nilai_input, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def maret():
    with time_machine.travel(waktu(2025, 3, 5), tick=False):
        yield


@pytest.fixture
def op(client, operator_dinkes):
    client.force_login(operator_dinkes)
    return client


def _atribut(response, id_: str, nama: str) -> str | None:
    m = re.search(rf'<(?:input|textarea)[^>]*\bid="{re.escape(id_)}"[^>]*>', response.content.decode())
    assert m, f"isian {id_} tidak ada"
    a = re.search(rf'\b{nama}="([^"]*)"', m.group(0))
    return a.group(1) if a else None


def test_after_a_refused_save_each_input_carries_its_stored_value_for_the_unsaved_count(
        op, dinkes, baris_dinkes, operator_dinkes):
    """Finding 8: after a round trip the page said "isian belum disimpan" with no number, as
    the typed values had become the inputs' own defaults. Each input now carries the stored
    value (``data-tersimpan``) that formulir.js counts the unsaved inputs against."""
    r1, r2, r3, _ = baris_dinkes
    lap = services.laporan_untuk(dinkes, 2025, 3)
    services.simpan(lap, operator_dinkes, revisi=0, realisasi={r1.pk: D(100)},
                    fisik={r1.sub_kegiatan_id: D(20)})
    r = op.post(url(dinkes), isian(baris_dinkes, **{
        "revisi": "1", f"r-{r1.pk}": "100", f"r-{r2.pk}": "-5", f"r-{r3.pk}": "",
        f"f-{r1.sub_kegiatan_id}": "30"}))
    assert r.status_code == 422
    assert nilai_input(r, f"r-{r2.pk}") == "-5"
    assert _atribut(r, f"r-{r1.pk}", "data-tersimpan") == "100,00"
    assert _atribut(r, f"r-{r2.pk}", "data-tersimpan") == ""
    assert _atribut(r, f"f-{r1.sub_kegiatan_id}", "data-tersimpan") == "20,00"
    assert IsianRealisasi.objects.get(rincian=r1, laporan__bulan=3).jumlah == D(100)
    # A page as loaded has nothing unsaved: no baseline but the inputs' own values.
    assert _atribut(op.get(url(dinkes)), f"r-{r1.pk}", "data-tersimpan") is None


# ---------- Permasalahan in place (htmx) ----------

HTMX = {"HTTP_HX_REQUEST": "true"}


def _url_tambah(opd):
    return reverse("reporting:permasalahan_tambah", args=[opd.pk, 2025, 3])


def _form_tambah(sub, **kw):
    return {"pm-sub_kegiatan": str(sub), "pm-kategori": "lahan", "pm-uraian": "Lahan belum bebas.",
            "pm-tindak_lanjut": "", "pm-penanggung_jawab": "", "pm-target_selesai": ""} | kw


def test_the_page_loads_htmx_from_siap_itself_without_inline_styles_or_eval(op, dinkes,
                                                                          baris_dinkes):
    html = op.get(url(dinkes)).content.decode()
    src = re.search(r'<script src="([^"]*htmx[^"]*)"', html)[1]
    assert src.startswith(settings.STATIC_URL) or src.startswith("/" + settings.STATIC_URL)
    assert finders.find(src.split(settings.STATIC_URL, 1)[1])
    konfigurasi = json.loads(unescape(re.search(r'name="htmx-config" content=\'([^\']*)\'', html)[1]))
    assert konfigurasi["includeIndicatorStyles"] is False and konfigurasi["allowEval"] is False
    # the link beside each sub kegiatan opens the form below with that sub kegiatan chosen
    r1 = baris_dinkes[0]
    assert re.search(rf'class="tautan-tambah" href="\?sub={r1.sub_kegiatan_id}#permasalahan-baru" '
                     rf'data-sub="{r1.sub_kegiatan_id}"', html)
    assert f'hx-post="{_url_tambah(dinkes)}" hx-target="#permasalahan" hx-swap="outerHTML"' in html


def test_adding_in_place_answers_the_section_alone_and_the_grids_open_count(
        op, dinkes, baris_dinkes):
    """Finding 8: "+ catat permasalahan" left the form (the browser asked whether to leave
    the typed numbers). In place, the answer replaces only the permasalahan section and the
    count beside the sub kegiatan; the grid — and what is typed in it — is not in it."""
    services.laporan_untuk(dinkes, 2025, 3)
    sub = baris_dinkes[0].sub_kegiatan_id
    r = op.post(_url_tambah(dinkes), _form_tambah(sub), **HTMX)
    assert r.status_code == 200
    html = r.content.decode()
    assert html.lstrip().startswith('<section class="bagian formulir-masalah" id="permasalahan"')
    assert 'id="formulir-laporan"' not in html and "<html" not in html
    assert "Permasalahan dicatat." in html and "Lahan belum bebas." in html
    assert re.search(rf'<span id="masalah-terbuka-{sub}" hx-swap-oob="true"><a [^>]*>'
                     rf'1 permasalahan terbuka</a></span>', html)
    assert Permasalahan.objects.get().uraian == "Lahan belum bebas."
    # The message belongs to this answer only; it does not wait for the next page.
    assert "Permasalahan dicatat." not in op.get(url(dinkes)).content.decode()


def test_a_refused_permasalahan_in_place_keeps_what_was_typed_with_its_message(
        op, dinkes, baris_dinkes):
    services.laporan_untuk(dinkes, 2025, 3)
    sub = baris_dinkes[0].sub_kegiatan_id
    r = op.post(_url_tambah(dinkes), _form_tambah(sub, **{"pm-uraian": "",
                                                         "pm-tindak_lanjut": "Rapat warga."}),
                **HTMX)
    assert r.status_code == 422
    html = r.content.decode()
    assert 'id="formulir-laporan"' not in html
    assert "Uraian permasalahan wajib diisi." in html and "Rapat warga." in html
    assert re.search(r'<details class="masalah-baru" id="permasalahan-baru" open>', html)
    assert not Permasalahan.objects.exists()


def test_closing_in_place_answers_the_section_with_the_obstacle_closed(
        op, dinkes, baris_dinkes, operator_dinkes):
    lap = services.laporan_untuk(dinkes, 2025, 3)
    sub = baris_dinkes[0].sub_kegiatan_id
    p = layanan_permasalahan.tambah(lap, operator_dinkes, sub_kegiatan_id=sub, kategori="lahan",
                                    uraian="Lahan belum bebas.")
    r = op.post(reverse("reporting:permasalahan_ubah", args=[p.pk]),
                {f"pm{p.pk}-bulan": "3", f"pm{p.pk}-tindak_lanjut": "Sudah dibebaskan.",
                 f"pm{p.pk}-selesai": "on"}, **HTMX)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Permasalahan ditandai selesai." in html and 'id="formulir-laporan"' not in html
    assert f'<span id="masalah-terbuka-{sub}" hx-swap-oob="true"></span>' in html
    p.refresh_from_db()
    assert p.status == "selesai"
    # without htmx, the same change still answers with the page (post/redirect/get)
    r = op.post(reverse("reporting:permasalahan_ubah", args=[p.pk]),
                {f"pm{p.pk}-bulan": "3", f"pm{p.pk}-tindak_lanjut": "Sudah dibebaskan."})
    assert r.status_code == 302


def test_the_simpan_button_shows_its_keyboard_shortcut(op, dinkes, baris_dinkes):
    html = op.get(url(dinkes)).content.decode()
    tombol = re.search(r'<button type="submit" name="aksi" value="simpan"[^>]*>.*?</button>', html,
                       re.S)[0]
    assert 'aria-keyshortcuts="Control+S Alt+S"' in tombol and "Ctrl+S</kbd>" in tombol
