"""`python -m kinerja_core format`: one workbook per bidang from the stored rencana or the demo."""

import subprocess
import sys
from pathlib import Path

import openpyxl

from kinerja_core.cli import main
from kinerja_core.demo import BIDANG, demo_frames
from kinerja_core.rencana import rencana_from_frames
from kinerja_core.store import Store
from kinerja_core.template import format_filename
from tests.login import admin

REPO = Path(__file__).resolve().parents[1]


def _meta(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    return {row[0]: row[1] for row in wb["_meta"].iter_rows(values_only=True)}


def test_from_stored_rencana(tmp_path, capsys):
    db = tmp_path / "k.db"
    store = Store(f"sqlite:///{db}")
    ind, ang = rencana_from_frames(*demo_frames(2024))
    keep = ind["bidang"].isin(["Sekretariat", "Bidang Statistik"])
    ind = ind[keep].assign(target=ind.loc[keep, "target"] + 1)
    store.set_rencana(
        2024, ind, ang[ang["bidang"].isin(["Sekretariat", "Bidang Statistik"])], actor=admin()
    )
    store.engine.dispose()
    out = tmp_path / "keluar"
    assert main(["format", "--tahun", "2024", "--keluaran", str(out), "--db", str(db)]) == 0
    printed = capsys.readouterr().out
    assert "dari basis data" in printed and "demo" not in printed
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(format_filename(2024, b) for b in ["Sekretariat", "Bidang Statistik"])
    for name in written:
        assert str(out / name) in printed
    wb = openpyxl.load_workbook(out / format_filename(2024, "Bidang Statistik"))
    first = next(wb["Kinerja"].iter_rows(min_row=6, values_only=True))
    assert first[7] == 81  # the stored target (80 + 1), not the demo's
    assert _meta(out / written[0])["tahun"] == "2024"


def test_demo_fallback_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KINERJA_DB", str(tmp_path / "belum_ada.db"))
    out = tmp_path / "keluar"
    assert main(["format", "--tahun", "2023", "--keluaran", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "memakai data demo" in printed
    assert sorted(p.name for p in out.iterdir()) == sorted(format_filename(2023, b) for b in BIDANG)
    assert not (tmp_path / "belum_ada.db").exists()  # reading never creates a database


def test_refusals_are_one_indonesian_line(tmp_path, capsys):
    db = tmp_path / "k.db"
    Store(f"sqlite:///{db}").engine.dispose()
    args = ["format", "--tahun", "2030", "--keluaran", str(tmp_path / "o"), "--db", str(db)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("Gagal: Belum ada rencana kinerja tahun 2030")
    missing = ["format", "--tahun", "2024", "--keluaran", str(tmp_path), "--db", "/tidak/ada.db"]
    assert main(missing) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    blocker = tmp_path / "berkas"
    blocker.write_text("x")
    assert main(["format", "--tahun", "2024", "--keluaran", str(blocker / "sub")]) == 1
    assert "Gagal menulis ke folder" in capsys.readouterr().err


def test_help_in_indonesian_without_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "kinerja_core", "format", "--tahun", "dua"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "nilai int tidak sah" in result.stderr
    shown = subprocess.run(
        [sys.executable, "-m", "kinerja_core", "format", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert "--keluaran FOLDER" in shown and "folder tujuan" in shown
