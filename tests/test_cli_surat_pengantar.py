"""`python -m kinerja_core surat-pengantar`: a number from the register and the letter."""

from __future__ import annotations

import subprocess
import sys

from docx import Document

from kinerja_core import surat
from kinerja_core.settings import REPO_ROOT
from kinerja_core.store import Store


def run(db, out, *extra) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kinerja_core", "surat-pengantar", "--tahun", "2024",
         "--sampai-tw", "4", "--kepada", "Kepala Bappeda Kabupaten Luwu Timur",
         "--tanggal", "2025-01-22", "--keluaran", str(out), "--db", str(db), *extra],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_two_concurrent_calls_get_consecutive_different_numbers(tmp_path):
    db = tmp_path / "k.db"
    Store(f"sqlite:///{db}").engine.dispose()
    first, second = run(db, tmp_path / "a.docx"), run(db, tmp_path / "b.docx")
    outputs = [p.communicate(timeout=180) for p in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], outputs
    numbers = sorted(out.strip() for out, _ in outputs)
    assert numbers == ["000.7.2/001/Diskominfo-SP/2025", "000.7.2/002/Diskominfo-SP/2025"]
    for name in ("a.docx", "b.docx"):
        text = "\n".join(p.text for p in Document(tmp_path / name).paragraphs)
        assert "SURAT PENGANTAR" in text
        assert any(f"NOMOR {n}" in text for n in numbers)
    rows = surat.register(Store(f"sqlite:///{db}"), 2025)
    assert [r["nomor_urut"] for r in rows] == [1, 2]
    assert all(r["berkas_id"] for r in rows) and rows[0]["periode_tahun"] == 2024


def test_a_bad_date_is_one_indonesian_line(tmp_path):
    process = run(tmp_path / "k.db", tmp_path / "a.docx", "--tanggal", "22/01/2025")
    out, err = process.communicate(timeout=120)
    assert process.returncode == 2 and "Traceback" not in err
    assert "TTTT-BB-HH" in err
