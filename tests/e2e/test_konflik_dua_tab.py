"""The same report open in two tabs (finding 4 of issue #17): tab 1 saves a line; the stale tab
2 saves another line and tab 1's value survives; a line both tabs changed is shown side by side
for the user to choose, naming who changed it — here the same user, "Anda sendiri"."""

import re
from decimal import Decimal

import pytest

from lib.angka import baca_angka

from .conftest import masuk

pytestmark = pytest.mark.e2e

TIGA_JUTA = Decimal(3_000_000)


def _buka_bulan_terbuka(page) -> str:
    page.goto("/laporan/")
    page.locator("tr.baris-terbuka a", has_text=re.compile("Isi laporan|Perbaiki")).first.click()
    assert re.search(r"/laporan/\d+/\d{4}/\d{1,2}/", page.url), page.url
    return page.url


def _dua_baris_longgar(page) -> list[str]:
    """Two lines whose pagu leaves room for Rp 3.000.000 more: their input names."""
    baris = page.evaluate("""() => [...document.querySelectorAll('tr.rincian')].map(tr => ({
        nama: tr.querySelector('input[data-kolom=r]').name,
        sisa: Number(tr.dataset.pagu) - Number(tr.dataset.lalu)}))""")
    longgar = [b["nama"] for b in baris if b["sisa"] > 4_000_000]
    assert len(longgar) >= 2, "Dinas Kesehatan needs two lines with room for the test"
    return longgar[:2]


def _nilai(page, nama) -> Decimal | None:
    teks = page.locator(f"input[name='{nama}']").input_value().strip()
    return baca_angka(teks) if teks else None


def test_a_stale_tab_keeps_the_other_tabs_line_and_asks_where_both_changed(halaman, artefak):
    tab1 = halaman
    masuk(tab1, "operator.dinkes")
    url = _buka_bulan_terbuka(tab1)
    tab2 = tab1.context.new_page()
    tab2.goto(url)
    a, b = _dua_baris_longgar(tab1)
    awal_b = _nilai(tab2, b)

    tab1.locator(f"input[name='{a}']").fill("3.000.000")
    tab1.get_by_role("button", name="Simpan", exact=True).click()
    tab1.wait_for_load_state()
    assert _nilai(tab1, a) == TIGA_JUTA

    # Tab 2 never touched line a; it saves line b from its stale page.
    tab2.locator(f"input[name='{b}']").fill("1.234")
    tab2.get_by_role("button", name="Simpan", exact=True).click()
    tab2.wait_for_load_state()
    assert "tersimpan" in tab2.locator("main").inner_text()
    assert _nilai(tab2, a) == TIGA_JUTA, "the stale tab wrote over a line it did not change"
    assert _nilai(tab2, b) == Decimal("1234")
    assert "isian lain diubah oleh Anda sendiri" in tab2.locator("main").inner_text()

    # Now tab 1 is the stale one, and changes line b too: both changed it.
    tab1.locator(f"input[name='{b}']").fill("5.678")
    tab1.get_by_role("button", name="Simpan", exact=True).click()
    tab1.wait_for_load_state()
    isi = tab1.locator("main").inner_text()
    assert "Belum disimpan: isian yang sama diubah di dua tempat" in isi
    assert "pengguna lain" not in isi
    pilihan = tab1.locator("fieldset.bentrok")
    assert pilihan.count() == 1
    teks = re.sub(r"\s+", " ", pilihan.inner_text())
    assert "Juga diubah oleh Anda sendiri (di tab atau perangkat lain)" in teks
    assert "Nilai Anda 5.678,00" in teks and "Nilai tersimpan 1.234,00" in teks
    assert _nilai(tab1, a) == TIGA_JUTA
    tab1.screenshot(path=artefak / "laporan-konflik.png", full_page=True)

    # Saving without choosing guesses nothing; choosing the stored value keeps it.
    tab1.get_by_role("button", name="Simpan", exact=True).click()
    tab1.wait_for_load_state()
    assert "pilih nilai Anda atau nilai yang tersimpan" in tab1.locator("main").inner_text()
    tab1.get_by_label(re.compile("Nilai tersimpan")).check()
    assert _nilai(tab1, b) == Decimal("1234")  # the choice is put into the input
    tab1.get_by_role("button", name="Simpan", exact=True).click()
    tab1.wait_for_load_state()
    assert "tersimpan sebagai draf" in tab1.locator("main").inner_text()
    assert (_nilai(tab1, a), _nilai(tab1, b)) == (TIGA_JUTA, Decimal("1234"))
    assert awal_b != Decimal("1234")
