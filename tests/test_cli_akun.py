"""CLI: akun tambah / daftar / sandi (password from standard input without a terminal) and
their lazy imports."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kinerja_core import accounts
from kinerja_core.settings import REPO_ROOT
from kinerja_core.store import Store
from tests.test_cli_imports import loaded


def akun(*argv: str, stdin: str = "", db: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kinerja_core", "akun", *argv, "--db", db],
        cwd=REPO_ROOT, input=stdin, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_first_admin_then_a_kabid_then_the_list(db_url):
    made = akun("tambah", "--peran", "admin", "--pengguna", "kasubag", "--nama", "Ani",
                stdin="sandi-admin-baru\n", db=db_url)  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "Akun 'kasubag' dibuat sebagai Admin / Kasubag Perencanaan." in made.stdout
    assert "sandi-admin-baru" not in made.stdout + made.stderr
    kabid = akun("tambah", "--peran", "kabid", "--pengguna", "kabid.ikp", "--bidang",
                 "Bidang IKP", stdin="sandi-kabid-baru\n", db=db_url)  # fmt: skip
    assert kabid.returncode == 0, kabid.stderr
    listed = akun("daftar", db=db_url)
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split()[:3] == ["Pengguna", "Nama", "Peran"]
    assert "kabid.ikp" in lines[1] and "Bidang IKP" in lines[1] and "Kepala Bidang" in lines[1]
    assert "kasubag" in lines[2] and "Ani" in lines[2]
    assert "$argon2" not in listed.stdout
    store = Store(db_url)
    assert accounts.authenticate(store, "kasubag", "sandi-admin-baru").nama == "Ani"


def test_password_change_and_refusals_say_why(db_url):
    akun("tambah", "--peran", "tamu", "--pengguna", "rapat", stdin="sandi-tamu-lama\n", db=db_url)
    changed = akun("sandi", "--pengguna", "rapat", stdin="sandi-tamu-baru\n", db=db_url)
    assert changed.returncode == 0, changed.stderr
    assert accounts.authenticate(Store(db_url), "rapat", "sandi-tamu-baru").pengguna == "rapat"
    short = akun("tambah", "--peran", "admin", "--pengguna", "x1", stdin="pendek\n", db=db_url)
    assert short.returncode == 1 and "terlalu pendek" in short.stderr
    empty = akun("tambah", "--peran", "admin", "--pengguna", "x2", stdin="", db=db_url)
    assert empty.returncode == 1 and "kosong" in empty.stderr
    nobidang = akun("tambah", "--peran", "kabid", "--pengguna", "x3", stdin="panjang-sekali\n",
                    db=db_url)  # fmt: skip
    assert nobidang.returncode == 1 and "--bidang" in nobidang.stderr
    missing = akun("sandi", "--pengguna", "siapa", stdin="panjang-sekali\n", db=db_url)
    assert missing.returncode == 1 and "tidak ada" in missing.stderr


@pytest.mark.parametrize(
    "argv", [["akun", "--help"], ["akun", "tambah", "--help"], ["audit", "periksa", "--help"]]
)
def test_help_loads_no_heavy_library(argv):
    assert loaded(*argv)["heavy"] == []
