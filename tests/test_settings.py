"""Settings: defaults of DESIGN.md, overridden by TOML and KINERJA_DB."""

import pytest

from kinerja_core.settings import Settings, SettingsError, database_url_from_env, load_settings


def test_defaults():
    settings = Settings()
    assert settings.negatif_method == "2T-R" and settings.capaian_cap is None
    assert settings.predikat_bounds == (91, 76, 66, 51)


def test_toml_overrides(tmp_path):
    path = tmp_path / "kinerja.toml"
    path.write_text(
        'capaian_cap = 120\nkertas = "F4"\nkabupaten = "Luwu Utara"\nabc = 1\n'
        '[penyusun]\njabatan = "Kepala Dinas"\nnama = "Andi"\npangkat = "IV/b"\nnip = "1970"\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert settings.capaian_cap == 120 and settings.kertas == "F4"
    assert settings.kabupaten == "Luwu Utara" and settings.penyusun.nama == "Andi"


def test_missing_file_gives_defaults(tmp_path):
    assert load_settings(tmp_path / "none.toml") == Settings()


def test_database_url(monkeypatch, tmp_path):
    monkeypatch.setenv("KINERJA_DB", str(tmp_path / "x.db"))
    assert database_url_from_env() == f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.setenv("KINERJA_DB", "postgresql://u@h/db")
    assert database_url_from_env() == "postgresql://u@h/db"


def test_example_config_documents_the_defaults():
    from kinerja_core.settings import REPO_ROOT

    assert load_settings(REPO_ROOT / "kinerja.example.toml") == Settings()


@pytest.mark.parametrize(
    ("content", "mentions"),
    [
        ('kertas = "A5"', "'kertas'"),
        ('capaian_cap = "seratus"', "'capaian_cap'"),
        ("predikat_bounds = [51, 66, 76, 91]", "menurun"),
        ("predikat_bounds = [91, 76]", "empat angka"),
        ('penyusun = "Andi"', "'penyusun'"),
        ("kabupaten = 7", "'kabupaten'"),
        ("kertas = A4", "tidak dapat dibaca"),
    ],
)
def test_bad_values_are_told_in_indonesian(tmp_path, content, mentions):
    path = tmp_path / "kinerja.toml"
    path.write_text(content + "\n", encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        load_settings(path)
    assert mentions in str(raised.value) and str(path) in str(raised.value)


def test_cli_reports_a_broken_config_without_traceback(tmp_path):
    import subprocess
    import sys

    from kinerja_core.settings import REPO_ROOT

    (tmp_path / "kinerja.toml").write_text('kertas = "A5"\n', encoding="utf-8")
    demo = sorted((REPO_ROOT / "data" / "demo" / "2024").glob("*.xlsx"))[0]
    done = subprocess.run(
        [sys.executable, "-m", "kinerja_core", "hitung", str(demo)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "'kertas'" in done.stderr and "Traceback" not in done.stderr
