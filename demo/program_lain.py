"""Programs of the demo in urusan 3 (pilihan) and the supporting units 4–8, in the outline
format of ``nomenklatur.py``.

Belanja tidak terduga and the transfers to the pekon have no program: SIPD books them on the
BPKAD under program ``00`` (non program), as here under ``5.02.00``.
"""

TEKS = """
3.25.03 PROGRAM PENGELOLAAN PERIKANAN TANGKAP
  2.01 Pemberdayaan Nelayan Kecil dalam Daerah Kabupaten/Kota
    0001 Pemberian Pendampingan, Kemudahan Akses Ilmu Pengetahuan, Teknologi dan Informasi, serta Penyelenggaraan Pendidikan dan Pelatihan | program 0.5
3.25.04 PROGRAM PENGELOLAAN PERIKANAN BUDIDAYA
  2.02 Pemberdayaan Pembudi Daya Ikan Kecil
    0001 Penyediaan Prasarana Pembudidayaan Ikan dalam 1 (satu) Daerah Kabupaten/Kota | sarana 1.5
  2.03 Pengelolaan Pembudidayaan Ikan
    0002 Penyediaan Benih Ikan bagi Pembudi Daya Ikan Kecil | program 0.8
3.26.02 PROGRAM PENINGKATAN DAYA TARIK DESTINASI PARIWISATA
  2.01 Pengelolaan Daya Tarik Wisata Kabupaten/Kota
    0001 Pembangunan Sarana dan Prasarana Daya Tarik Wisata | gedung 3
  2.02 Pengelolaan Kawasan Strategis Pariwisata Kabupaten/Kota
    0001 Penyusunan dan Pelaksanaan Rencana Pengelolaan Kawasan Strategis Pariwisata | program 0.5
3.26.03 PROGRAM PEMASARAN PARIWISATA
  2.01 Pemasaran Pariwisata Dalam dan Luar Negeri Daya Tarik, Destinasi dan Kawasan Strategis Pariwisata Kabupaten/Kota
    0004 Pelaksanaan Event Pariwisata dan Festival Budaya | program 2
3.26.04 PROGRAM PENGEMBANGAN EKONOMI KREATIF MELALUI PEMANFAATAN DAN PERLINDUNGAN HAK KEKAYAAN INTELEKTUAL
  2.01 Penyediaan Prasarana (Zona Kreatif/Ruang Kreatif/Kota Kreatif) sebagai Ruang Berekspresi, Berpromosi dan Berinteraksi bagi Insan Kreatif Kabupaten/Kota
    0001 Fasilitasi Pengembangan Ruang Kreatif | program 0.4
3.27.02 PROGRAM PENYEDIAAN DAN PENGEMBANGAN SARANA PERTANIAN
  2.01 Pengawasan Penggunaan Sarana Pendukung Pertanian sesuai dengan Komoditas, Teknologi dan Spesifik Lokasi
    0001 Pengawasan Peredaran Pupuk Bersubsidi dan Pestisida | program 0.3
  2.02 Penyediaan Benih/Bibit Ternak dan Hijauan Pakan Ternak yang Sumbernya dalam 1 (satu) Daerah Kabupaten/Kota Lain
    0001 Penyediaan Benih/Bibit Ternak dan Hijauan Pakan Ternak | program 1
  2.05 Penyediaan Benih Tanaman Perkebunan
    0001 Penyediaan Bibit Kopi Unggul untuk Peremajaan Kebun Rakyat | program 1.5
3.27.03 PROGRAM PENYEDIAAN DAN PENGEMBANGAN PRASARANA PERTANIAN
  2.01 Pembangunan Prasarana Pertanian
    0001 Pembangunan, Rehabilitasi dan Pemeliharaan Jalan Usaha Tani | irigasi 3
    0002 Pembangunan, Rehabilitasi dan Pemeliharaan Jaringan Irigasi Tersier | irigasi 3
3.27.04 PROGRAM PENGENDALIAN KESEHATAN HEWAN DAN KESEHATAN MASYARAKAT VETERINER
  2.01 Penjaminan Kesehatan Hewan, Penutupan dan Pembukaan Daerah Wabah Penyakit Hewan Menular dalam 1 (satu) Daerah Kabupaten/Kota
    0001 Pencegahan dan Pengendalian Penyakit Hewan Menular | program 0.6
3.27.05 PROGRAM PENGENDALIAN DAN PENANGGULANGAN BENCANA PERTANIAN
  2.01 Pengendalian dan Penanggulangan Bencana Pertanian Kabupaten/Kota
    0001 Pengendalian Organisme Pengganggu Tumbuhan (OPT) Tanaman Pangan, Hortikultura, dan Perkebunan | program 0.4
3.27.07 PROGRAM PENYULUHAN PERTANIAN
  2.01 Pengembangan Penerapan Penyuluhan Pertanian
    0001 Pengembangan Kapasitas Kelembagaan Petani di Kecamatan dan Desa | program 1
    0002 Penyediaan dan Pemanfaatan Sarana dan Prasarana Penyuluhan Pertanian | daknf 1
3.30.03 PROGRAM PENINGKATAN SARANA DISTRIBUSI PERDAGANGAN
  2.01 Pembangunan dan Pengelolaan Sarana Distribusi Perdagangan
    0001 Pembangunan dan Revitalisasi Pasar Rakyat | pasar 4
3.30.06 PROGRAM STANDARDISASI DAN PERLINDUNGAN KONSUMEN
  2.01 Pelaksanaan Metrologi Legal, berupa Tera, Tera Ulang, dan Pengawasan
    0001 Pelayanan Tera/Tera Ulang | program 0.4
3.31.02 PROGRAM PERENCANAAN DAN PEMBANGUNAN INDUSTRI
  2.01 Penyusunan, Penerapan dan Evaluasi Rencana Pembangunan Industri Kabupaten/Kota
    0001 Penyusunan Rencana Pembangunan Industri Kabupaten/Kota | program 0.2
3.32.03 PROGRAM PEMBANGUNAN KAWASAN TRANSMIGRASI
  2.01 Penataan Persebaran Penduduk yang Berasal dari 1 (satu) Daerah Kabupaten/Kota
    0001 Penataan Persebaran Penduduk Transmigrasi | program 0.3

4.01.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA
  2.13 Fasilitasi Kerumahtanggaan Sekretariat Daerah
    0001 Penyediaan Kebutuhan Rumah Tangga Kepala Daerah | kantor 3
    0002 Penyediaan Kebutuhan Rumah Tangga Wakil Kepala Daerah | kantor 1.5
    0003 Penyediaan Kebutuhan Rumah Tangga Sekretariat Daerah | kantor 1
  2.14 Penataan Organisasi
    0001 Pengelolaan Kelembagaan dan Analisis Jabatan | program 0.3
    0005 Fasilitasi Keprotokolan dan Komunikasi Pimpinan | program 1.5
4.01.02 PROGRAM PEMERINTAHAN DAN KESEJAHTERAAN RAKYAT
  2.01 Pelaksanaan Kebijakan Kesejahteraan Rakyat
    0001 Fasilitasi Pengelolaan Bina Mental Spiritual | hibah 3
    0004 Pelaksanaan Koordinasi Kebijakan Kesejahteraan Rakyat | program 0.5
  2.02 Pelaksanaan Administrasi Pemerintahan
    0001 Fasilitasi Penyelenggaraan Pemerintahan dan Administrasi Kewilayahan | program 0.5
  2.04 Fasilitasi Kebijakan Bidang Hukum
    0001 Fasilitasi Penyusunan Produk Hukum Daerah | program 0.6
4.01.03 PROGRAM PEREKONOMIAN DAN PEMBANGUNAN
  2.01 Pelaksanaan Kebijakan Perekonomian
    0001 Fasilitasi Pengelolaan BUMD dan BLUD | program 0.3
  2.02 Pelaksanaan Administrasi Pembangunan
    0001 Fasilitasi Penyusunan Program Pembangunan | program 0.5
    0002 Pengendalian Pelaksanaan Pembangunan Daerah | program 0.6
    0003 Pelaporan dan Evaluasi Pelaksanaan Pembangunan | program 0.4
  2.03 Pengelolaan Pengadaan Barang dan Jasa
    0004 Pengelolaan Layanan Pengadaan Secara Elektronik | program 0.4
4.02.02 PROGRAM DUKUNGAN PELAKSANAAN TUGAS DAN FUNGSI DPRD
  2.01 Pembentukan Peraturan Daerah dan Peraturan DPRD
    0001 Penyusunan dan Pembahasan Program Pembentukan Peraturan Daerah | program 2
    0002 Pembahasan Rancangan Peraturan Daerah | program 3
  2.02 Pembahasan Kebijakan Anggaran
    0001 Pembahasan KUA dan PPAS | program 2
    0002 Pembahasan Perubahan KUA dan Perubahan PPAS | program 1.5
    0003 Pembahasan Rancangan Peraturan Daerah tentang APBD | program 2
  2.03 Pengawasan Penyelenggaraan Pemerintahan
    0001 Pengawasan Urusan Pemerintahan Daerah | program 3
    0002 Pembahasan Laporan Keterangan Pertanggungjawaban Kepala Daerah | program 1
  2.05 Penyerapan dan Penghimpunan Aspirasi Masyarakat
    0001 Penyelenggaraan Reses | program 4
  2.06 Fasilitasi Hak Keuangan dan Administratif DPRD
    0001 Penyediaan Gaji dan Tunjangan Pimpinan dan Anggota DPRD | dprd 12

5.01.02 PROGRAM PERENCANAAN, PENGENDALIAN DAN EVALUASI PEMBANGUNAN DAERAH
  2.01 Penyusunan Perencanaan dan Pendanaan
    0002 Penyusunan Dokumen Perencanaan Pembangunan Daerah (RPJPD, RPJMD dan RKPD) | program 2
    0005 Penyelenggaraan Musyawarah Perencanaan Pembangunan | program 0.8
  2.02 Analisis Data dan Informasi Perencanaan Pembangunan Daerah
    0001 Penyusunan Profil Pembangunan Daerah | program 0.3
    0003 Pengelolaan Sistem Informasi Pemerintahan Daerah | aplikasi 0.5
  2.03 Pengendalian, Evaluasi dan Pelaporan Pembangunan Daerah
    0001 Evaluasi dan Pelaporan Pelaksanaan RKPD | program 0.6
5.01.03 PROGRAM KOORDINASI DAN SINKRONISASI PERENCANAAN PEMBANGUNAN DAERAH
  2.02 Koordinasi Perencanaan Pembangunan Bidang Pemerintahan dan Pembangunan Manusia
    0001 Koordinasi Penanggulangan Kemiskinan dan Percepatan Penurunan Stunting | gizi 1
5.05.02 PROGRAM PENELITIAN DAN PENGEMBANGAN DAERAH
  2.01 Penelitian dan Pengembangan Pemerintahan dan Kebijakan Daerah
    0001 Pengkajian Peraturan Daerah dan Kebijakan Pembangunan | program 0.3
  2.06 Pengembangan Inovasi dan Teknologi
    0001 Fasilitasi dan Kompetisi Inovasi Daerah | program 0.4
5.02.00 NON PROGRAM
  0.00 Non Kegiatan
    0001 Belanja Tidak Terduga | btt 6
    0002 Bagi Hasil Pajak dan Retribusi Daerah kepada Pemerintah Pekon | bagi_hasil 5
    0003 Bantuan Keuangan kepada Pemerintah Pekon (Alokasi Dana Pekon) | bankeu 95
5.02.02 PROGRAM PENGELOLAAN KEUANGAN DAERAH
  2.01 Koordinasi dan Penyusunan Rencana Anggaran Daerah
    0001 Koordinasi dan Penyusunan KUA dan PPAS | program 0.5
    0002 Koordinasi, Penyusunan dan Verifikasi RKA-SKPD | program 0.5
    0003 Koordinasi dan Penyusunan Perubahan KUA dan Perubahan PPAS | program 0.3
    0005 Koordinasi dan Penyusunan Rancangan Peraturan Daerah tentang APBD | program 0.5
  2.02 Koordinasi dan Pengelolaan Perbendaharaan Daerah
    0004 Koordinasi dan Pengelolaan Kas Daerah | program 0.6
    0008 Pengelolaan Sistem Informasi Keuangan Daerah | aplikasi 0.6
  2.03 Koordinasi dan Pelaksanaan Akuntansi dan Pelaporan Keuangan Daerah
    0001 Koordinasi dan Penyusunan Laporan Keuangan Pemerintah Daerah | program 0.8
5.02.03 PROGRAM PENGELOLAAN BARANG MILIK DAERAH
  2.01 Pengelolaan Barang Milik Daerah
    0006 Penatausahaan Barang Milik Daerah | program 0.5
  2.02 Pengamanan Barang Milik Daerah
    0001 Pengamanan dan Sertifikasi Barang Milik Daerah | program 0.5
5.02.04 PROGRAM PENGELOLAAN PENDAPATAN DAERAH
  2.01 Perencanaan Pengelolaan Pajak Daerah
    0001 Penyusunan Rencana Penerimaan Pajak Daerah | program 0.4
  2.02 Analisa dan Pengembangan Pajak Daerah, serta Penyusunan Kebijakan Pajak Daerah
    0001 Analisa dan Pengembangan Pajak Daerah | program 0.3
  2.04 Pendataan dan Pendaftaran Objek Pajak Daerah
    0001 Pemutakhiran Data Objek PBB-P2 | program 1
  2.07 Penagihan Pajak Daerah
    0001 Penagihan Pajak Daerah | program 0.6
5.03.02 PROGRAM KEPEGAWAIAN DAERAH
  2.01 Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN
    0001 Penyusunan Rencana Kebutuhan, Jenis dan Jumlah Jabatan untuk Pelaksanaan Pengadaan ASN | program 0.3
    0002 Koordinasi dan Pelaksanaan Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN | program 1
    0004 Pengelolaan Data dan Informasi Kepegawaian | aplikasi 0.5
  2.02 Mutasi dan Promosi ASN
    0001 Pengelolaan Mutasi ASN | program 0.3
5.04.02 PROGRAM PENGEMBANGAN SUMBER DAYA MANUSIA
  2.01 Pengembangan Kompetensi Teknis dan Fungsional Aparatur Sipil Negara
    0001 Pengembangan Kompetensi Manajerial ASN | program 0.8
    0002 Pengembangan Kompetensi Teknis ASN | program 0.5

6.01.02 PROGRAM PENYELENGGARAAN PENGAWASAN
  2.01 Penyelenggaraan Pengawasan Internal
    0001 Pengawasan Kinerja Pemerintah Daerah | program 1.5
    0002 Pengawasan Keuangan Pemerintah Daerah | program 1.5
    0003 Reviu Laporan Kinerja | program 0.5
    0004 Reviu Laporan Keuangan | program 0.5
    0006 Pengawasan Pengelolaan Keuangan Pekon | program 1
  2.02 Penyelenggaraan Pengawasan dengan Tujuan Tertentu
    0001 Audit Investigatif dan Pengawasan dengan Tujuan Tertentu | program 0.5
    0003 Penanganan Pengaduan Masyarakat | program 0.3
6.01.03 PROGRAM PERUMUSAN KEBIJAKAN, PENDAMPINGAN DAN ASISTENSI
  2.02 Pendampingan, Asistensi dan Verifikasi
    0001 Pendampingan dan Asistensi Urusan Pemerintahan Daerah | program 0.5
    0003 Pendampingan Tindak Lanjut Hasil Pemeriksaan | program 0.4

7.01.02 PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK
  2.01 Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan dengan Perangkat Daerah dan Instansi Vertikal Terkait
    0001 Penyelenggaraan Musyawarah Perencanaan Pembangunan Kecamatan | program 0.4
  2.02 Peningkatan Efektivitas Pelayanan Publik
    0001 Penyelenggaraan Pelayanan Administrasi Terpadu Kecamatan (PATEN) | program 0.5
7.01.03 PROGRAM PEMBERDAYAAN MASYARAKAT DESA DAN KELURAHAN
  2.01 Koordinasi Pemberdayaan Masyarakat
    0001 Fasilitasi Kegiatan Pemberdayaan Masyarakat Pekon | program 0.5
7.01.04 PROGRAM KOORDINASI KETENTERAMAN DAN KETERTIBAN UMUM
  2.01 Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum
    0001 Sinergi Penyelenggaraan Ketenteraman dan Ketertiban Umum dengan Kepolisian dan TNI | program 0.3
7.01.05 PROGRAM PENYELENGGARAAN URUSAN PEMERINTAHAN UMUM
  2.01 Koordinasi Kegiatan Pemerintahan di Kecamatan
    0001 Koordinasi Penyelenggaraan Pemerintahan Umum di Kecamatan | program 0.4
7.01.06 PROGRAM PEMBINAAN DAN PENGAWASAN PEMERINTAHAN DESA
  2.01 Fasilitasi Penyelenggaraan Pemerintahan Desa
    0001 Fasilitasi Penyusunan Perencanaan Pembangunan Pekon | program 0.4
    0003 Fasilitasi Pengelolaan Keuangan Pekon | program 0.4

8.01.02 PROGRAM PENGUATAN IDEOLOGI PANCASILA DAN KARAKTER KEBANGSAAN
  2.01 Perumusan Kebijakan Teknis dan Pemantapan Pelaksanaan Bidang Ideologi Pancasila dan Karakter Kebangsaan
    0001 Penguatan Ideologi Pancasila dan Karakter Kebangsaan | program 0.4
8.01.03 PROGRAM PENINGKATAN PERAN PARTAI POLITIK DAN LEMBAGA PENDIDIKAN MELALUI PENDIDIKAN POLITIK DAN PENGEMBANGAN ETIKA SERTA BUDAYA POLITIK
  2.01 Perumusan Kebijakan Teknis dan Pemantapan Pelaksanaan Bidang Pendidikan Politik, Etika Budaya Politik, Peningkatan Demokrasi, Fasilitasi Kelembagaan Pemerintahan, Perwakilan dan Partai Politik, Pemilihan Umum/Pemilihan Kepala Daerah
    0001 Fasilitasi Pendidikan Politik dan Bantuan Keuangan Partai Politik | hibah 2
8.01.04 PROGRAM PEMBERDAYAAN DAN PENGAWASAN ORGANISASI KEMASYARAKATAN
  2.01 Perumusan Kebijakan Teknis dan Pemantapan Pelaksanaan Bidang Pemberdayaan dan Pengawasan Organisasi Kemasyarakatan
    0001 Pemberdayaan dan Pengawasan Organisasi Kemasyarakatan | program 0.3
8.01.05 PROGRAM PEMBINAAN DAN PENGEMBANGAN KETAHANAN EKONOMI, SOSIAL, DAN BUDAYA
  2.01 Perumusan Kebijakan Teknis dan Pemantapan Pelaksanaan Bidang Ketahanan Ekonomi, Sosial, dan Budaya
    0001 Pembinaan Ketahanan Ekonomi, Sosial, dan Budaya | program 0.3
8.01.06 PROGRAM PENINGKATAN KEWASPADAAN NASIONAL DAN PENINGKATAN KUALITAS DAN FASILITASI PENANGANAN KONFLIK SOSIAL
  2.01 Perumusan Kebijakan Teknis dan Pemantapan Pelaksanaan Bidang Kewaspadaan Nasional dan Penanganan Konflik Sosial
    0001 Fasilitasi Forum Koordinasi Pimpinan Daerah dan Kewaspadaan Dini | program 0.5
"""  # noqa: E501
