-- The SQLite schema made by Kinerja 0.1 (metadata.create_all, before Alembic migrations existed).
-- tests/test_migrate.py builds a database of that release from it and upgrades it in place.
CREATE TABLE periods (
	tahun INTEGER NOT NULL, 
	sampai_tw INTEGER NOT NULL, 
	batas_waktu DATE, 
	dibuka_oleh TEXT NOT NULL, 
	dibuka_pada DATETIME NOT NULL, 
	PRIMARY KEY (tahun)
);
CREATE TABLE submissions (
	id INTEGER NOT NULL, 
	tahun INTEGER NOT NULL, 
	bidang TEXT NOT NULL, 
	filename TEXT NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	size INTEGER NOT NULL, 
	content BLOB NOT NULL, 
	uploaded_by TEXT NOT NULL, 
	uploaded_at DATETIME NOT NULL, 
	version INTEGER NOT NULL, 
	shape TEXT NOT NULL, 
	usable BOOLEAN NOT NULL, 
	n_rows INTEGER NOT NULL, 
	n_errors INTEGER NOT NULL, 
	n_warnings INTEGER NOT NULL, 
	problems_json TEXT NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_submissions_tahun ON submissions (tahun);
CREATE TABLE rencana_indicator_rows (
	id INTEGER NOT NULL, 
	tahun INTEGER NOT NULL, 
	bidang TEXT NOT NULL, 
	kode TEXT NOT NULL, 
	uraian TEXT NOT NULL, 
	indikator TEXT NOT NULL, 
	satuan TEXT NOT NULL, 
	polaritas TEXT NOT NULL, 
	agregasi TEXT NOT NULL, 
	target FLOAT, 
	target_teks TEXT NOT NULL, 
	realisasi_teks TEXT NOT NULL, 
	target_tw1 FLOAT, 
	target_tw2 FLOAT, 
	target_tw3 FLOAT, 
	target_tw4 FLOAT, 
	realisasi_tw1 FLOAT, 
	realisasi_tw2 FLOAT, 
	realisasi_tw3 FLOAT, 
	realisasi_tw4 FLOAT, 
	faktor_pendorong TEXT NOT NULL, 
	faktor_penghambat TEXT NOT NULL, 
	tindak_lanjut TEXT NOT NULL, 
	keterangan TEXT NOT NULL, 
	sasaran TEXT NOT NULL, 
	target_renstra FLOAT, 
	realisasi_renstra_lalu FLOAT, 
	sumber TEXT NOT NULL, 
	baris INTEGER NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE rencana_anggaran_rows (
	id INTEGER NOT NULL, 
	tahun INTEGER NOT NULL, 
	bidang TEXT NOT NULL, 
	kode TEXT NOT NULL, 
	uraian TEXT NOT NULL, 
	pagu FLOAT, 
	anggaran_tw1 FLOAT, 
	anggaran_tw2 FLOAT, 
	anggaran_tw3 FLOAT, 
	anggaran_tw4 FLOAT, 
	sumber TEXT NOT NULL, 
	baris INTEGER NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE notes (
	id INTEGER NOT NULL, 
	tahun INTEGER NOT NULL, 
	sampai_tw INTEGER NOT NULL, 
	bidang TEXT NOT NULL, 
	jenis TEXT NOT NULL, 
	isi TEXT NOT NULL, 
	penulis TEXT NOT NULL, 
	dibuat_pada DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_notes_tahun ON notes (tahun);
CREATE TABLE audit_log (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	who TEXT NOT NULL, 
	action TEXT NOT NULL, 
	detail TEXT NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE counters (
	name VARCHAR(64) NOT NULL, 
	value INTEGER NOT NULL, 
	PRIMARY KEY (name)
);
CREATE TABLE indicator_rows (
	id INTEGER NOT NULL, 
	submission_id INTEGER, 
	tahun INTEGER NOT NULL, 
	bidang TEXT NOT NULL, 
	kode TEXT NOT NULL, 
	uraian TEXT NOT NULL, 
	indikator TEXT NOT NULL, 
	satuan TEXT NOT NULL, 
	polaritas TEXT NOT NULL, 
	agregasi TEXT NOT NULL, 
	target FLOAT, 
	target_teks TEXT NOT NULL, 
	realisasi_teks TEXT NOT NULL, 
	target_tw1 FLOAT, 
	target_tw2 FLOAT, 
	target_tw3 FLOAT, 
	target_tw4 FLOAT, 
	realisasi_tw1 FLOAT, 
	realisasi_tw2 FLOAT, 
	realisasi_tw3 FLOAT, 
	realisasi_tw4 FLOAT, 
	faktor_pendorong TEXT NOT NULL, 
	faktor_penghambat TEXT NOT NULL, 
	tindak_lanjut TEXT NOT NULL, 
	keterangan TEXT NOT NULL, 
	sasaran TEXT NOT NULL, 
	target_renstra FLOAT, 
	realisasi_renstra_lalu FLOAT, 
	sumber TEXT NOT NULL, 
	baris INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(submission_id) REFERENCES submissions (id)
);
CREATE INDEX ix_indicator_rows_submission_id ON indicator_rows (submission_id);
CREATE TABLE anggaran_rows (
	id INTEGER NOT NULL, 
	submission_id INTEGER, 
	tahun INTEGER NOT NULL, 
	bidang TEXT NOT NULL, 
	kode TEXT NOT NULL, 
	uraian TEXT NOT NULL, 
	pagu FLOAT, 
	anggaran_tw1 FLOAT, 
	anggaran_tw2 FLOAT, 
	anggaran_tw3 FLOAT, 
	anggaran_tw4 FLOAT, 
	sumber TEXT NOT NULL, 
	baris INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(submission_id) REFERENCES submissions (id)
);
CREATE INDEX ix_anggaran_rows_submission_id ON anggaran_rows (submission_id);
