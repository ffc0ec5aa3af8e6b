import re

import numpy as np
import pytest

from kinerja_core import formulas
from kinerja_core.demo import BIDANG, DEMO_YEARS, demo_frames, slug, write_demo_workbooks
from kinerja_core.model import (
    AGREGASI,
    ANGGARAN_COLUMNS,
    ANGGARAN_TW,
    INDICATOR_COLUMNS,
    POLARITAS,
    REALISASI_TW,
    kode_level,
    kode_prefix,
)

KODE_RE = re.compile(r"^\d\.\d{2}\.\d{2}(\.\d\.\d{2}(\.\d{4})?)?$")


@pytest.fixture(params=DEMO_YEARS)
def frames(request):
    return request.param, *demo_frames(request.param)


def _capaian_tw(ind, tw):
    real = formulas.realisasi_sampai(ind[REALISASI_TW].to_numpy(), ind["agregasi"].to_numpy(), tw)
    return formulas.capaian(ind["target"].to_numpy(), real, ind["polaritas"].to_numpy())


def test_canonical_shape_and_size(frames):
    tahun, ind, ang = frames
    assert list(ind.columns) == INDICATOR_COLUMNS
    assert list(ang.columns) == ANGGARAN_COLUMNS
    assert len(ind) >= 40
    assert (ind["tahun"] == tahun).all() and (ang["tahun"] == tahun).all()
    assert set(ind["bidang"]) == set(BIDANG) == set(ang["bidang"])
    assert (ind["satuan"] != "").all()
    assert set(ind["polaritas"]) <= set(POLARITAS)
    assert set(ind["agregasi"]) == set(AGREGASI)
    assert (ind["sumber"] == "").all() and (ind["baris"] == 0).all()
    assert not ind.duplicated(["kode", "indikator"]).any()


def test_codes_well_formed_and_levels_present(frames):
    _, ind, ang = frames
    assert ind["kode"].map(lambda k: bool(KODE_RE.match(k))).all()
    levels = set(ind["kode"].map(kode_level))
    assert levels == {"program", "kegiatan", "sub kegiatan"}
    # every kegiatan / sub kegiatan belongs to a program of its bidang
    programs = {"2.16.01", "2.16.02", "2.16.03", "2.20.02", "2.21.02"}
    assert set(ind["kode"].map(lambda k: kode_prefix(k, "program"))) == programs
    assert "2.16.03.2.02.0005" in set(ind["kode"])
    assert (ind["uraian"] != "").all()


def test_anggaran_one_row_per_sub_kegiatan(frames):
    _, ind, ang = frames
    assert ang["kode"].is_unique
    assert (ang["kode"].map(kode_level) == "sub kegiatan").all()
    sub_codes = set(ind.loc[ind["kode"].map(kode_level) == "sub kegiatan", "kode"])
    assert set(ang["kode"]) == sub_codes
    assert ang["pagu"].between(10_000_000, 5_000_000_000).all()
    serapan = ang[ANGGARAN_TW].sum(axis=1) / ang["pagu"] * 100
    assert ((serapan >= 70) & (serapan <= 98.5)).sum() >= len(ang) - 3
    assert (serapan < 60).sum() >= 1
    assert (serapan <= 100).all()


def test_required_kinds(frames):
    _, ind, _ = frames
    negatif = ind[ind["polaritas"] == "negatif"]
    assert len(negatif) >= 3
    assert "Jumlah Insiden Keamanan Siber yang Berdampak pada Layanan" in set(negatif["indikator"])
    assert "Rata-rata Waktu Penyelesaian Aduan Masyarakat" in set(negatif["indikator"])
    assert (ind["satuan"].isin(["%", "Indeks"]) & (ind["agregasi"] == "akhir")).sum() >= 5
    assert (ind["agregasi"] == "rata-rata").sum() >= 1
    qualitative = ind[ind["target_teks"] != ""]
    assert len(qualitative) >= 2
    assert set(qualitative["target_teks"]) == {"Baik"}
    assert set(qualitative["realisasi_teks"]) <= {"Baik", "Cukup"}
    assert qualitative["target"].isna().all()
    assert ind.loc[ind["target_teks"] == "", "realisasi_teks"].eq("").all()
    zero = ind[ind["target"] == 0]
    assert len(zero) == 1
    assert zero.iloc[0]["polaritas"] == "negatif"
    assert zero.iloc[0]["indikator"] == "Jumlah Kebocoran Data Pemerintah Daerah"
    assert (ind["faktor_penghambat"] != "").sum() >= 15
    assert (ind["faktor_pendorong"] != "").sum() >= 15
    assert (ind["tindak_lanjut"] != "").sum() >= 10


def test_every_predikat_at_tw4_2024_and_some_behind_schedule():
    ind, _ = demo_frames(2024)
    capaian = _capaian_tw(ind, 4)
    assert set(formulas.predikat(capaian)) - {""} == set(formulas.PREDIKAT)
    # zero target, zero realisasi, negatif: computable, 100
    zero = (ind["target"] == 0).to_numpy()
    assert capaian[zero].tolist() == [100.0]
    # behind schedule: kumulatif indicators at less than half their pro-rata target at TW II
    kumulatif = (ind["agregasi"] == "kumulatif").to_numpy()
    tw2 = _capaian_tw(ind, 2)
    assert np.sum(kumulatif & (tw2 < 25)) >= 2


def test_years_differ_and_are_deterministic():
    a24, g24 = demo_frames(2024)
    a23, g23 = demo_frames(2023)
    assert a24[["kode", "indikator"]].equals(a23[["kode", "indikator"]])
    assert not a24[REALISASI_TW].equals(a23[REALISASI_TW])
    assert g23["pagu"].sum() < g24["pagu"].sum()
    again, _ = demo_frames(2024)
    assert again.equals(a24)


def test_unknown_year_is_refused():
    with pytest.raises(ValueError, match="2023"):
        demo_frames(2019)


def test_slug():
    assert slug("Bidang Statistik") == "bidang_statistik"
    assert slug("Sekretariat") == "sekretariat"


def test_the_committed_demo_workbooks_are_what_the_generator_writes(tmp_path):
    """data/demo is written by ``python -m kinerja_core.demo``; a change to the demo data
    (such as its Sasaran and Renstra figures) must be regenerated, not edited by hand."""
    from kinerja_core.settings import DEMO_DIR

    written = write_demo_workbooks(tmp_path)
    assert len(written) == len(DEMO_YEARS) * len(BIDANG)
    for path in written:
        committed = DEMO_DIR / path.relative_to(tmp_path)
        assert committed.read_bytes() == path.read_bytes(), (
            f"{committed} differs from the generator: run python -m kinerja_core.demo"
        )
