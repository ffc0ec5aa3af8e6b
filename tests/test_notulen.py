"""Rapat notes (edit and delete one's own, audited; keputusan with penanggung jawab and due
date carried to the next rapat) and the notulen .docx, opened by LibreOffice and looked at."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import date

import pytest

from kinerja_core import analysis, notulen, pengaturan, views
from kinerja_core.access import Actor, AksesDitolak, Peran
from kinerja_core.bootstrap import seed_demo
from kinerja_core.settings import Settings
from kinerja_core.store import Store
from tests.login import admin

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('notulen') / 'kinerja.db'}")
    seed_demo(store)
    return store


@pytest.fixture
def fresh(tmp_path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'kinerja.db'}")


def test_only_the_author_edits_and_deletes_and_both_are_audited(fresh):
    note = fresh.add_note(tahun=2024, sampai_tw=2, isi="Data TW II terlambat", actor=admin("Rina"))
    with pytest.raises(AksesDitolak, match="Rina"):
        fresh.update_note(note, actor=admin("Budi"), isi="diubah orang lain", jenis="catatan")
    with pytest.raises(AksesDitolak):
        fresh.delete_note(note, actor=admin(""))
    fresh.update_note(
        note,
        actor=admin(" rina "),
        isi="Data TW II Persandian terlambat",
        jenis="keputusan",
        penanggung_jawab="Kabid Persandian",
        batas_waktu=date(2024, 7, 31),
    )
    stored = fresh.notes(2024).iloc[0]
    assert stored["isi"] == "Data TW II Persandian terlambat"
    assert stored["penulis"] == "Rina"  # the author is kept
    assert stored["jenis"] == "keputusan" and stored["penanggung_jawab"] == "Kabid Persandian"
    assert stored["batas_waktu"] == date(2024, 7, 31)
    assert stored["diubah_pada"] is not None

    fresh.delete_note(note, actor=admin("Rina"))
    assert fresh.notes(2024).empty
    with pytest.raises(AksesDitolak, match="tidak ada lagi"):
        fresh.update_note(note, actor=admin("Rina"), isi="x", jenis="catatan")
    log = fresh.audit()
    actions = list(log["action"])
    assert actions[:2] == ["hapus keputusan", "ubah keputusan"]
    assert "semula: Data TW II terlambat" in log.iloc[1]["detail"]


def test_the_core_holds_each_role_to_its_notes_and_the_notulis_to_the_rapat_data(fresh):
    kabid = Actor("ani", "Ani", Peran.KABID, "Bidang Statistik")
    fresh.add_note(tahun=2024, sampai_tw=2, isi="Data menyusul", bidang="Bidang Statistik",
                   actor=kabid)  # fmt: skip
    with pytest.raises(AksesDitolak, match="bukan untuk Bidang Persandian"):
        fresh.add_note(tahun=2024, sampai_tw=2, isi="x", bidang="Bidang Persandian", actor=kabid)
    with pytest.raises(AksesDitolak, match="bukan untuk Ringkasan Dinas"):
        fresh.add_note(tahun=2024, sampai_tw=2, isi="x", actor=kabid)  # the Dinas summary
    with pytest.raises(AksesDitolak, match="tidak berwenang"):
        fresh.add_note(tahun=2024, sampai_tw=2, isi="x", actor=Actor("t", "", Peran.TAMU))
    assert list(fresh.notes(2024)["penulis"]) == ["Ani (Kepala Bidang)"]
    info = dict(tanggal=None, tempat="Aula", agenda="Evaluasi", peserta="")
    with pytest.raises(AksesDitolak, match="tidak berwenang"):
        fresh.set_rapat_info(2024, 2, **info, actor=kabid)
    fresh.set_rapat_info(2024, 2, **info, actor=Actor("budi", "Budi", Peran.SEKRETARIS))
    assert fresh.rapat_info(2024, 2)["diubah_oleh"] == "Budi (Sekretaris)"


def test_the_notulis_keeps_the_notulen_as_handed_out_and_the_archive_holds_each_copy(fresh):
    from kinerja_core import arsip

    with pytest.raises(AksesDitolak, match="tidak berwenang"):
        notulen.keep(fresh, Actor("ani", "Ani", Peran.KABID, "Bidang Statistik"), 2024, 2, b"x")
    sekretaris = Actor("budi", "Budi", Peran.SEKRETARIS)
    first = notulen.keep(fresh, sekretaris, 2024, 2, b"notulen pertama")
    second = notulen.keep(fresh, sekretaris, 2024, 2, b"notulen kedua")
    kept = notulen.kept(fresh, 2024, 2)
    assert [row["id"] for row in kept] == [first, second]
    assert (
        kept[0]["nama"] == "Notulen_Rapat_2024_TW2.docx" and kept[0]["oleh"] == "Budi (Sekretaris)"
    )
    assert notulen.kept(fresh, 2024, 4) == []  # another period's rapat
    entry = fresh.audit().iloc[0]
    assert entry["action"] == "simpan notulen ke arsip" and "TW 2" in entry["detail"]
    assert hashlib.sha256(b"notulen kedua").hexdigest() in entry["sesudah"]

    archived = {
        item.path: item.content for item in arsip.items(fresh, sekretaris, Settings(), 2024, 2)
    }
    assert archived[f"rapat/{first:04d}_Notulen_Rapat_2024_TW2.docx"] == b"notulen pertama"
    assert archived[f"rapat/{second:04d}_Notulen_Rapat_2024_TW2.docx"] == b"notulen kedua"


def test_decisions_carry_to_the_next_rapat(fresh):
    fresh.add_note(tahun=2023, sampai_tw=4, isi="Lama", jenis="keputusan", actor=admin("A"))
    fresh.add_note(tahun=2024, sampai_tw=1, isi="Catatan TW I", actor=admin("A"))
    fresh.add_note(
        tahun=2024, sampai_tw=1, isi="Keputusan TW I", jenis="keputusan", actor=admin("A"),
        penanggung_jawab="Sekretaris", batas_waktu=date(2024, 5, 1),
    )  # fmt: skip
    fresh.add_note(
        tahun=2024, sampai_tw=2, isi="Keputusan TW II", jenis="keputusan", actor=admin("A")
    )
    notes = views.combine_notes(fresh.notes(2024), fresh.notes(2023))
    follow = notulen.earlier_decisions(notes, 2024, 2)
    assert list(follow["isi"]) == ["Keputusan TW I", "Lama"]  # decisions only, newest rapat first
    assert list(notulen.rapat_notes(notes, 2024, 2)["isi"]) == ["Keputusan TW II"]
    # the rapat page's summary shows them as 'Dari rapat sebelumnya'
    _, earlier = views.split_notes(notes, 2024, 2, views.RINGKASAN)
    assert "Keputusan TW I" in set(earlier["isi"])


def test_peserta_one_per_line():
    assert notulen.peserta_list("Kepala Dinas\n\n Sekretaris ; Kabid Statistik\n") == [
        "Kepala Dinas",
        "Sekretaris",
        "Kabid Statistik",
    ]


def _notulen(store: Store, tmp_path) -> tuple[bytes, list]:
    settings = Settings()
    tahun, tw = 2024, 2
    anggaran = analysis.anggaran_dinas(store.anggaran(tahun), store.rencana(tahun)[1])
    evaluated = analysis.evaluate(store.indicators(tahun), anggaran, tw, settings)
    budgets = views.budget_levels(views.budget_paths(anggaran, tw))
    figures = notulen.slide_figures(evaluated, budgets, settings)
    store.add_note(tahun=2024, sampai_tw=1, isi="Percepat serapan Sekretariat",
                   jenis="keputusan", actor=admin("Rina"), penanggung_jawab="Sekretaris",
                   batas_waktu=date(2024, 5, 31))  # fmt: skip
    store.add_note(tahun=tahun, sampai_tw=tw, isi="Indikator SPBE perlu data dukung",
                   bidang="Bidang Aplikasi Informatika", actor=admin("Rina"))  # fmt: skip
    store.add_note(tahun=tahun, sampai_tw=tw, isi="Kirim ulang format TW II <b>segera</b>",
                   jenis="keputusan", bidang="Bidang Statistik", actor=admin("Budi"),
                   penanggung_jawab="Kabid Statistik", batas_waktu=date(2024, 7, 15))  # fmt: skip
    notes = views.combine_notes(store.notes(tahun), store.notes(tahun - 1))
    data = notulen.DataRapat(
        tahun=tahun,
        sampai_tw=tw,
        tanggal=date(2024, 7, 8),
        tempat="Ruang Rapat Dinas",
        agenda="Evaluasi capaian kinerja Triwulan II",
        peserta=["Kepala Dinas", "Sekretaris", "Kabid Statistik"],
        notulis="Rina",
    )
    content = notulen.build(
        data,
        pengaturan.kantor_from_settings(settings),
        figures,
        notulen.rapat_notes(notes, tahun, tw),
        notulen.earlier_decisions(notes, tahun, tw),
        settings,
    )
    return content, figures


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_notulen_opens_in_libreoffice_and_lists_notes_and_decisions(store, tmp_path):
    content, figures = _notulen(store, tmp_path)
    source = tmp_path / "Notulen_Rapat_2024_TW2.docx"
    source.write_bytes(content)
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    pdf = source.with_suffix(".pdf")
    assert pdf.exists(), result.stdout + result.stderr
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60
    ).stdout
    flat = " ".join(text.split())
    solid = "".join(text.split())  # a table cell's text, wherever its lines break
    assert "NOTULEN RAPAT KOORDINASI" in flat
    assert "Senin, 8 Juli 2024" in flat
    for name in ("Kepala Dinas", "Sekretaris", "Kabid Statistik"):
        assert name in flat
    assert "Indikator SPBE perlu data dukung" in flat
    assert "KirimulangformatTWII<b>segera</b>" in solid  # people's text stays text
    assert "15Juli2024" in solid and "KabidStatistik" in solid
    assert "PercepatserapanSekretariat" in solid and "31Mei2024(lewatbatas)" in solid
    # the slides' figures: the Dinas summary's mean capaian as its card shows it
    title, dinas = figures[0]
    assert title == "Ringkasan Dinas"
    assert views.fmt_percents([dinas.rata_rata_capaian])[0] in solid
    pages = subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(pdf), str(tmp_path / "notulen")],
        capture_output=True, timeout=120,
    )  # fmt: skip
    assert pages.returncode == 0 and list(tmp_path.glob("notulen*.png"))
