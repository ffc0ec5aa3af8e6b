"""Disposisi: recorded by the Kasubag, opens the period, its batas waktu drives the tracker."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kinerja_core import access, disposisi, tracker
from kinerja_core.disposisi import Disposisi, DisposisiError
from tests.alur import ADMIN, EVERYONE, PDF, alur_seed, store

__all__ = ["alur_seed", "store"]


def order(**changes) -> Disposisi:
    values = dict(
        tahun=2024, sampai_tw=4, nomor_agenda="045/Sekr/I/2025", surat_dari="Kepala Dinas",
        tanggal=date(2025, 1, 2), hal="Evaluasi Renja 2024", isi_instruksi="Siapkan evaluasi",
        batas_waktu=date(2025, 1, 10), diterima_pada=datetime(2025, 1, 2, 1, 0),
    )  # fmt: skip
    values.update(changes)
    return Disposisi(**values)


def test_a_disposisi_opens_the_period_and_sets_the_tracker_due_date(store):
    disposisi.catat(store, ADMIN, order(), PDF, "disposisi.pdf")
    period = store.period(2024)
    assert period["batas_waktu"] == date(2025, 1, 10) and period["sampai_tw"] == 4
    frame = tracker.tracker(
        store.submissions(2024), store.rencana(2024)[0], store.indicators(2024),
        sampai_tw=4, batas_waktu=period["batas_waktu"], today=date(2025, 2, 1),
    )  # fmt: skip
    # the demo sent on 6-10 January and Persandian on the 17th: late against the 10th
    late = set(frame.loc[frame["status"] == tracker.TERLAMBAT, "bidang"])
    assert late == {"Bidang Persandian"}
    kept = disposisi.berlaku(store, 2024)
    assert kept["nomor_agenda"] == "045/Sekr/I/2025" and kept["oleh"] == ADMIN.label
    assert store.berkas(kept["berkas_id"])["jenis"] == "disposisi"
    # a later disposisi moves the due date; the earlier one stays
    disposisi.catat(store, ADMIN, order(nomor_agenda="050", batas_waktu=date(2025, 1, 20)))
    assert store.period(2024)["batas_waktu"] == date(2025, 1, 20)
    assert [d["nomor_agenda"] for d in store.disposisi_list(2024)] == ["045/Sekr/I/2025", "050"]


def test_every_missing_field_is_named_at_once(store):
    bad = order(nomor_agenda=" ", hal="", batas_waktu=date(2024, 12, 1))
    with pytest.raises(DisposisiError) as raised:
        disposisi.catat(store, ADMIN, bad)
    message = str(raised.value)
    assert "Nomor agenda wajib diisi" in message and "Hal wajib diisi" in message
    assert "Batas waktu (01/12/2024) lebih awal" in message
    assert store.disposisi_list(2024) == []


@pytest.mark.parametrize("actor", EVERYONE, ids=lambda a: a.peran.value)
def test_only_the_kasubag_records_a_disposisi(store, actor):
    if access.can(actor, access.Aksi.BUKA_PERIODE):
        disposisi.catat(store, actor, order())
        assert len(store.disposisi_list(2024)) == 1
    else:
        with pytest.raises(access.AksesDitolak):
            disposisi.catat(store, actor, order())
        assert store.disposisi_list(2024) == []
