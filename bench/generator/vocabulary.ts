import type { Sector } from "../../src/domain/enums";

/**
 * Indonesian vocabulary of public-service innovation, per sector, from which the generator composes
 * names, summaries and narratives. Search indexes this text, so it aims at the words that real
 * proposals use (pengaduan, posyandu, stunting, perizinan, adminduk, jemput bola…) in many
 * combinations, rather than at one repeated sentence.
 */
export interface SectorVocabulary {
  /** The government affair (urusan pemerintahan) the sector falls under. */
  affairs: readonly string[];
  /** SDGs the sector usually names. */
  sdgs: readonly number[];
  /** Regional devices (OPD) that run such innovations; "{R}" is the region ("Kabupaten Kendal"). */
  devices: readonly string[];
  /** What is served: objects of the service. */
  services: readonly string[];
  /** Who benefits. */
  beneficiaries: readonly string[];
  /** Problems proposals start from. */
  problems: readonly string[];
  /** Words that go into expansions of acronyms and descriptive names. */
  keywords: readonly string[];
  /** Short descriptive heads for names ("Rumah Gizi", "Sekolah Lansia"). */
  nameHeads: readonly string[];
  /** Indicators that improved, for the results section. */
  indicators: readonly string[];
}

export const SECTOR_VOCABULARY: Record<Sector, SectorVocabulary> = {
  health: {
    affairs: ["Kesehatan"],
    sdgs: [3, 2, 5, 6],
    devices: ["Dinas Kesehatan {R}", "RSUD {R}", "Puskesmas {P}", "Puskesmas {P}", "Puskesmas {P}", "Laboratorium Kesehatan Daerah {R}"],
    services: ["pemeriksaan ibu hamil", "imunisasi dasar lengkap", "penanganan stunting", "rujukan pasien gawat darurat", "layanan posyandu", "skrining tuberkulosis", "pelayanan kesehatan jiwa", "pemantauan gizi balita", "deteksi dini kanker serviks", "pelayanan lansia", "antrean rawat jalan", "persalinan aman", "pengendalian demam berdarah", "kesehatan reproduksi remaja", "pengobatan hipertensi dan diabetes"],
    beneficiaries: ["ibu hamil", "balita", "lansia", "remaja putri", "pasien BPJS", "keluarga miskin", "kader posyandu", "penderita TBC", "orang dengan gangguan jiwa", "warga desa terpencil"],
    problems: ["angka stunting masih di atas rata-rata provinsi", "banyak ibu hamil tidak memeriksakan kandungan secara rutin", "antrean pasien di poliklinik mencapai tiga jam", "cakupan imunisasi dasar belum memenuhi target", "kasus gizi buruk terlambat terdeteksi", "rujukan pasien sering tertunda karena informasi tempat tidur tidak tersedia", "angka kematian ibu dan bayi masih tinggi", "penderita TBC putus berobat"],
    keywords: ["Sehat", "Gizi", "Bunda", "Balita", "Posyandu", "Puskesmas", "Imunisasi", "Stunting", "Pasien", "Rujukan", "Jiwa", "Lansia", "Kesehatan", "Ibu", "Anak", "Cegah", "Deteksi", "Peduli", "Rawat", "Obat", "Klinik", "Bidan", "Kader"],
    nameHeads: ["Rumah Gizi", "Kelas Ibu Hamil", "Posyandu Remaja", "Pojok Laktasi", "Ambulans Desa", "Klinik Sehat", "Gerakan Cegah Stunting", "Jemput Pasien", "Kampung Sehat", "Desa Siaga", "Dapur Sehat", "Bidan Keliling"],
    indicators: ["cakupan imunisasi dasar lengkap", "prevalensi stunting", "kunjungan ibu hamil (K4)", "waktu tunggu pasien", "angka kematian ibu", "keberhasilan pengobatan TBC", "cakupan ASI eksklusif"],
  },
  education: {
    affairs: ["Pendidikan", "Perpustakaan"],
    sdgs: [4, 5, 10],
    devices: ["Dinas Pendidikan {R}", "Dinas Pendidikan dan Kebudayaan {R}", "SMP Negeri {N} {S}", "SD Negeri {N} {P}", "SMA Negeri {N} {S}", "Dinas Perpustakaan dan Kearsipan {R}"],
    services: ["pendampingan belajar", "pendidikan anak putus sekolah", "literasi membaca", "beasiswa siswa miskin", "sekolah inklusi", "pendidikan kesetaraan", "pelatihan guru", "perpustakaan keliling", "penerimaan peserta didik baru", "pendidikan anak usia dini"],
    beneficiaries: ["anak putus sekolah", "siswa miskin", "guru honorer", "anak berkebutuhan khusus", "pelajar desa terpencil", "orang tua murid", "warga buta aksara"],
    problems: ["angka putus sekolah di daerah pegunungan masih tinggi", "jarak rumah ke sekolah lebih dari sepuluh kilometer", "minat baca siswa rendah", "anak berkebutuhan khusus belum terlayani", "banyak desa belum memiliki PAUD"],
    keywords: ["Sekolah", "Belajar", "Pintar", "Cerdas", "Siswa", "Guru", "Literasi", "Baca", "Pustaka", "Ilmu", "Kelas", "Filial", "Inklusi", "Anak", "Bangsa", "Mandiri", "Kembali"],
    nameHeads: ["Sekolah Filial", "Gerakan Kembali Bersekolah", "Perpustakaan Keliling", "Kelas Inspirasi", "Rumah Belajar", "Sekolah Lansia", "Pojok Baca", "Guru Kunjung", "Kampung Literasi", "Sekolah Alam"],
    indicators: ["angka partisipasi sekolah", "angka putus sekolah", "minat baca", "nilai rata-rata ujian", "jumlah anak kembali bersekolah"],
  },
  agriculture: {
    affairs: ["Pertanian", "Pangan", "Kelautan dan Perikanan"],
    sdgs: [2, 1, 12, 15, 14],
    devices: ["Dinas Pertanian {R}", "Dinas Ketahanan Pangan {R}", "Dinas Kelautan dan Perikanan {R}", "Dinas Peternakan dan Kesehatan Hewan {R}", "Balai Penyuluhan Pertanian {P}"],
    services: ["penyuluhan pertanian", "distribusi pupuk bersubsidi", "asuransi usaha tani", "pengendalian hama terpadu", "pengolahan hasil panen", "pelayanan kesehatan hewan", "budidaya ikan air tawar", "pemasaran hasil tani", "bank benih desa"],
    beneficiaries: ["petani", "kelompok tani", "nelayan", "peternak", "pembudidaya ikan", "perempuan tani"],
    problems: ["harga gabah jatuh saat panen raya", "pupuk bersubsidi sering terlambat sampai ke petani", "serangan hama menurunkan produktivitas", "nelayan kesulitan menjual hasil tangkapan", "banyak ternak tidak tervaksinasi"],
    keywords: ["Tani", "Petani", "Panen", "Pangan", "Benih", "Pupuk", "Sawah", "Ternak", "Ikan", "Nelayan", "Kedelai", "Kopi", "Padi", "Lumbung", "Makmur", "Subur", "Agro"],
    nameHeads: ["Rumah Kedelai", "Lumbung Pangan", "Sekolah Lapang", "Klinik Tani", "Kampung Ikan", "Pasar Tani", "Bank Benih", "Kebun Gizi", "Dokter Hewan Keliling"],
    indicators: ["produktivitas padi per hektare", "pendapatan petani", "luas tanam", "produksi ikan", "cakupan vaksinasi ternak"],
  },
  economy: {
    affairs: ["Koperasi, Usaha Kecil, dan Menengah", "Perdagangan", "Perindustrian", "Pariwisata", "Tenaga Kerja"],
    sdgs: [8, 1, 9, 10],
    devices: ["Dinas Koperasi dan UKM {R}", "Dinas Perdagangan {R}", "Dinas Tenaga Kerja {R}", "Dinas Pariwisata {R}", "Bappeda {R}", "Dinas Perindustrian {R}"],
    services: ["pendampingan UMKM", "pemasaran produk lokal", "pelatihan kerja", "penempatan tenaga kerja", "akses permodalan", "pengembangan desa wisata", "sertifikasi halal", "pengendalian harga pasar", "pencatatan keuangan koperasi"],
    beneficiaries: ["pelaku UMKM", "pencari kerja", "perempuan pengusaha", "pedagang pasar", "pekerja migran", "koperasi desa", "pengrajin"],
    problems: ["produk UMKM sulit menembus pasar modern", "pengangguran terbuka meningkat", "pedagang pasar terjerat rentenir", "harga kebutuhan pokok tidak stabil", "potensi wisata desa belum tergarap"],
    keywords: ["Usaha", "Ekonomi", "Pasar", "Dagang", "Kerja", "Modal", "Koperasi", "Wisata", "Produk", "Lokal", "Mandiri", "Sejahtera", "Berdaya", "Kreatif", "Digital"],
    nameHeads: ["Rumah Kreatif", "Pasar Rakyat", "Bursa Kerja", "Klinik UMKM", "Desa Wisata", "Galeri Produk", "Kampung Kreatif", "Gerai Koperasi"],
    indicators: ["omzet UMKM", "jumlah tenaga kerja terserap", "jumlah wisatawan", "pendapatan asli desa", "jumlah UMKM bersertifikat halal"],
  },
  environment: {
    affairs: ["Lingkungan Hidup", "Pekerjaan Umum dan Penataan Ruang", "Perumahan Rakyat dan Kawasan Permukiman"],
    sdgs: [13, 11, 12, 6, 15],
    devices: ["Dinas Lingkungan Hidup {R}", "Dinas Pekerjaan Umum {R}", "Dinas Perumahan dan Permukiman {R}", "UPT Pengelolaan Sampah {R}"],
    services: ["pengelolaan sampah", "bank sampah", "sanitasi total berbasis masyarakat", "penghijauan", "air bersih", "pengolahan limbah", "pengendalian banjir", "rumah tidak layak huni"],
    beneficiaries: ["warga bantaran sungai", "ibu rumah tangga", "pemulung", "warga permukiman kumuh", "pelajar"],
    problems: ["volume sampah ke TPA terus bertambah", "warga masih buang air besar sembarangan", "sungai tercemar limbah rumah tangga", "banjir rutin melanda permukiman", "akses air bersih terbatas saat kemarau"],
    keywords: ["Sampah", "Hijau", "Bersih", "Lestari", "Air", "Sungai", "Limbah", "Daur", "Ulang", "Alam", "Lingkungan", "Bumi", "Sanitasi", "Kompos"],
    nameHeads: ["Bank Sampah", "Kampung Iklim", "Sedekah Sampah", "Sekolah Adiwiyata", "Tabungan Sampah", "Kampung Hijau", "Biopori Massal"],
    indicators: ["sampah terkelola", "desa ODF (bebas buang air besar sembarangan)", "cakupan air bersih", "luas ruang terbuka hijau"],
  },
  governance: {
    affairs: ["Komunikasi dan Informatika", "Kepegawaian", "Keuangan", "Perencanaan", "Pemerintahan Umum"],
    sdgs: [16, 17],
    devices: ["Dinas Komunikasi dan Informatika {R}", "Badan Kepegawaian dan Pengembangan SDM {R}", "Badan Pendapatan Daerah {R}", "Badan Pengelolaan Keuangan dan Aset Daerah {R}", "Bagian Organisasi Sekretariat Daerah {R}", "Kecamatan {P}", "Kecamatan {P}", "Bappeda {R}", "Inspektorat {R}"],
    services: ["pelayanan administrasi desa", "pembayaran pajak daerah", "perencanaan anggaran", "pengelolaan arsip", "pelayanan kepegawaian", "satu data daerah", "tanda tangan elektronik", "musyawarah perencanaan pembangunan", "pelayanan kecamatan"],
    beneficiaries: ["aparatur sipil negara", "wajib pajak", "perangkat desa", "masyarakat umum", "pemerintah desa"],
    problems: ["pelayanan di kantor kecamatan harus bolak-balik", "data antar-OPD tidak sinkron", "pembayaran pajak hanya bisa di kantor", "dokumen kepegawaian sering hilang", "realisasi anggaran tidak terpantau"],
    keywords: ["Sistem", "Informasi", "Data", "Terpadu", "Layanan", "Elektronik", "Pajak", "Anggaran", "Desa", "Kecamatan", "Tata", "Kelola", "Cepat", "Mudah", "Online", "Satu", "Pintu"],
    nameHeads: ["Satu Data", "Kecamatan Melayani", "Desa Digital", "Pajak Online", "Kantor Tanpa Kertas", "Layanan Tujuh Menit", "Mal Pelayanan Publik"],
    indicators: ["waktu penyelesaian layanan", "penerimaan pajak daerah", "indeks kepuasan masyarakat", "nilai SAKIP", "indeks SPBE"],
  },
  social_protection: {
    affairs: ["Sosial", "Pemberdayaan Perempuan dan Perlindungan Anak", "Pengendalian Penduduk dan Keluarga Berencana"],
    sdgs: [1, 5, 10, 16],
    devices: ["Dinas Sosial {R}", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak {R}", "Dinas Pengendalian Penduduk dan KB {R}", "UPTD PPA {R}"],
    services: ["bantuan sosial tepat sasaran", "perlindungan perempuan dan anak", "pendampingan penyandang disabilitas", "pemutakhiran data kemiskinan", "rehabilitasi sosial", "pencegahan perkawinan anak", "layanan keluarga berencana"],
    beneficiaries: ["keluarga miskin", "penyandang disabilitas", "anak terlantar", "korban kekerasan", "perempuan kepala keluarga", "lansia terlantar"],
    problems: ["bantuan sosial tidak tepat sasaran", "kasus kekerasan terhadap anak tidak dilaporkan", "penyandang disabilitas sulit mengakses layanan", "angka perkawinan anak masih tinggi", "data warga miskin tidak mutakhir"],
    keywords: ["Peduli", "Sosial", "Sejahtera", "Keluarga", "Perempuan", "Anak", "Lindungi", "Bantu", "Kasih", "Sayang", "Disabilitas", "Warga", "Rakyat", "Berbagi"],
    nameHeads: ["Rumah Aman", "Kampung KB", "Satgas Perlindungan Anak", "Lumbung Sosial", "Sahabat Disabilitas", "Jaga Warga", "Pos Pengaduan Anak"],
    indicators: ["ketepatan sasaran bantuan", "kasus kekerasan tertangani", "angka perkawinan anak", "jumlah keluarga keluar dari kemiskinan"],
  },
  population_administration: {
    affairs: ["Administrasi Kependudukan dan Pencatatan Sipil"],
    sdgs: [16, 10],
    devices: ["Dinas Kependudukan dan Pencatatan Sipil {R}", "Dinas Kependudukan dan Pencatatan Sipil {R}", "Kecamatan {P}"],
    services: ["perekaman KTP elektronik", "akta kelahiran", "kartu identitas anak", "akta kematian", "kartu keluarga", "pindah datang penduduk", "dokumen kependudukan"],
    beneficiaries: ["bayi baru lahir", "warga lanjut usia", "penyandang disabilitas", "warga desa terpencil", "pelajar wajib KTP"],
    problems: ["warga harus ke kantor Dukcapil berkali-kali", "cakupan akta kelahiran rendah", "perekaman KTP elektronik terhambat jarak", "dokumen kependudukan selesai berminggu-minggu"],
    keywords: ["Adminduk", "Dukcapil", "Akta", "KTP", "Kartu", "Keluarga", "Lahir", "Penduduk", "Jemput", "Bola", "Antar", "Dokumen", "Sipil", "Cetak"],
    nameHeads: ["Adminduk Keliling", "Jemput Bola Dukcapil", "Akta Lahir Gratis", "Dukcapil Go Digital", "Kampung Adminduk", "Pelayanan Anjungan Dukcapil Mandiri"],
    indicators: ["cakupan akta kelahiran", "perekaman KTP elektronik", "waktu terbit dokumen", "kepemilikan kartu identitas anak"],
  },
  public_order: {
    affairs: ["Ketenteraman dan Ketertiban Umum", "Penanggulangan Bencana", "Pemadam Kebakaran"],
    sdgs: [11, 16, 13],
    devices: ["Satuan Polisi Pamong Praja {R}", "Badan Penanggulangan Bencana Daerah {R}", "Dinas Pemadam Kebakaran {R}", "Kecamatan {P}"],
    services: ["penanganan kebakaran", "tanggap darurat bencana", "ketertiban pedagang kaki lima", "siaga banjir", "evakuasi korban bencana", "sistem peringatan dini"],
    beneficiaries: ["warga rawan bencana", "pedagang kaki lima", "relawan desa", "masyarakat umum"],
    problems: ["waktu tanggap kebakaran lebih dari 30 menit", "warga tidak mendapat peringatan dini banjir", "pedagang kaki lima menutup trotoar", "desa rawan longsor belum memiliki jalur evakuasi"],
    keywords: ["Siaga", "Tanggap", "Bencana", "Aman", "Tertib", "Damkar", "Api", "Banjir", "Darurat", "Cepat", "Sigap", "Tangguh", "Relawan"],
    nameHeads: ["Desa Tangguh Bencana", "Damkar Sigap", "Sekolah Siaga Bencana", "Pos Siaga Banjir", "Relawan Tertib", "Kampung Tangguh"],
    indicators: ["waktu tanggap darurat", "jumlah desa tangguh bencana", "kerugian akibat kebakaran"],
  },
  law_enforcement: {
    affairs: ["Hukum dan Keamanan"],
    sdgs: [16],
    devices: [],
    services: ["pelayanan SKCK", "penanganan laporan polisi", "bantuan hukum gratis", "pelayanan tahanan", "layanan keimigrasian", "pembinaan warga binaan", "pelayanan tilang"],
    beneficiaries: ["pencari keadilan", "warga binaan", "korban kejahatan", "masyarakat miskin", "pemohon paspor"],
    problems: ["laporan masyarakat lambat ditindaklanjuti", "pemohon harus antre sejak subuh", "warga miskin sulit mendapat bantuan hukum", "informasi perkara tidak transparan"],
    keywords: ["Hukum", "Adil", "Jaksa", "Polisi", "Presisi", "Lapas", "Tahanan", "Paspor", "Tilang", "Aman", "Laporan", "Keadilan", "Bersih"],
    nameHeads: ["Jaksa Menyapa", "Polisi Sahabat Anak", "Layanan SKCK Online", "Rumah Restorative Justice", "Paspor Simpatik", "Pos Bantuan Hukum"],
    indicators: ["waktu penyelesaian perkara", "kepuasan pencari keadilan", "jumlah laporan tertangani"],
  },
  licensing: {
    affairs: ["Penanaman Modal", "Pertanahan"],
    sdgs: [8, 9, 16],
    devices: ["Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu {R}", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu {R}", "Mal Pelayanan Publik {R}"],
    services: ["izin usaha", "persetujuan bangunan gedung", "izin praktik tenaga kesehatan", "nomor induk berusaha", "izin reklame", "sertifikat tanah", "perizinan online"],
    beneficiaries: ["pelaku usaha", "investor", "pemohon izin", "pengembang perumahan", "pemilik tanah"],
    problems: ["izin usaha selesai lebih dari 30 hari", "pemohon harus datang ke banyak kantor", "persyaratan perizinan tidak jelas", "pungutan liar dalam pengurusan izin"],
    keywords: ["Izin", "Perizinan", "Investasi", "Usaha", "Terpadu", "Pintu", "Satu", "Cepat", "Online", "Mudah", "Jemput", "Antar", "Siap", "Layanan", "Tuntas"],
    nameHeads: ["Izin Jemput Antar", "Perizinan Satu Hari", "Klinik Investasi", "Single Window", "Gerai Perizinan", "Mal Pelayanan Publik", "Izin Tuntas"],
    indicators: ["waktu terbit izin", "nilai investasi", "jumlah izin terbit", "indeks kepuasan pemohon"],
  },
  complaints: {
    affairs: ["Komunikasi dan Informatika", "Pemerintahan Umum"],
    sdgs: [16, 17],
    devices: ["Dinas Komunikasi dan Informatika {R}", "Inspektorat {R}", "Bagian Humas Sekretariat Daerah {R}"],
    services: ["pengaduan masyarakat", "aspirasi warga", "informasi publik", "penanganan keluhan layanan", "call center darurat", "tindak lanjut aduan"],
    beneficiaries: ["masyarakat umum", "warga kota", "pengguna layanan publik", "tokoh masyarakat"],
    problems: ["aduan warga tidak jelas tindak lanjutnya", "kanal pengaduan tersebar di banyak OPD", "warga enggan melapor karena prosesnya rumit", "keluhan layanan tidak terdokumentasi"],
    keywords: ["Lapor", "Aduan", "Pengaduan", "Aspirasi", "Warga", "Suara", "Rakyat", "Respon", "Cepat", "Tanggap", "Dengar", "Keluhan", "Solusi", "Sapa"],
    nameHeads: ["Lapor", "Lapor Bupati", "Lapor Walikota", "Sapa Warga", "Rembug Warga", "Ngadu Online", "Kanal Aspirasi", "Call Center 112"],
    indicators: ["aduan ditindaklanjuti", "waktu respon aduan", "indeks kepuasan masyarakat", "jumlah aduan masuk"],
  },
  transport: {
    affairs: ["Perhubungan"],
    sdgs: [11, 9, 3],
    devices: ["Dinas Perhubungan {R}", "UPT Terminal {S}", "UPT Pengujian Kendaraan Bermotor {R}"],
    services: ["angkutan umum", "uji kendaraan bermotor", "parkir elektronik", "keselamatan jalan", "angkutan sekolah gratis", "penerangan jalan umum"],
    beneficiaries: ["pelajar", "pengguna angkutan umum", "pemilik kendaraan", "pengemudi ojek", "penumpang"],
    problems: ["angkutan umum jarang melayani desa", "kecelakaan lalu lintas di jalur sekolah tinggi", "retribusi parkir bocor", "uji KIR memakan waktu seharian"],
    keywords: ["Angkutan", "Jalan", "Parkir", "Bus", "Trans", "Lalu", "Lintas", "Selamat", "Terminal", "Kendaraan", "Aman", "Nyaman"],
    nameHeads: ["Bus Sekolah Gratis", "Parkir Elektronik", "Angkot Pintar", "Zona Selamat Sekolah", "Trans Desa", "KIR Online"],
    indicators: ["jumlah penumpang", "angka kecelakaan", "pendapatan retribusi parkir", "waktu uji kendaraan"],
  },
  other: {
    affairs: ["Kebudayaan", "Kepemudaan dan Olahraga", "Kearsipan", "Statistik"],
    sdgs: [11, 17, 4],
    devices: ["Dinas Kebudayaan {R}", "Dinas Pemuda dan Olahraga {R}", "Dinas Perpustakaan dan Kearsipan {R}", "Kelurahan {P}"],
    services: ["pelestarian budaya", "pembinaan pemuda", "arsip digital", "pelayanan kelurahan", "festival budaya", "gelanggang olahraga"],
    beneficiaries: ["pemuda", "pelaku seni", "warga kelurahan", "atlet daerah"],
    problems: ["arsip daerah rusak dan sulit dicari", "generasi muda kurang mengenal budaya lokal", "fasilitas olahraga tidak terawat"],
    keywords: ["Budaya", "Seni", "Pemuda", "Arsip", "Kreatif", "Bangga", "Kampung", "Warisan", "Karya", "Prestasi"],
    nameHeads: ["Kampung Budaya", "Arsip Digital", "Rumah Kreatif Pemuda", "Galeri Seni", "Festival Kampung"],
    indicators: ["jumlah arsip terdigitalisasi", "jumlah kegiatan budaya", "partisipasi pemuda"],
  },
};

/** Ways of delivering a service that recur across sectors. */
export const METHODS: readonly string[] = [
  "aplikasi berbasis Android",
  "layanan jemput bola ke desa",
  "kolaborasi pentahelix",
  "kanal WhatsApp terpadu",
  "kartu berkode QR",
  "dasbor data terpadu",
  "mobil layanan keliling",
  "kader desa terlatih",
  "sistem informasi terintegrasi",
  "pendampingan door to door",
  "gerai layanan di pusat perbelanjaan",
  "tanda tangan elektronik",
  "pesan singkat pengingat otomatis",
  "forum musyawarah warga",
  "kemitraan dengan perguruan tinggi",
  "dana desa dan CSR perusahaan",
  "pelayanan tanpa tatap muka",
  "integrasi data NIK",
  "posko terpadu di kecamatan",
  "media sosial resmi pemerintah daerah",
];

/** Verbs for "…yang <verb> <service>". */
export const VERBS: readonly string[] = [
  "mempercepat",
  "mendekatkan",
  "menyederhanakan",
  "memperluas",
  "meningkatkan mutu",
  "mengintegrasikan",
  "memudahkan akses",
  "memantau",
  "menjamin",
  "mendigitalkan",
];

/** What novelty sections claim. */
export const NOVELTIES: readonly string[] = [
  "penggunaan satu nomor induk kependudukan untuk seluruh layanan",
  "pelibatan kader desa sebagai ujung tombak pelayanan",
  "integrasi data lintas OPD dalam satu aplikasi",
  "layanan yang datang ke rumah warga tanpa biaya",
  "pemanfaatan peta digital untuk menentukan sasaran",
  "notifikasi otomatis kepada warga melalui pesan singkat",
  "kerja sama dengan tokoh agama dan tokoh adat",
  "pembiayaan gotong royong dari dana desa",
  "penilaian kepuasan langsung setelah layanan diterima",
  "pendekatan berbasis keluarga, bukan individu",
  "pertama di provinsi yang menerapkan layanan tanpa kertas",
];

/** Requirements to replicate, as proposals list them. */
export const REPLICATION_REQUIREMENTS: readonly string[] = [
  "komitmen kepala daerah",
  "regulasi berupa Peraturan Bupati atau Peraturan Wali Kota",
  "server dan jaringan internet yang stabil",
  "petugas terlatih di setiap kecamatan",
  "anggaran operasional dari APBD",
  "dukungan kader dan perangkat desa",
  "nota kesepahaman antar-OPD",
  "sosialisasi kepada masyarakat melalui media lokal",
  "standar operasional prosedur yang jelas",
  "basis data penduduk yang mutakhir",
];

/** How sustainability is assured. */
export const SUSTAINABILITY: readonly string[] = [
  "ditetapkan melalui Peraturan {Head} Nomor {n} Tahun {y}",
  "dianggarkan setiap tahun dalam APBD",
  "masuk dalam Rencana Pembangunan Jangka Menengah Daerah",
  "direplikasi oleh {k} kabupaten dan kota lain",
  "dikelola tim khusus yang ditetapkan dengan Surat Keputusan Kepala Dinas",
  "didukung dana CSR dan swadaya masyarakat",
  "terintegrasi dengan aplikasi nasional sehingga tidak bergantung pada satu vendor",
];

/** Words for the expansions of acronyms, beyond the sector keywords. */
export const GENERIC_KEYWORDS: readonly string[] = [
  "Sistem", "Informasi", "Layanan", "Pelayanan", "Gerakan", "Aksi", "Terpadu", "Digital", "Aplikasi", "Sinergi",
  "Inovasi", "Masyarakat", "Mandiri", "Cepat", "Tepat", "Akurat", "Prima", "Online", "Bersama",
  "Unggul", "Harmonis", "Elektronik", "Integrasi", "Kolaborasi", "Optimal", "Responsif", "Ramah",
  "Nyaman", "Gratis", "Jemput", "Antar", "Pantau", "Kendali", "Wujudkan", "Kuat", "Bangkit", "Maju",
];

/** Connectors that expansions use between keywords (dropped when forming the acronym). */
export const CONNECTORS: readonly string[] = ["dan", "untuk", "melalui", "berbasis", "bagi", "menuju", "di"];

/** Syllables for places (kecamatan, kelurahan and puskesmas names): Suka-maju, Karang-anyar… */
export const PLACE_PREFIXES: readonly string[] = [
  "Suka", "Karang", "Sumber", "Tanjung", "Banjar", "Kali", "Mekar", "Bukit", "Pasir", "Teluk", "Sungai", "Batu",
  "Wono", "Sido", "Purwo", "Mojo", "Ngadi", "Cipta", "Ciwa", "Bojong", "Pangkalan", "Padang", "Lubuk", "Rejo",
];
export const PLACE_SUFFIXES: readonly string[] = [
  "maju", "jaya", "asri", "rejo", "sari", "mulya", "harjo", "anyar", "wangi", "tengah", "baru", "indah", "makmur",
  "agung", "mukti", "kerto", "sembung", "lor", "kidul", "wetan", "kulon", "raya", "timur", "barat",
];

/** Catchy words used as the whole name of a digital service ("SIGAP", "JEMPOL"). */
export const CATCHWORDS: readonly string[] = [
  "SIGAP", "JEMPOL", "CERIA", "SAKTI", "PINTAR", "SEHATI", "MANTAP", "TEPAT", "SIAGA", "SIMPATIK", "LARIS", "GESIT",
  "KILAT", "PRIMA", "SENYUM", "SAHABAT", "PELITA", "BERSINAR", "SEMAR", "SAPA", "TUNTAS", "JITU", "CEMERLANG", "AYEM",
  "GUYUB", "RUKUN", "MELATI", "MAWAR", "KENCANA", "LENTERA", "PANDU", "SERASI", "SIPANDU", "SIMPEL", "SIDIK", "SIPENA",
];

/** Ministries and national agencies, with units that run innovations. */
export const NATIONAL_BODIES: readonly { name: string; kind: "ministry" | "agency"; sector: Sector; units: readonly string[] }[] = [
  { name: "Kementerian Kesehatan", kind: "ministry", sector: "health", units: ["Direktorat Jenderal Pelayanan Kesehatan", "Balai Besar Laboratorium Kesehatan"] },
  { name: "Kementerian Dalam Negeri", kind: "ministry", sector: "population_administration", units: ["Direktorat Jenderal Kependudukan dan Pencatatan Sipil", "Badan Strategi Kebijakan Dalam Negeri"] },
  { name: "Kementerian Hukum dan HAM", kind: "ministry", sector: "law_enforcement", units: ["Direktorat Jenderal Imigrasi", "Direktorat Jenderal Pemasyarakatan", "Direktorat Jenderal Administrasi Hukum Umum"] },
  { name: "Kementerian Pertanian", kind: "ministry", sector: "agriculture", units: ["Badan Karantina Pertanian", "Direktorat Jenderal Tanaman Pangan"] },
  { name: "Kementerian Kelautan dan Perikanan", kind: "ministry", sector: "agriculture", units: ["Badan Karantina Ikan", "Direktorat Jenderal Perikanan Tangkap"] },
  { name: "Kementerian Sosial", kind: "ministry", sector: "social_protection", units: ["Direktorat Jenderal Rehabilitasi Sosial", "Pusat Data dan Informasi Kesejahteraan Sosial"] },
  { name: "Kementerian Agama", kind: "ministry", sector: "education", units: ["Direktorat Jenderal Pendidikan Islam", "Direktorat Jenderal Bimbingan Masyarakat Islam"] },
  { name: "Kementerian Perhubungan", kind: "ministry", sector: "transport", units: ["Direktorat Jenderal Perhubungan Darat", "Direktorat Jenderal Perhubungan Laut"] },
  { name: "Kementerian Keuangan", kind: "ministry", sector: "governance", units: ["Direktorat Jenderal Pajak", "Direktorat Jenderal Bea dan Cukai"] },
  { name: "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional", kind: "ministry", sector: "licensing", units: ["Direktorat Jenderal Penetapan Hak dan Pendaftaran Tanah"] },
  { name: "Kementerian Ketenagakerjaan", kind: "ministry", sector: "economy", units: ["Direktorat Jenderal Pembinaan Penempatan Tenaga Kerja"] },
  { name: "Kepolisian Negara Republik Indonesia", kind: "agency", sector: "law_enforcement", units: ["Korps Lalu Lintas", "Badan Reserse Kriminal"] },
  { name: "Kejaksaan Republik Indonesia", kind: "agency", sector: "law_enforcement", units: ["Jaksa Agung Muda Tindak Pidana Umum"] },
  { name: "Badan Pusat Statistik", kind: "agency", sector: "governance", units: ["Direktorat Diseminasi Statistik"] },
  { name: "Badan Penyelenggara Jaminan Sosial Kesehatan", kind: "agency", sector: "health", units: ["Kedeputian Pelayanan Peserta"] },
  { name: "Badan Nasional Penanggulangan Bencana", kind: "agency", sector: "public_order", units: ["Pusat Data, Informasi dan Komunikasi Kebencanaan"] },
];

/** Vertical offices of national bodies in the regions: kind, sector and name pattern ({S}: the region's short name). */
export const VERTICAL_OFFICES: readonly { pattern: string; kind: "agency" | "bumn" | "bumd"; sector: Sector; parent?: string }[] = [
  { pattern: "Polres {S}", kind: "agency", sector: "law_enforcement", parent: "Kepolisian Negara Republik Indonesia" },
  { pattern: "Kejaksaan Negeri {S}", kind: "agency", sector: "law_enforcement", parent: "Kejaksaan Republik Indonesia" },
  { pattern: "Pengadilan Negeri {S}", kind: "agency", sector: "law_enforcement" },
  { pattern: "Lembaga Pemasyarakatan Kelas IIA {S}", kind: "agency", sector: "law_enforcement", parent: "Kementerian Hukum dan HAM" },
  { pattern: "Kantor Imigrasi Kelas I {S}", kind: "agency", sector: "law_enforcement", parent: "Kementerian Hukum dan HAM" },
  { pattern: "Kantor Pertanahan {R}", kind: "agency", sector: "licensing", parent: "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional" },
  { pattern: "BPJS Kesehatan Cabang {S}", kind: "agency", sector: "health", parent: "Badan Penyelenggara Jaminan Sosial Kesehatan" },
  { pattern: "Kantor Pelayanan Pajak Pratama {S}", kind: "agency", sector: "governance", parent: "Kementerian Keuangan" },
  { pattern: "Kantor Kementerian Agama {R}", kind: "agency", sector: "education", parent: "Kementerian Agama" },
  { pattern: "PT PLN (Persero) UP3 {S}", kind: "bumn", sector: "other" },
  { pattern: "PT Pos Indonesia KCU {S}", kind: "bumn", sector: "economy" },
  { pattern: "Perumda Air Minum Tirta {W} {S}", kind: "bumd", sector: "environment" },
  { pattern: "Bank Perkreditan Rakyat {S}", kind: "bumd", sector: "economy" },
  { pattern: "Perumda Pasar {S}", kind: "bumd", sector: "economy" },
];

/** Words for BUMD names ("Tirta Mulia"). */
export const TIRTA_WORDS: readonly string[] = ["Mulia", "Kencana", "Sembada", "Raharja", "Bening", "Darma", "Moedal", "Pakuan", "Wening"];

/** Online publishers that report on innovations, for source pages. */
export const NEWS_PUBLISHERS: readonly string[] = [
  "antaranews.com", "kompas.com", "detik.com", "tribunnews.com", "suaramerdeka.com", "jpnn.com", "radarsemarang.jawapos.com",
  "republika.co.id", "okezone.com", "liputan6.com", "infopublik.id", "menpan.go.id", "beritasatu.com", "solopos.com",
];
