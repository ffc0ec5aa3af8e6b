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
        'capaian_cap = 120\nkertas = "F4"\nkabupaten = "Luwu Utara"\n'
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


@pytest.mark.parametrize(
    ("content", "mentions"),
    [
        ("capaian_caps = 120", "kunci 'capaian_caps' tidak dikenal (maksudnya 'capaian_cap'?)"),
        (
            'negatif_metod = "T/R"',
            "kunci 'negatif_metod' tidak dikenal (maksudnya 'negatif_method'?)",
        ),
        (
            '[penyusun]\nnamaa = "Andi"',
            "kunci 'namaa' di tabel [penyusun] tidak dikenal (maksudnya 'nama'?)",
        ),
        ("zzz = 1", "kunci 'zzz' tidak dikenal (kunci yang dikenal: negatif_method,"),
    ],
)
def test_unknown_keys_name_the_nearest_valid_one(tmp_path, content, mentions):
    path = tmp_path / "kinerja.toml"
    path.write_text(content + "\n", encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        load_settings(path)
    assert mentions in str(raised.value) and str(path) in str(raised.value)


@pytest.mark.parametrize(
    ("content", "mentions"),
    [
        ('flag_threshold = "66"', "kunci 'flag_threshold': nilai '66' tidak sah; seharusnya angka"),
        ("flag_threshold = -1", "seharusnya angka 0 atau lebih tanpa tanda petik"),
        ("flag_threshold = true", "kunci 'flag_threshold': nilai True"),
        ("kolom_capaian_renja = 1", "seharusnya true atau false"),
        ('kertas = "A5"', 'seharusnya "A4" atau "F4" atau "A3"'),
        (
            "renstra_tahun_awal = 1990",
            "bilangan bulat 2000 atau lebih, paling besar 2100 tanpa tanda petik",
        ),
        ("[penyusun]\nnip = 1970", "kunci 'penyusun.nip': nilai 1970 tidak sah; seharusnya teks"),
        ('zona_waktu = "Mars/Olympus"', '"Asia/Makassar" (WITA)'),
        ('[kualitatif_nilai]\nBaik = "seratus"', "kunci 'kualitatif_nilai'"),
        ("dinas = 5\nkabupaten = 6", "kunci 'dinas'"),
    ],
)
def test_wrong_types_name_file_key_and_expected_type(tmp_path, content, mentions):
    path = tmp_path / "kinerja.toml"
    path.write_text(content + "\n", encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        load_settings(path)
    assert mentions in str(raised.value) and str(path) in str(raised.value)
    if content.startswith("dinas"):
        assert "kunci 'kabupaten'" in str(raised.value)  # every wrong key, not only the first


def test_valid_values_of_every_kind(tmp_path):
    path = tmp_path / "kinerja.toml"
    path.write_text(
        "capaian_cap = 100\npredikat_bounds = [90, 75.5, 60, 50]\nrenstra_tahun_awal = 2021\n"
        'kolom_capaian_renja = false\nzona_waktu = "Asia/Jakarta"\n'
        '[kualitatif_nilai]\nBaik = 100\nCukup = 75.5\n[kasubag]\nnama = "Siti"\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert settings.capaian_cap == 100.0 and settings.predikat_bounds == (90, 75.5, 60, 50)
    assert settings.kualitatif_nilai == (("Baik", 100.0), ("Cukup", 75.5))
    assert settings.renstra_tahun_awal == 2021 and settings.kolom_capaian_renja is False
    assert settings.kasubag.nama == "Siti" and settings.kasubag.jabatan == ""
    assert isinstance(settings.predikat_bounds, tuple)


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
