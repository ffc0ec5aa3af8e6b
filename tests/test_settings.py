"""Settings: defaults of DESIGN.md, overridden by TOML and KINERJA_DB."""

from kinerja_core.settings import Settings, database_url_from_env, load_settings


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
