"""Programs of the demo in urusan 1 and 2 (services), in the outline format of
``nomenklatur.py``: program, then indented kegiatan, then indented sub kegiatan with
``| profil bobot`` — the kind of spending (see ``profil.py``) and its relative size in the OPD.
"""

TEKS = """
1.01.02 PROGRAM PENGELOLAAN PENDIDIKAN
  2.01 Pengelolaan Pendidikan Sekolah Dasar
    0002 Penambahan Ruang Kelas Baru | gedung 6
    0007 Rehabilitasi Sedang/Berat Ruang Kelas Sekolah | gedung 5
    0006 Pembangunan Sarana, Prasarana dan Utilitas Sekolah | gedung 2
    0017 Pengadaan Mebel Sekolah | alat 1.5
    0019 Pengadaan Perlengkapan Sekolah | alat 1
    0024 Pengelolaan Dana BOS Sekolah Dasar | bos 16
    0021 Pembinaan Minat, Bakat dan Kreativitas Siswa | program 0.5
  2.02 Pengelolaan Pendidikan Sekolah Menengah Pertama
    0002 Penambahan Ruang Kelas Baru | gedung 4
    0005 Pembangunan Laboratorium dan Ruang Praktik Sekolah | gedung 3
    0007 Rehabilitasi Sedang/Berat Ruang Kelas Sekolah | gedung 3
    0019 Pengadaan Perlengkapan Sekolah | alat 1
    0024 Pengelolaan Dana BOS Sekolah Menengah Pertama | bos 10
  2.03 Pengelolaan Pendidikan Anak Usia Dini (PAUD)
    0011 Pengelolaan Dana BOP PAUD | bos 3
    0012 Pembinaan Kelembagaan dan Manajemen PAUD | program 0.4
  2.04 Pengelolaan Pendidikan Nonformal/Kesetaraan
    0010 Pengelolaan Dana BOP Pendidikan Kesetaraan | bos 0.8
1.01.03 PROGRAM PENGEMBANGAN KURIKULUM
  2.01 Penetapan Kurikulum Muatan Lokal Pendidikan Dasar
    0001 Penyusunan Kurikulum Muatan Lokal Pendidikan Dasar | program 0.3
1.01.05 PROGRAM PENDIDIK DAN TENAGA KEPENDIDIKAN
  2.01 Pemindahan Pendidik dan Tenaga Kependidikan dalam 1 (Satu) Daerah Kabupaten/Kota
    0001 Perhitungan dan Pemetaan Pendidik dan Tenaga Kependidikan Satuan Pendidikan | program 0.3
    0002 Peningkatan Kompetensi dan Kualifikasi Pendidik dan Tenaga Kependidikan | program 1
2.22.02 PROGRAM PENGEMBANGAN KEBUDAYAAN
  2.01 Pelestarian Kesenian Tradisional
    0001 Peningkatan Pendidikan dan Pelatihan Sumber Daya Manusia Kesenian Tradisional | program 0.3
    0003 Penyelenggaraan Festival Seni dan Budaya | program 1

1.02.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA
  2.10 Peningkatan Pelayanan BLUD
    0001 Pelayanan dan Penunjang Pelayanan BLUD | blud 40
1.02.02 PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT
  2.01 Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota
    0001 Pembangunan Rumah Sakit beserta Sarana dan Prasarana Pendukungnya | gedung 8
    0002 Pembangunan Puskesmas | gedung 6
    0009 Rehabilitasi dan Pemeliharaan Puskesmas | gedung 3
    0014 Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan | alkes 5
    0017 Pengadaan Obat, Bahan Habis Pakai, Bahan Medis Habis Pakai, Vaksin, Makanan dan Minuman di Fasilitas Kesehatan | obat 4
    0020 Pemeliharaan Rutin dan Berkala Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan | pelihara 0.5
  2.02 Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota
    0001 Pengelolaan Pelayanan Kesehatan Ibu Hamil | bok 1
    0003 Pengelolaan Pelayanan Kesehatan Bayi Baru Lahir | bok 0.6
    0004 Pengelolaan Pelayanan Kesehatan Balita | bok 0.8
    0010 Pengelolaan Pelayanan Kesehatan Orang Terduga Tuberkulosis | bok 0.6
    0011 Pengelolaan Pelayanan Kesehatan Orang dengan Risiko Terinfeksi HIV | bok 0.3
    0015 Pengelolaan Pelayanan Kesehatan Gizi Masyarakat | gizi 1.5
    0020 Pengelolaan Jaminan Kesehatan Masyarakat | jaminan 14
    0025 Operasional Pelayanan Puskesmas | jkn 7
    0029 Penyediaan dan Pengelolaan Sistem Penanganan Gawat Darurat Terpadu (SPGDT) | program 0.4
    0037 Pelaksanaan Kewaspadaan Dini dan Respon Wabah | program 0.3
  2.03 Penyelenggaraan Sistem Informasi Kesehatan secara Terintegrasi
    0001 Pengelolaan Data dan Informasi Kesehatan | program 0.2
1.02.03 PROGRAM PENINGKATAN KAPASITAS SUMBER DAYA MANUSIA KESEHATAN
  2.02 Perencanaan Kebutuhan dan Pendayagunaan Sumber Daya Manusia Kesehatan untuk UKP dan UKM di Wilayah Kabupaten/Kota
    0002 Distribusi dan Pemerataan Sumber Daya Manusia Kesehatan | program 1
  2.03 Pengembangan Mutu dan Peningkatan Kompetensi Teknis Sumber Daya Manusia Kesehatan Tingkat Daerah Kabupaten/Kota
    0001 Peningkatan Kompetensi dan Kualifikasi Sumber Daya Manusia Kesehatan | program 0.5
1.02.04 PROGRAM SEDIAAN FARMASI, ALAT KESEHATAN DAN MAKANAN MINUMAN
  2.06 Pemeriksaan dan Tindak Lanjut Hasil Pemeriksaan Post Market pada Produksi dan Produk Makanan Minuman Industri Rumah Tangga
    0001 Pemeriksaan Post Market pada Produk Makanan-Minuman Industri Rumah Tangga yang Beredar dan Pengawasan serta Tindak Lanjut Pengawasan | program 0.2
1.02.05 PROGRAM PEMBERDAYAAN MASYARAKAT BIDANG KESEHATAN
  2.01 Advokasi, Pemberdayaan, Kemitraan, Peningkatan Peran Serta Masyarakat dan Lintas Sektor Tingkat Daerah Kabupaten/Kota
    0001 Peningkatan Upaya Advokasi Kesehatan, Pemberdayaan, Penggalangan Kemitraan, Peran Serta Masyarakat dan Lintas Sektor Tingkat Daerah Kabupaten/Kota | program 0.3
  2.02 Pelaksanaan Komunikasi Informasi dan Edukasi (KIE) Perilaku Hidup Bersih dan Sehat dalam rangka Promotif Preventif Tingkat Daerah Kabupaten/Kota
    0001 Penyelenggaraan Promosi Kesehatan dan Perilaku Hidup Bersih dan Sehat | program 0.3
  2.03 Pengembangan dan Pelaksanaan Upaya Kesehatan Bersumber Daya Masyarakat (UKBM) Tingkat Daerah Kabupaten/Kota
    0001 Bimbingan Teknis dan Supervisi Pengembangan dan Pelaksanaan Upaya Kesehatan Bersumber Daya Masyarakat (UKBM) | program 0.3

1.03.02 PROGRAM PENGELOLAAN SUMBER DAYA AIR (SDA)
  2.01 Pengelolaan SDA dan Bangunan Pengaman Pantai pada Wilayah Sungai (WS) dalam 1 (satu) Daerah Kabupaten/Kota
    0013 Normalisasi/Restorasi Sungai | jaringan 2
    0021 Pembangunan Bangunan Perkuatan Tebing | jaringan 2.5
  2.02 Pengembangan dan Pengelolaan Sistem Irigasi Primer dan Sekunder pada Daerah Irigasi yang Luasnya di bawah 1000 Ha dalam 1 (satu) Daerah Kabupaten/Kota
    0001 Pembangunan Bendung Irigasi | irigasi 3
    0015 Rehabilitasi Jaringan Irigasi Permukaan | irigasi 5
    0037 Operasi dan Pemeliharaan Jaringan Irigasi Permukaan | pelihara 1
1.03.03 PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM PENYEDIAAN AIR MINUM
  2.01 Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum (SPAM) di Daerah Kabupaten/Kota
    0005 Pembangunan SPAM Jaringan Perpipaan di Kawasan Perdesaan | air 4
    0017 Perluasan SPAM Jaringan Perpipaan di Kawasan Perdesaan | air 2
1.03.05 PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM AIR LIMBAH
  2.01 Pengelolaan dan Pengembangan Sistem Air Limbah Domestik dalam Daerah Kabupaten/Kota
    0005 Pembangunan Sistem Pengelolaan Air Limbah Domestik Setempat | air 2
1.03.10 PROGRAM PENYELENGGARAAN JALAN
  2.01 Penyelenggaraan Jalan Kabupaten/Kota
    0001 Penyusunan Rencana, Kebijakan, Strategi dan Teknis Pengembangan Jaringan Jalan serta Perencanaan Teknis Penyelenggaraan Jalan dan Jembatan | program 1.5
    0002 Pembangunan Jalan | jalan 22
    0004 Pembangunan Jembatan | jalan 6
    0006 Rekonstruksi Jalan | jaringan 8
    0007 Rehabilitasi Jalan | jalan 18
    0010 Pemeliharaan Berkala Jalan | jaringan 5
    0011 Pemeliharaan Rutin Jalan | pelihara 3
    0018 Pembangunan Trotoar | jaringan 1
1.03.11 PROGRAM PENGEMBANGAN JASA KONSTRUKSI
  2.03 Penyelenggaraan Pelatihan Tenaga Ahli Konstruksi
    0001 Penyelenggaraan Pelatihan Tenaga Terampil Konstruksi | program 0.3
1.03.12 PROGRAM PENYELENGGARAAN PENATAAN RUANG
  2.01 Penetapan Rencana Tata Ruang Wilayah (RTRW) dan Rencana Rinci Tata Ruang (RDTR) Kabupaten/Kota
    0002 Penyusunan Rencana Detail Tata Ruang | program 1

1.04.02 PROGRAM PENGEMBANGAN PERUMAHAN
  2.01 Pendataan Penyediaan dan Rehabilitasi Rumah Korban Bencana atau Relokasi Program Kabupaten/Kota
    0004 Rehabilitasi Rumah bagi Korban Bencana | program 2
1.04.03 PROGRAM KAWASAN PERMUKIMAN
  2.02 Penataan dan Peningkatan Kualitas Kawasan Permukiman Kumuh dengan Luas di Bawah 10 (sepuluh) Ha
    0002 Perbaikan Rumah Tidak Layak Huni dalam rangka Peningkatan Kualitas Permukiman Kumuh | gedung 3
1.04.07 PROGRAM PENINGKATAN PRASARANA, SARANA DAN UTILITAS UMUM (PSU)
  2.01 Urusan Penyelenggaraan PSU Perumahan
    0001 Penyediaan Prasarana, Sarana, dan Utilitas Umum di Perumahan untuk Menunjang Fungsi Hunian | jaringan 4
    0005 Rehabilitasi Prasarana, Sarana, dan Utilitas Umum di Perumahan | jaringan 2
2.10.03 PROGRAM PENGADAAN TANAH UNTUK KEPENTINGAN UMUM
  2.01 Pengadaan Tanah untuk Kepentingan Umum
    0001 Penetapan Lokasi dan Pengadaan Tanah untuk Kepentingan Umum | tanah 2

1.05.02 PROGRAM PENINGKATAN KETENTERAMAN DAN KETERTIBAN UMUM
  2.01 Penanganan Gangguan Ketenteraman dan Ketertiban Umum dalam 1 (Satu) Daerah Kabupaten/Kota
    0001 Penanganan Gangguan Ketenteraman dan Ketertiban Umum melalui Deteksi Dini dan Cegah Dini, Pembinaan dan Penyuluhan, Pelaksanaan Patroli, Pengamanan, dan Pengawalan | program 2
  2.02 Penegakan Peraturan Daerah Kabupaten/Kota dan Peraturan Bupati/Wali Kota
    0001 Penyelenggaraan Penegakan Peraturan Daerah dan Peraturan Bupati | program 1
1.05.03 PROGRAM PENANGGULANGAN BENCANA
  2.01 Pelayanan Informasi Rawan Bencana Kabupaten/Kota
    0001 Penyusunan Kajian Risiko Bencana Kabupaten/Kota | program 0.4
  2.02 Pelayanan Pencegahan dan Kesiapsiagaan terhadap Bencana
    0001 Sosialisasi, Komunikasi, Informasi dan Edukasi (KIE) Rawan Bencana Kabupaten/Kota | program 0.6
    0003 Penyediaan Peralatan Perlindungan dan Kesiapsiagaan terhadap Bencana Kabupaten/Kota | alat 1
  2.03 Pelayanan Penyelamatan dan Evakuasi Korban Bencana
    0001 Respon Cepat Darurat Bencana Kabupaten/Kota | program 1
  2.04 Penataan Sistem Dasar Penanggulangan Bencana
    0002 Pengelolaan Rehabilitasi dan Rekonstruksi Pasca Bencana | jaringan 2
1.05.04 PROGRAM PENCEGAHAN, PENANGGULANGAN, PENYELAMATAN KEBAKARAN DAN PENYELAMATAN NON KEBAKARAN
  2.01 Pencegahan, Pengendalian, Pemadaman, Penyelamatan, dan Penanganan Bahan Berbahaya dan Beracun Kebakaran dalam Daerah Kabupaten/Kota
    0001 Pencegahan Kebakaran dan Penyelamatan Non Kebakaran | program 1
    0003 Pengadaan Sarana dan Prasarana Pemadam Kebakaran | alat 2

1.06.02 PROGRAM PEMBERDAYAAN SOSIAL
  2.04 Pengembangan Potensi Sumber Kesejahteraan Sosial Daerah Kabupaten/Kota
    0001 Peningkatan Kemampuan Potensi Pekerja Sosial Masyarakat Kabupaten/Kota | program 0.5
1.06.04 PROGRAM REHABILITASI SOSIAL
  2.02 Rehabilitasi Sosial Penyandang Disabilitas Terlantar, Anak Terlantar, Lanjut Usia Terlantar, serta Gelandangan Pengemis di Luar Panti Sosial
    0001 Pemberian Permakanan | bansos 1
    0004 Pemberian Alat Bantu | bansos 0.5
1.06.05 PROGRAM PERLINDUNGAN DAN JAMINAN SOSIAL
  2.02 Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota
    0001 Pendataan Fakir Miskin Cakupan Daerah Kabupaten/Kota | program 0.8
1.06.06 PROGRAM PENANGANAN BENCANA
  2.01 Perlindungan Sosial Korban Bencana Alam dan Sosial Kabupaten/Kota
    0001 Penyediaan Makanan | bansos 0.5
    0002 Penyediaan Sandang | bansos 0.3

2.07.03 PROGRAM PELATIHAN KERJA DAN PRODUKTIVITAS TENAGA KERJA
  2.01 Pelaksanaan Pelatihan berdasarkan Unit Kompetensi
    0001 Proses Pelaksanaan Pendidikan dan Pelatihan Keterampilan bagi Pencari Kerja berdasarkan Klaster Kompetensi | program 1
2.07.04 PROGRAM PENEMPATAN TENAGA KERJA
  2.01 Pelayanan Antarkerja di Daerah Kabupaten/Kota
    0001 Penyediaan Layanan Informasi Pasar Kerja | program 0.5
2.07.05 PROGRAM HUBUNGAN INDUSTRIAL
  2.01 Pengesahan Peraturan Perusahaan dan Pendaftaran Perjanjian Kerja Bersama untuk Perusahaan yang hanya Beroperasi dalam 1 (satu) Daerah Kabupaten/Kota
    0001 Pengesahan Peraturan Perusahaan dan Pendaftaran Perjanjian Kerja Bersama | program 0.2
2.08.02 PROGRAM PENGARUSUTAMAAN GENDER DAN PEMBERDAYAAN PEREMPUAN
  2.01 Pelembagaan Pengarusutamaan Gender (PUG) pada Lembaga Pemerintah Kewenangan Kabupaten/Kota
    0001 Koordinasi dan Sinkronisasi Perumusan Kebijakan Pelaksanaan PUG | program 0.3
2.08.03 PROGRAM PERLINDUNGAN PEREMPUAN
  2.02 Penyediaan Layanan Rujukan Lanjutan bagi Perempuan Korban Kekerasan yang Memerlukan Koordinasi Kewenangan Daerah Kabupaten/Kota
    0001 Penyediaan Layanan Pengaduan Masyarakat bagi Perempuan Korban Kekerasan | daknf 0.6
2.09.02 PROGRAM PENGELOLAAN SUMBER DAYA EKONOMI UNTUK KEDAULATAN DAN KEMANDIRIAN PANGAN
  2.01 Penyediaan Infrastruktur dan Seluruh Pendukung Kemandirian Pangan sesuai Kewenangan Daerah Kabupaten/Kota
    0002 Penyediaan Pangan Berbasis Sumber Daya Lokal | program 0.8
2.09.03 PROGRAM PENINGKATAN DIVERSIFIKASI DAN KETAHANAN PANGAN MASYARAKAT
  2.01 Pelaksanaan Pencapaian Target Konsumsi Pangan Perkapita/Tahun sesuai dengan Angka Kecukupan Gizi
    0001 Penyusunan Peta Ketahanan dan Kerentanan Pangan | program 0.4
    0002 Pemberdayaan Masyarakat dalam Penganekaragaman Konsumsi Pangan Berbasis Sumber Daya Lokal | program 0.6
2.09.04 PROGRAM PENANGANAN KERAWANAN PANGAN
  2.01 Penyediaan dan Penyaluran Pangan Pokok atau Pangan Lainnya sesuai dengan Kebutuhan Daerah Kabupaten/Kota dalam rangka Stabilisasi Pasokan dan Harga Pangan
    0001 Penyediaan dan Penyaluran Pangan bagi Masyarakat Rawan Pangan | program 0.5
2.09.05 PROGRAM PENGAWASAN KEAMANAN PANGAN
  2.01 Pelaksanaan Pengawasan Keamanan Pangan Segar Daerah Kabupaten/Kota
    0001 Pengawasan Keamanan Pangan Segar Daerah Kabupaten/Kota | program 0.3
2.11.02 PROGRAM PERENCANAAN LINGKUNGAN HIDUP
  2.01 Rencana Perlindungan dan Pengelolaan Lingkungan Hidup (RPPLH) Kabupaten/Kota
    0001 Penyusunan Rencana Perlindungan dan Pengelolaan Lingkungan Hidup | program 0.3
2.11.03 PROGRAM PENGENDALIAN PENCEMARAN DAN/ATAU KERUSAKAN LINGKUNGAN HIDUP
  2.01 Pencegahan Pencemaran dan/atau Kerusakan Lingkungan Hidup
    0001 Pemantauan Kualitas Lingkungan Hidup | program 0.4
2.11.11 PROGRAM PENGELOLAAN PERSAMPAHAN
  2.01 Pengelolaan Sampah
    0001 Penanganan Sampah dengan Melakukan Pemilahan, Pengumpulan, Pengangkutan, Pengolahan, dan Pemrosesan Akhir | program 3
    0002 Penyediaan Sarana dan Prasarana Pengelolaan Sampah | alat 2
    0005 Pembangunan dan Pengembangan Tempat Pemrosesan Akhir Sampah | gedung 1.5
2.12.02 PROGRAM PENDAFTARAN PENDUDUK
  2.01 Pelayanan Pendaftaran Penduduk
    0001 Penyelenggaraan Pendaftaran Penduduk | program 1
2.12.03 PROGRAM PENCATATAN SIPIL
  2.01 Pelayanan Pencatatan Sipil
    0001 Penyelenggaraan Pencatatan Sipil | program 0.5
2.12.04 PROGRAM PENGELOLAAN INFORMASI ADMINISTRASI KEPENDUDUKAN
  2.01 Pengumpulan Data Kependudukan dan Pemanfaatan dan Penyajian Database Kependudukan
    0001 Pengumpulan Data Kependudukan dan Penyajian Database Kependudukan | aplikasi 0.8
2.13.02 PROGRAM PENATAAN DESA
  2.01 Penyelenggaraan Penataan Desa
    0001 Fasilitasi Penataan Desa | program 0.3
2.13.04 PROGRAM ADMINISTRASI PEMERINTAHAN DESA
  2.01 Pembinaan dan Pengawasan Penyelenggaraan Administrasi Pemerintahan Desa
    0001 Fasilitasi Pengelolaan Keuangan Desa | program 0.8
    0002 Peningkatan Kapasitas Aparatur Pemerintah Desa | program 0.6
2.13.05 PROGRAM PEMBERDAYAAN LEMBAGA KEMASYARAKATAN, LEMBAGA ADAT DAN MASYARAKAT HUKUM ADAT
  2.01 Pemberdayaan Lembaga Kemasyarakatan yang Bergerak di Bidang Pemberdayaan Desa dan Lembaga Adat Tingkat Daerah Kabupaten/Kota
    0001 Fasilitasi Kerja Sama Antar Lembaga Kemasyarakatan dan Lembaga Adat | program 0.4
2.14.03 PROGRAM PEMBINAAN KELUARGA BERENCANA (KB)
  2.02 Pendayagunaan Tenaga Penyuluh KB/Petugas Lapangan KB (PKB/PLKB)
    0003 Pelaksanaan Penggerakan Pelayanan KB oleh Penyuluh KB | daknf 1
  2.03 Pengendalian dan Pendistribusian Kebutuhan Alat dan Obat Kontrasepsi serta Pelaksanaan Pelayanan KB di Daerah Kabupaten/Kota
    0002 Pendistribusian Alat dan Obat Kontrasepsi dan Sarana Penunjang Pelayanan KB | daknf 0.5
2.14.04 PROGRAM PEMBERDAYAAN DAN PENINGKATAN KELUARGA SEJAHTERA (KS)
  2.01 Pelaksanaan Pembangunan Keluarga melalui Pembinaan Ketahanan dan Kesejahteraan Keluarga
    0004 Pelaksanaan Pendampingan Keluarga Berisiko Stunting | gizi 1
2.15.02 PROGRAM PENYELENGGARAAN LALU LINTAS DAN ANGKUTAN JALAN (LLAJ)
  2.01 Penetapan Rencana Induk Jaringan LLAJ Kabupaten/Kota
    0001 Penyusunan Rencana Induk Jaringan LLAJ Kabupaten/Kota | program 0.3
  2.02 Penyediaan Perlengkapan Jalan di Jalan Kabupaten/Kota
    0001 Pengadaan, Pemasangan, Perbaikan dan Pemeliharaan Perlengkapan Jalan dalam rangka Keselamatan Lalu Lintas | jaringan 2
    0004 Pengadaan dan Pemasangan Penerangan Jalan Umum | jaringan 2
  2.06 Pengujian Berkala Kendaraan Bermotor
    0001 Pelaksanaan Pengujian Berkala Kendaraan Bermotor | program 0.5
2.16.02 PROGRAM INFORMASI DAN KOMUNIKASI PUBLIK
  2.01 Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah Kabupaten/Kota
    0002 Pengelolaan Konten dan Perencanaan Media Komunikasi Publik | program 1
    0005 Penyelenggaraan Hubungan Masyarakat, Media dan Kemitraan Komunitas | program 1.5
2.16.03 PROGRAM APLIKASI INFORMATIKA
  2.02 Pengelolaan E-government di Lingkup Pemerintah Daerah Kabupaten/Kota
    0005 Pengelolaan Pusat Data Pemerintahan Daerah | aplikasi 1
    0006 Penyelenggaraan Sistem Jaringan Intra Pemerintah Daerah | program 1.5
2.17.05 PROGRAM PENDIDIKAN DAN LATIHAN PERKOPERASIAN
  2.01 Pendidikan dan Latihan Perkoperasian bagi Koperasi yang Wilayah Keanggotaan dalam Daerah Kabupaten/Kota
    0001 Peningkatan Pemahaman dan Pengetahuan Perkoperasian serta Kapasitas dan Kompetensi SDM Koperasi | program 0.3
2.17.08 PROGRAM PENGEMBANGAN UMKM
  2.01 Pemberdayaan Usaha Mikro yang Dilakukan melalui Pendataan, Kemitraan, Kemudahan Perizinan, Penguatan Kelembagaan dan Koordinasi dengan Para Pemangku Kepentingan
    0001 Fasilitasi Kemudahan Perizinan Usaha Mikro | program 0.5
2.18.02 PROGRAM PENGEMBANGAN IKLIM PENANAMAN MODAL
  2.01 Penetapan Pemberian Fasilitas/Insentif di Bidang Penanaman Modal yang Menjadi Kewenangan Daerah Kabupaten/Kota
    0001 Pemberian Fasilitas/Insentif di Bidang Penanaman Modal | program 0.2
2.18.03 PROGRAM PROMOSI PENANAMAN MODAL
  2.01 Penyelenggaraan Promosi Penanaman Modal yang Menjadi Kewenangan Daerah Kabupaten/Kota
    0001 Pelaksanaan Kegiatan Promosi Penanaman Modal | program 0.4
2.18.04 PROGRAM PELAYANAN PENANAMAN MODAL
  2.01 Pelayanan Perizinan dan Nonperizinan secara Terpadu Satu Pintu di Bidang Penanaman Modal yang Menjadi Kewenangan Daerah Kabupaten/Kota
    0001 Penyediaan Pelayanan Perizinan Berusaha melalui Sistem Perizinan Berusaha Terintegrasi secara Elektronik | program 0.8
2.18.05 PROGRAM PENGENDALIAN PELAKSANAAN PENANAMAN MODAL
  2.01 Pengendalian Pelaksanaan Penanaman Modal yang Menjadi Kewenangan Daerah Kabupaten/Kota
    0001 Pemantauan, Pembinaan dan Pengawasan Pelaksanaan Penanaman Modal | program 0.3
2.19.02 PROGRAM PENGEMBANGAN KAPASITAS DAYA SAING KEPEMUDAAN
  2.02 Penyadaran, Pemberdayaan, dan Pengembangan Pemuda dan Kepemudaan terhadap Pemuda Pelopor Kabupaten/Kota, Wirausaha Muda Pemula, dan Pemuda Kader Kabupaten/Kota
    0001 Pemberdayaan dan Pengembangan Pemuda Pelopor dan Wirausaha Muda Pemula | program 0.5
2.19.03 PROGRAM PENGEMBANGAN KAPASITAS DAYA SAING KEOLAHRAGAAN
  2.01 Pembinaan dan Pengembangan Olahraga Pendidikan pada Jenjang Pendidikan yang Menjadi Kewenangan Daerah Kabupaten/Kota
    0001 Penyelenggaraan Kompetisi Olahraga Pendidikan | program 0.4
  2.02 Penyelenggaraan Kejuaraan Olahraga
    0001 Penyelenggaraan Kejuaraan Olahraga Tingkat Kabupaten/Kota | program 1
  2.04 Pembinaan dan Pengembangan Organisasi Olahraga
    0001 Fasilitasi Organisasi Olahraga Prestasi | hibah 2.5
  2.05 Pengelolaan Sarana dan Prasarana Olahraga
    0001 Pembangunan dan Rehabilitasi Sarana dan Prasarana Olahraga | gedung 1.5
2.20.02 PROGRAM PENYELENGGARAAN STATISTIK SEKTORAL
  2.01 Penyelenggaraan Statistik Sektoral di Lingkup Daerah Kabupaten/Kota
    0001 Koordinasi dan Sinkronisasi Pengumpulan, Pengolahan, Analisis dan Diseminasi Data Statistik Sektoral | program 0.3
2.21.02 PROGRAM PENYELENGGARAAN PERSANDIAN UNTUK PENGAMANAN INFORMASI
  2.01 Penyelenggaraan Persandian untuk Pengamanan Informasi Pemerintah Daerah Kabupaten/Kota
    0001 Pelaksanaan Keamanan Informasi Pemerintahan Daerah Kabupaten/Kota Berbasis Elektronik dan Nonelektronik | program 0.2
2.23.02 PROGRAM PEMBINAAN PERPUSTAKAAN
  2.01 Pengelolaan Perpustakaan Tingkat Daerah Kabupaten/Kota
    0002 Pengembangan Koleksi Perpustakaan | buku 1
    0004 Pembangunan Gedung Perpustakaan | gedung 2
  2.02 Pembudayaan Gemar Membaca Tingkat Daerah Kabupaten/Kota
    0002 Penyelenggaraan Gerakan Pembudayaan Gemar Membaca | program 0.3
2.24.02 PROGRAM PENGELOLAAN ARSIP
  2.01 Pengelolaan Arsip Dinamis Pemerintah Daerah Kabupaten/Kota
    0001 Pengelolaan Arsip Dinamis | program 0.3
  2.02 Pengelolaan Arsip Statis Pemerintah Daerah Kabupaten/Kota
    0001 Pengelolaan Arsip Statis | program 0.2
"""  # noqa: E501
