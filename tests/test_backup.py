"""Backups: consistent while another thread keeps writing, checked, and restorable.

The writer adds submissions with five indicator rows each (one transaction: submission,
rows, audit entry, data version). A backup taken meanwhile must be one moment of that
history: k whole submissions, 5·k rows, k audit entries, version base + k — never a
submission without its rows. Waits are on events the writer sets, never on a clock.
"""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa

from kinerja_core import backup
from kinerja_core.backup import BackupError, check_backup, make_backup, restore_backup
from kinerja_core.model import conform_anggaran, conform_indicators
from kinerja_core.settings import REPO_ROOT
from kinerja_core.store import Store
from tests.login import admin

ROWS_PER_SUBMISSION = 5


def _rows(n: int) -> pd.DataFrame:
    return conform_indicators(
        pd.DataFrame(
            {
                "bidang": ["Bidang Statistik"] * ROWS_PER_SUBMISSION,
                "kode": [f"2.20.02.2.01.{n:04d}"] * ROWS_PER_SUBMISSION,
                "indikator": [f"Indikator {n}.{i}" for i in range(ROWS_PER_SUBMISSION)],
                "satuan": ["Dokumen"] * ROWS_PER_SUBMISSION,
                "target": np.full(ROWS_PER_SUBMISSION, 10.0),
                "realisasi_tw1": np.full(ROWS_PER_SUBMISSION, float(n)),
            }
        )
    )


class Writer(threading.Thread):
    """Adds one submission after another until told to stop; counts what it committed."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.store = Store(url)
        self.stop = threading.Event()
        self.committed = 0
        self.progress = threading.Condition()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                n = self.committed
                self.store.add_submission(
                    tahun=2024,
                    bidang="Bidang Statistik",
                    filename=f"kiriman_{n}.xlsx",
                    content=hashlib.sha256(str(n).encode()).digest() * 64,
                    actor=admin("penulis"),
                    indicators=_rows(n),
                    anggaran=conform_anggaran(pd.DataFrame()),
                    problems=[],
                )
                with self.progress:
                    self.committed += 1
                    self.progress.notify_all()
        except BaseException as error:  # reported by the test, not lost in the thread
            self.error = error
            with self.progress:
                self.progress.notify_all()

    def wait_for(self, count: int) -> None:
        with self.progress:
            assert self.progress.wait_for(
                lambda: self.committed >= count or self.error, timeout=600
            )
        assert self.error is None, self.error


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {
            "submissions": conn.execute("SELECT COUNT(*) FROM submissions").fetchone()[0],
            "rows": conn.execute("SELECT COUNT(*) FROM indicator_rows").fetchone()[0],
            "audit": conn.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0],
            "version": conn.execute(
                "SELECT value FROM counters WHERE name = 'data_version'"
            ).fetchone()[0],
            "incomplete": conn.execute(
                "SELECT COUNT(*) FROM submissions s WHERE s.n_rows != "
                "(SELECT COUNT(*) FROM indicator_rows r WHERE r.submission_id = s.id)"
            ).fetchone()[0],
        }


@pytest.fixture
def source(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'sumber.db'}"
    store = Store(url)
    store.log("uji", "mulai")  # one write before the writer starts: a base to count from
    store.engine.dispose()
    return url


def test_backup_during_concurrent_writes_is_one_moment_and_restorable(source, tmp_path):
    base = _counts(Path(sa.engine.make_url(source).database))
    writer = Writer(source)
    writer.start()
    try:
        writer.wait_for(3)
        info = make_backup(source, tmp_path / "cadangan.db", actor=admin())
        after = writer.committed
        writer.wait_for(after + 3)  # the writer went on; the backup must not see that
    finally:
        writer.stop.set()
        writer.join(timeout=600)
    assert writer.error is None

    copy = _counts(info.path)
    k = copy["submissions"]
    assert k >= 3
    assert copy == {
        "submissions": k,
        "rows": base["rows"] + ROWS_PER_SUBMISSION * k,
        "audit": base["audit"] + k,
        "version": base["version"] + k,
        "incomplete": 0,
    }
    assert writer.committed > k  # what came later is not in the copy
    assert check_backup(info.path).rows["submissions"] == k
    with sqlite3.connect(info.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file

    restored_url = f"sqlite:///{tmp_path / 'pulih.db'}"
    restore_backup(info.path, restored_url, actor=admin())
    restored, original = Store(restored_url), Store(source)
    kept = restored.submissions()
    assert len(kept) == k
    for submission_id in kept["id"]:
        assert restored.submission_content(int(submission_id)) == original.submission_content(
            int(submission_id)
        )
    assert _counts(Path(sa.engine.make_url(restored_url).database)) == copy
    new_id = restored.add_submission(
        tahun=2024,
        bidang="Bidang Statistik",
        filename="sesudah.xlsx",
        content=b"baru",
        actor=admin("uji"),
        indicators=_rows(999),
        anggaran=conform_anggaran(pd.DataFrame()),
        problems=[],
    )
    assert new_id == int(kept["id"].max()) + 1  # ids continue after the restored ones


def test_restore_only_into_an_empty_database(source, tmp_path):
    info = make_backup(source, tmp_path / "cadangan.db", actor=admin())
    full = Store(f"sqlite:///{tmp_path / 'berisi.db'}")
    full.log("uji", "sudah ada data")
    with pytest.raises(BackupError, match="sudah berisi data"):
        restore_backup(info.path, full.url, actor=admin())
    assert len(full.audit()) == 1  # untouched


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"bukan basis data", "bukan basis data SQLite"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "rusak"),
    ],
)
def test_a_file_that_is_not_a_backup_is_refused(tmp_path, content, needle):
    bad = tmp_path / "bukan.db"
    bad.write_bytes(content)
    with pytest.raises(BackupError, match=needle):
        restore_backup(bad, f"sqlite:///{tmp_path / 'baru.db'}", actor=admin())
    assert not (tmp_path / "baru.db").exists()


def test_a_database_of_another_program_is_refused(tmp_path):
    other = tmp_path / "lain.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE pelanggan (id INTEGER)")
    with pytest.raises(BackupError, match="bukan cadangan Kinerja"):
        check_backup(other)


def test_a_backup_of_a_newer_release_is_refused(source, tmp_path):
    info = make_backup(source, tmp_path / "cadangan.db", actor=admin())
    with sqlite3.connect(info.path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(BackupError, match="lebih baru"):
        check_backup(info.path)


def test_a_failed_backup_leaves_no_file_under_the_name(tmp_path, monkeypatch):
    target = tmp_path / "cadangan.db"

    def broken(partial):
        raise BackupError("uji: pemeriksaan gagal")

    monkeypatch.setattr(backup, "check_backup", broken)
    with pytest.raises(BackupError):
        make_backup(f"sqlite:///{tmp_path / 'x.db'}", target, actor=admin())
    assert not target.exists() and not list(tmp_path.glob(".*sebagian"))


def test_cli_cadangan_and_pulihkan(source, tmp_path):
    target = tmp_path / "cadangan" / "kinerja.db"

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "kinerja_core", *args],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )

    done = run("cadangan", "--keluaran", str(target), "--db", source)
    assert done.returncode == 0, done.stderr
    assert "Pemeriksaan integritas: baik" in done.stdout and target.is_file()
    restored = tmp_path / "pulih.db"
    done = run("pulihkan", str(target), "--db", str(restored))
    assert done.returncode == 0, done.stderr
    assert "dipulihkan" in done.stdout and "1 catatan audit" in done.stdout
    again = run("pulihkan", str(target), "--db", str(restored))
    assert again.returncode == 1 and "sudah berisi data" in again.stderr
    assert "Traceback" not in again.stderr
