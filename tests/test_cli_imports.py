"""CLI start-up: each command loads only the libraries it uses (``--help`` none at all)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kinerja_core.settings import DEMO_DIR, REPO_ROOT

HEAVY = ("pandas", "numpy", "sqlalchemy", "python_calamine", "xlsxwriter", "streamlit", "plotly")

_PROBE = """
import contextlib, io, json, sys
from kinerja_core.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(sys.argv[1:])
heavy = sorted({name.split(".")[0] for name in sys.modules} & set(HEAVY_NAMES))
print(json.dumps({"code": code, "heavy": heavy}))
""".replace("HEAVY_NAMES", repr(HEAVY))


def loaded(*argv: str, cwd=REPO_ROOT) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["hitung", "--help"], ["evaluasi", "--help"], ["impor", "--help"], []],
)
def test_help_and_parsing_load_no_heavy_library(argv):
    assert loaded(*argv)["heavy"] == []


def test_hitung_loads_no_database_nor_workbook_writer(tmp_path):
    demo = sorted((DEMO_DIR / "2024").glob("*.xlsx"))[0]
    found = loaded("hitung", str(demo), "--csv", str(tmp_path / "out.csv"))
    assert found["code"] == 0
    assert "sqlalchemy" not in found["heavy"]
    assert "xlsxwriter" not in found["heavy"]
    assert "streamlit" not in found["heavy"]
    assert "pandas" in found["heavy"]  # the probe sees real imports


def test_periksa_loads_no_database(tmp_path):
    demo = sorted((DEMO_DIR / "2024").glob("*.xlsx"))[0]
    found = loaded("periksa", str(demo))
    assert found["code"] == 0
    assert "sqlalchemy" not in found["heavy"]
    assert "xlsxwriter" not in found["heavy"]


def test_configuration_error_is_still_one_indonesian_line(tmp_path, monkeypatch):
    """The lazily looked-up SettingsError keeps its own message (exit 2, no traceback)."""
    config = tmp_path / "kinerja.toml"
    config.write_text('kertas = "A5"\n', encoding="utf-8")
    demo = sorted((DEMO_DIR / "2024").glob("*.xlsx"))[0]
    result = subprocess.run(
        [sys.executable, "-m", "kinerja_core", "hitung", str(demo)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "KINERJA_CONFIG": str(config)},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "kertas" in result.stderr
    assert "tidak terduga" not in result.stderr
