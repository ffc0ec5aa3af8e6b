"""Corrections: kept as their own records, laid over the upload, shown, undoable."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from kinerja_core import analysis, koreksi
from kinerja_core.access import Actor, AksesDitolak, Peran
from kinerja_core.model import conform_anggaran, conform_indicators
from kinerja_core.settings import Settings
from kinerja_core.store import Store
from tests.login import admin

KASUBAG = Actor("kasubag", "Rina", Peran.ADMIN)
SEKRETARIS = Actor("sekretaris", "Budi", Peran.SEKRETARIS)
KABID = Actor("kabid", "Ani", Peran.KABID, "Statistik")


@pytest.fixture
def store(db_url) -> Store:
    store = Store(db_url)
    rows = pd.DataFrame(
        [
            dict(bidang="Statistik", kode="2.20.02.2.01.0001", indikator="Dokumen statistik",
                 satuan="dokumen", target=10, realisasi_tw1=2, realisasi_tw2=3),
            dict(bidang="Statistik", kode="2.20.02.2.01.0002", indikator="Kualitas layanan",
                 satuan="predikat", target_teks="Baik", realisasi_teks="Baik"),
        ]
    )  # fmt: skip
    store.add_submission(
        tahun=2024,
        bidang="Statistik",
        filename="statistik.xlsx",
        content=b"asli",
        actor=admin("kabid"),
        indicators=rows,
        anggaran=pd.DataFrame(),
        problems=[],
    )
    return store


def evaluated(store: Store, settings: Settings | None = None) -> pd.DataFrame:
    return koreksi.evaluate(
        store.indicators(2024),
        conform_anggaran(pd.DataFrame()),
        4,
        settings or Settings(),
        koreksi.records(store, 2024),
    )


def test_correction_changes_the_value_keeps_the_upload_and_can_be_undone(store):
    before = evaluated(store)
    assert before.loc[0, "realisasi"] == 5 and before.loc[0, "dikoreksi"] == ""
    kid = koreksi.correct(store, before.loc[0], "realisasi_tw2", 6, "salah ketik", KASUBAG)
    after = evaluated(store)
    assert after.loc[0, "realisasi"] == 8 and after.loc[0, "capaian"] == pytest.approx(80)
    assert after.loc[0, "dikoreksi"] == "Realisasi TW II"
    assert "dikoreksi" in after.loc[0, "flags"]
    assert store.indicators(2024).loc[0, "realisasi_tw2"] == 3  # the upload stays
    record = koreksi.records(store, 2024)[0]
    assert (record.nilai_asal, record.nilai_baru, record.alasan) == (3.0, 6.0, "salah ketik")
    assert store.audit()["action"].tolist()[0] == "koreksi"

    second = koreksi.correct(store, after.loc[0], "realisasi_tw2", 7, "revisi", KASUBAG)
    assert evaluated(store).loc[0, "realisasi"] == 9  # the newest wins
    assert koreksi.undo(store, second, KASUBAG)
    assert evaluated(store).loc[0, "realisasi"] == 8  # back to the one before
    assert koreksi.undo(store, kid, SEKRETARIS)
    assert not koreksi.undo(store, kid, SEKRETARIS)  # already undone
    back = evaluated(store)
    assert back.loc[0, "realisasi"] == 5 and back.loc[0, "dikoreksi"] == ""
    assert len(store.koreksi_rows(2024, include_undone=True)) == 2


def test_text_fields_and_emptying_a_number(store):
    row = evaluated(store).loc[0]
    koreksi.correct(store, row, "faktor_penghambat", "Server down", "dari rapat", KASUBAG)
    koreksi.correct(store, row, "realisasi_tw1", None, "belum terverifikasi", KASUBAG)
    after = evaluated(store).loc[0]
    assert after["faktor_penghambat"] == "Server down"
    assert after["realisasi"] == 3
    assert after["dikoreksi"] == "Faktor penghambat, Realisasi TW I"


@pytest.mark.parametrize(
    "kolom,value,alasan,message",
    [
        ("realisasi_tw1", "abc", "x", "bukan angka"),
        ("realisasi_tw1", -1, "x", "0 atau lebih"),
        ("realisasi_tw1", 4, "", "alasan"),
        ("realisasi_tw1", 2, "x", "sudah bernilai"),
        ("pagu", 2, "x", "tidak dapat dikoreksi"),
        ("predikat", "Tinggi", "x", "dihitung dari capaiannya"),
    ],
)
def test_refused_corrections_say_why(store, kolom, value, alasan, message):
    row = evaluated(store).loc[0]
    with pytest.raises(koreksi.KoreksiError, match=message):
        koreksi.correct(store, row, kolom, value, alasan, KASUBAG)
    assert store.koreksi_rows(2024).empty


@pytest.mark.parametrize("peran", [Peran.KABID, Peran.KEPALA_DINAS, Peran.TAMU])
def test_roles_without_koreksi_are_refused_by_the_core(store, peran):
    row = evaluated(store).loc[0]
    someone = Actor("x", "X", peran, "Bidang Statistik" if peran is Peran.KABID else None)
    with pytest.raises(AksesDitolak):
        koreksi.correct(store, row, "realisasi_tw1", 4, "alasan", someone)
    kid = koreksi.correct(store, row, "realisasi_tw1", 4, "alasan", admin("kasubag"))
    with pytest.raises(AksesDitolak):
        koreksi.undo(store, kid, someone)
    sekretaris = Actor("s", "Sekretaris", Peran.SEKRETARIS)
    assert koreksi.undo(store, kid, sekretaris)
    assert store.audit(1).iloc[0]["who"] == "Sekretaris (Sekretaris)"


def test_manual_predikat_for_a_qualitative_indicator(store):
    row = evaluated(store).loc[1]
    assert row["predikat"] == "" and math.isnan(row["capaian"])
    with pytest.raises(koreksi.KoreksiError, match="tidak dikenal"):
        koreksi.correct(store, row, "predikat", "Bagus", "x", KASUBAG)
    koreksi.correct(store, row, "predikat", "Tinggi", "hasil survei kepuasan 82", KASUBAG)
    after = evaluated(store)
    assert after.loc[1, "predikat"] == "Tinggi"
    assert after.loc[1, "alasan_predikat"] == "hasil survei kepuasan 82"
    assert "predikat ditetapkan manual" in after.loc[1, "flags"]
    head = analysis.headline(after, conform_anggaran(pd.DataFrame()), 2024, 4, Settings())
    assert head.per_predikat["Tinggi"] == 1
    assert head.rata_rata_capaian == pytest.approx(after.loc[0, "capaian"])  # not averaged


def test_apply_leaves_its_input_alone_and_matches_by_kode_and_name():
    ind = conform_indicators(
        pd.DataFrame([dict(tahun=2024, kode="1.01.01", indikator="A  b", target=5)])
    )
    item = koreksi.Koreksi(1, 2024, "", "1.01.01", "a B", "target", 5.0, 7.0, "r", "k")
    out = koreksi.apply(ind, [item])
    assert out.loc[0, "target"] == 7 and ind.loc[0, "target"] == 5


def test_a_kabid_may_not_correct_nor_undo(store):
    row = evaluated(store).loc[0]
    with pytest.raises(AksesDitolak, match="tidak berwenang untuk koreksi konsep"):
        koreksi.correct(store, row, "realisasi_tw1", 4, "x", KABID)
    assert store.koreksi_rows(2024).empty
    kid = koreksi.correct(store, row, "realisasi_tw1", 4, "x", SEKRETARIS)
    with pytest.raises(AksesDitolak):
        koreksi.undo(store, kid, KABID)
    assert len(koreksi.records(store, 2024)) == 1
    assert store.audit()["who"].tolist()[0] == "Budi (Sekretaris)"
