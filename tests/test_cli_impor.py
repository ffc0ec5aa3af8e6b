"""CLI `impor`: files and folders stored in a database, messages and exit codes."""

from __future__ import annotations

import subprocess
import sys

from kinerja_core.settings import DEMO_DIR, REPO_ROOT
from kinerja_core.store import Store
from tests.test_intake import KEUANGAN, messy_file


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kinerja_core", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def test_impor_folder_into_a_fresh_database(tmp_path):
    db = tmp_path / "k.db"
    result = run_cli("impor", str(DEMO_DIR / "2024"), "--db", str(db), "--oleh", "Rina")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.count("tersimpan sebagai versi 1") == 5
    assert "5 berkas tersimpan, 0 arsip, 0 sudah ada, 0 ditolak." in result.stderr
    store = Store(f"sqlite:///{db}")
    subs = store.submissions(2024)
    assert len(subs) == 5 and set(subs["uploaded_by"]) == {"Rina (Admin / Kasubag Perencanaan)"}
    assert len(store.rencana(2024)[0]) == len(store.indicators(2024)) > 0
    store.engine.dispose()

    again = run_cli("impor", *map(str, sorted((DEMO_DIR / "2024").glob("*.xlsx"))), "--db", str(db))
    assert again.returncode == 0
    assert again.stdout.count("sudah tersimpan sebagai versi 1") == 5


def test_impor_refuses_a_bidang_outside_the_rencana_and_a_missing_file(tmp_path):
    db = tmp_path / "k.db"
    assert run_cli("impor", str(DEMO_DIR / "2024"), "--db", str(db)).returncode == 0
    keuangan = tmp_path / "keuangan.xlsx"
    keuangan.write_bytes(messy_file("BIDANG PENGELOLAAN KEUANGAN — TAHUN ANGGARAN 2024", KEUANGAN))
    result = run_cli("impor", str(keuangan), str(tmp_path / "tidak_ada.xlsx"), "--db", str(db))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "keuangan.xlsx: DITOLAK" in result.stderr
    assert "'Bidang Pengelolaan Keuangan' tidak ada dalam rencana tahun 2024" in result.stderr
    assert "tidak_ada.xlsx: DITOLAK — berkas tidak ditemukan" in result.stderr
    assert "0 berkas tersimpan, 0 arsip, 0 sudah ada, 2 ditolak." in result.stderr


def test_impor_database_that_cannot_be_opened_is_one_line(tmp_path):
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    result = run_cli("impor", str(DEMO_DIR / "2024"), "--db", str(blocker / "k.db"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "tidak dapat dibuka" in result.stderr
