"""The Kurva S SVG: well-formed, accessible, points where the figures put them."""

import xml.etree.ElementTree as ET
from decimal import Decimal

from evaluation.grafik import ATAS, BAWAH, TINGGI, kurva_s

NS = {"s": "http://www.w3.org/2000/svg"}
D = Decimal


def _svg(**kw):
    args = {
        "judul": "Kurva S keuangan Dinas A & B",
        "keterangan": "Target dan realisasi <kumulatif>",
        "target": [D(i * 100) / 12 for i in range(1, 13)],
        "realisasi": [D(5), D(10), D(50)] + [None] * 9,
    }
    args.update(kw)
    return kurva_s(**args)


def _titik(root, kelas):
    g = root.find(f"s:g[@class='{kelas}']", NS)
    return [(float(c.get("cx")), float(c.get("cy"))) for c in g.findall("s:circle", NS)]


def test_it_is_well_formed_xml_with_title_and_desc_escaped():
    root = ET.fromstring(_svg())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    assert root.find("s:title", NS).text == "Kurva S keuangan Dinas A & B"
    assert root.find("s:desc", NS).text == "Target dan realisasi <kumulatif>"
    ids = root.get("aria-labelledby").split()
    assert ids == [root.find("s:title", NS).get("id"), root.find("s:desc", NS).get("id")]


def test_it_labels_the_twelve_months_in_indonesian_and_the_percent_axis():
    teks = [t.text for t in ET.fromstring(_svg()).iter("{http://www.w3.org/2000/svg}text")]
    for bulan in ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt",
                  "Nov", "Des"):
        assert bulan in teks
    assert "0%" in teks and "50%" in teks and "100%" in teks
    assert "Target (anggaran kas)" in teks and "Realisasi" in teks


def test_realisasi_stops_at_the_cut_off_and_target_runs_the_whole_year():
    root = ET.fromstring(_svg())
    assert len(_titik(root, "kurva__target")) == 12
    assert len(_titik(root, "kurva__realisasi")) == 3


def test_points_sit_at_their_percentage_of_the_plot_height():
    root = ET.fromstring(_svg())
    nol, seratus = TINGGI - BAWAH, ATAS
    (x1, y1), (x2, y2), (x3, y3) = _titik(root, "kurva__realisasi")
    assert y3 == (nol + seratus) / 2  # 50%
    assert y1 > y2 > y3  # higher percent, higher on the picture
    assert x1 < x2 < x3
    target = _titik(root, "kurva__target")
    assert target[-1][1] == seratus  # 100% in December


def test_each_point_says_its_value_in_indonesian_format():
    root = ET.fromstring(_svg(realisasi=[D("12.345")]))
    judul = root.find("s:g[@class='kurva__realisasi']/s:circle/s:title", NS).text
    assert judul == "Realisasi s.d. Januari: 12,35%"


def test_values_above_100_widen_the_axis_instead_of_leaving_the_picture():
    root = ET.fromstring(_svg(realisasi=[D(130)]))
    teks = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "140%" in teks
    assert _titik(root, "kurva__realisasi")[0][1] >= ATAS


def test_an_empty_series_draws_the_axes_only():
    root = ET.fromstring(_svg(target=[None] * 12, realisasi=[]))
    assert root.find("s:g[@class='kurva__target']", NS) is None
    assert root.find("s:g[@class='kurva__realisasi']", NS) is None
