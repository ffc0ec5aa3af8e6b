"""The audit log: hash chain, append-only in the database, the check, the Riwayat views."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
import sqlalchemy as sa

from kinerja_core import audit, migrate
from kinerja_core.access import Actor, AksesDitolak, Peran
from kinerja_core.settings import REPO_ROOT
from kinerja_core.store import Store, audit_log
from tests import databases

CLI = Actor.cli()


@pytest.fixture
def store(db_url) -> Store:
    store = Store(db_url)
    store.log("Ani (Admin)", "ubah rencana", "2024 Bidang IKP 1.1 target", "80", "85")
    store.log("Budi (Sekretaris)", "koreksi", "2024 Statistik realisasi TW4", 10.5, {"n": 11})
    store.log("Ani (Admin)", "ubah pengaturan", "kop", "", "Dinas X")
    store.log("Citra (Kepala Dinas)", "setujui dokumen", "2024 versi 1", "Diparaf", "Disetujui")
    return store


def _tamper(store: Store, statement: str) -> None:
    databases.tamper_audit_log(store.engine, statement)


def test_an_intact_log_checks_out_and_keeps_before_and_after(store):
    checked, broken = audit.verify(store)
    assert (checked, broken) == (4, [])
    rows = audit.entries(store, CLI)
    assert list(rows["Sebelum"]) == ["Diparaf", "", "10.5", "80"]
    assert list(rows["Sesudah"]) == ["Disetujui", "Dinas X", '{"n": 11}', "85"]
    assert rows["Waktu"].str.endswith("WITA").all()


def test_the_database_refuses_to_change_or_delete_an_entry(store):
    for statement in ("UPDATE audit_log SET who = 'x'", "DELETE FROM audit_log"):
        with (
            pytest.raises(sa.exc.DBAPIError, match="hanya dapat ditambah"),
            store.engine.begin() as conn,
        ):
            conn.exec_driver_sql(statement)
    assert audit.verify(store) == (4, [])


def test_an_edited_entry_is_detected(store):
    _tamper(store, "UPDATE audit_log SET sesudah = '90' WHERE id = 1")
    _, broken = audit.verify(store)
    assert [(b.id, "diubah" in b.alasan) for b in broken] == [(1, True)]


def test_an_edited_entry_with_its_hash_recomputed_breaks_the_next_link(store):
    with store.reading() as conn:
        row = conn.execute(audit_log.select().where(audit_log.c.id == 2)).mappings().one()
    forged = audit.entry_hash(
        row["prev_sha256"], row["at"], "Orang Lain", row["action"], row["detail"],
        row["sebelum"], row["sesudah"],
    )  # fmt: skip
    _tamper(store, f"UPDATE audit_log SET who = 'Orang Lain', sha256 = '{forged}' WHERE id = 2")
    _, broken = audit.verify(store)
    assert [b.id for b in broken] == [3]
    assert "sebelum ini" in broken[0].alasan


def test_a_deleted_entry_is_detected_in_the_middle_and_at_the_end(store):
    _tamper(store, "DELETE FROM audit_log WHERE id = 2")
    assert [b.id for b in audit.verify(store)[1]] == [3]
    _tamper(store, "DELETE FROM audit_log WHERE id = 4")
    ids = [b.id for b in audit.verify(store)[1]]
    assert ids == [3, 4]


def test_the_check_command_reports_broken_links(store, db_url):
    def periksa():
        return subprocess.run(
            [sys.executable, "-m", "kinerja_core", "audit", "periksa", "--db", db_url],
            cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    ok = periksa()
    assert ok.returncode == 0, ok.stderr
    assert "utuh: 4 entri diperiksa" in ok.stdout
    _tamper(store, "UPDATE audit_log SET detail = 'lain' WHERE id = 3")
    bad = periksa()
    assert bad.returncode == 1
    assert "PUTUS" in bad.stderr and "entri #3" in bad.stderr


def test_the_migration_chains_the_entries_of_an_older_database(tmp_path):
    from alembic import command

    url = f"sqlite:///{tmp_path / 'lama.db'}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        command.upgrade(migrate._config(conn), "0007")  # the revision before the chain
        for n in range(3):
            conn.execute(
                sa.text(
                    "INSERT INTO audit_log (at, who, action, detail) VALUES (:at, :w, 'x', :d)"
                ),
                {"at": f"2024-01-0{n + 1} 08:00:00.000000", "w": f"orang {n}", "d": f"ke-{n}"},
            )
    engine.dispose()
    store = Store(url)  # upgrades to the newest revision
    assert audit.verify(store) == (3, [])
    store.log("baru", "y")
    assert audit.verify(store) == (4, [])


def test_history_filters_by_person_action_and_dates(store):
    who, actions, span = audit.choices(store, CLI)
    assert who == ["Ani (Admin)", "Budi (Sekretaris)", "Citra (Kepala Dinas)"]
    assert "koreksi" in actions
    assert span is not None
    picked = audit.entries(store, CLI, audit.Saring(oleh=("Ani (Admin)",)))
    assert list(picked["Tindakan"]) == ["ubah pengaturan", "ubah rencana"]
    picked = audit.entries(store, CLI, audit.Saring(tindakan=("koreksi", "setujui dokumen")))
    assert len(picked) == 2
    assert audit.entries(store, CLI, audit.Saring(dari=span[0], sampai=span[1])).shape[0] == 4
    assert audit.entries(store, CLI, audit.Saring(sampai=date(2000, 1, 1))).empty


def test_only_roles_with_the_history_see_it(store):
    for peran in (Peran.KABID, Peran.TAMU):
        with pytest.raises(AksesDitolak):
            audit.entries(store, Actor("x", "X", peran, "Bidang IKP"))
    for peran in (Peran.ADMIN, Peran.SEKRETARIS, Peran.KEPALA_DINAS):
        assert len(audit.entries(store, Actor("x", "X", peran))) == 4
