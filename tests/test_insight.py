"""Insight: flags and anomalies per indicator, and the Indonesian narratives."""

import numpy as np
import pandas as pd
import pytest

from kinerja_core import analysis, insight
from kinerja_core.demo import demo_frames
from kinerja_core.model import conform_anggaran, conform_indicators
from kinerja_core.settings import Settings

NAN = float("nan")
SETTINGS = Settings()


def frame(rows: list[dict]) -> pd.DataFrame:
    base = dict(tahun=2024, bidang="Bidang A", satuan="Dokumen", polaritas="positif")
    base |= dict(agregasi="kumulatif", target=12.0)
    data = []
    for i, row in enumerate(rows):
        item = {**base, "kode": f"2.16.03.2.01.{i + 1:04d}", **row}
        for n, value in enumerate(item.pop("tw", [NAN] * 4), start=1):
            item[f"realisasi_tw{n}"] = value
        data.append(item)
    return conform_indicators(pd.DataFrame(data))


def evaluated_of(rows: list[dict], anggaran: pd.DataFrame | None = None, tw: int = 4):
    budget = anggaran if anggaran is not None else conform_anggaran(pd.DataFrame())
    return analysis.evaluate(frame(rows), budget, tw, SETTINGS)


CASES = [
    dict(indikator="Baik sekali", tw=[3, 3, 3, 3]),
    dict(indikator="Rendah", tw=[1, 1, 1, 1]),
    dict(indikator="Tiga kali", tw=[10, 10, 10, 10]),
    dict(indikator="Negatif", tw=[3, -2, 3, 3]),
    dict(indikator="Bolong", tw=[NAN, NAN, 6, 6]),
    dict(indikator="Menurun", satuan="PD", agregasi="akhir", target=30.0, tw=[20, 25, 22, 30]),
    dict(indikator="Persen turun", satuan="%", agregasi="akhir", target=90.0, tw=[80, 95, 90, 92]),
    dict(indikator="Total berjalan", target=150.0, tw=[30, 65, 103, 150]),
    dict(indikator="Naik wajar", target=20.0, tw=[3, 4, 5, 6]),
    dict(indikator="Kualitatif", target=NAN, target_teks="Baik", realisasi_teks="Cukup"),
    dict(indikator="Tanpa target", target=NAN, tw=[1, 1, 1, 1]),
    dict(indikator="Target nol", target=0.0, tw=[1, 1, 1, 1]),
    dict(indikator="Belum lapor", tw=[NAN, NAN, NAN, NAN]),
]


@pytest.fixture(scope="module")
def flags() -> pd.DataFrame:
    return insight.flag_table(evaluated_of(CASES), 4, SETTINGS)


def jenis_of(flags: pd.DataFrame, indikator: str) -> set[str]:
    return set(flags.loc[flags["indikator"] == indikator, "jenis"])


def test_each_flag_lands_on_its_indicator(flags):
    assert jenis_of(flags, "Baik sekali") == set()
    assert jenis_of(flags, "Naik wajar") == set()
    assert jenis_of(flags, "Rendah") == {insight.DI_BAWAH}
    assert jenis_of(flags, "Tiga kali") == {insight.LEBIH_3X}
    assert insight.NILAI_NEGATIF in jenis_of(flags, "Negatif")
    assert jenis_of(flags, "Bolong") == {insight.TW_TERLEWAT}
    assert jenis_of(flags, "Menurun") == {insight.POSISI_MENURUN}
    assert jenis_of(flags, "Persen turun") == set()  # a level may move both ways
    assert jenis_of(flags, "Total berjalan") == {insight.TOTAL_BERJALAN}
    assert jenis_of(flags, "Kualitatif") == {insight.KUALITATIF}
    assert jenis_of(flags, "Tanpa target") == {insight.TARGET_KOSONG}
    assert jenis_of(flags, "Target nol") == {insight.TARGET_NOL}
    assert jenis_of(flags, "Belum lapor") == {insight.BELUM_ADA}


def test_flag_rows_point_back_and_are_grouped(flags):
    evaluated = evaluated_of(CASES)
    for _, flag in flags.iterrows():
        assert evaluated.loc[flag["row"], "indikator"] == flag["indikator"]
        assert flag["kelompok"] == insight.JENIS_KELOMPOK[flag["jenis"]]
    assert list(flags.columns) == insight.FLAG_COLUMNS


def test_flag_explanations_in_indonesian(flags):
    text = dict(zip(flags["indikator"], flags["keterangan"], strict=False))
    assert text["Rendah"] == (
        "Capaian 33,3% di bawah ambang 66%; kurang 8 dokumen dari target 12 dokumen"
    )
    assert "Realisasi 40 dokumen lebih dari 3× target 12 dokumen" in text["Tiga kali"]
    assert text["Bolong"].startswith("TW I dan TW II kosong padahal TW III sudah terisi")
    assert "TW II → TW III: 25 → 22" in text["Menurun"]
    assert "(30, 65, 103, 150)" in text["Total berjalan"]
    assert (
        "realisasi TW II"
        in dict(
            zip(
                flags.loc[flags["jenis"] == insight.NILAI_NEGATIF, "indikator"],
                flags.loc[flags["jenis"] == insight.NILAI_NEGATIF, "keterangan"],
                strict=True,
            )
        )["Negatif"]
    )
    assert text["Kualitatif"].startswith("Target “Baik”, realisasi “Cukup”")


def test_missing_tw_only_counts_up_to_the_chosen_triwulan():
    rows = [dict(indikator="Bolong", tw=[NAN, NAN, 6, 6])]
    assert insight.flag_table(evaluated_of(rows, tw=2), 2, SETTINGS)["jenis"].tolist() == [
        insight.BELUM_ADA
    ]


def test_money_spent_target_missed():
    rows = [dict(indikator="Boros", tw=[2, 2, 2, 2])]  # 8 of 12 = 66,7%
    budget = conform_anggaran(
        pd.DataFrame(
            [dict(tahun=2024, bidang="Bidang A", kode="2.16.03.2.01.0001", pagu=100.0)] + []
        ).assign(anggaran_tw1=25.0, anggaran_tw2=25.0, anggaran_tw3=25.0, anggaran_tw4=20.0)
    )
    flags = insight.flag_table(evaluated_of(rows, budget), 4, SETTINGS)
    assert flags["jenis"].tolist() == [insight.PERLU_PERHATIAN]
    assert flags["keterangan"][0] == (
        "Serapan anggaran 95,0% tetapi capaian kinerja 66,7% (di bawah 91%)"
    )


def test_flag_text_and_counts(flags):
    text = insight.flag_text(flags)
    evaluated = evaluated_of(CASES)
    negatif = evaluated.index[evaluated["indikator"] == "Negatif"][0]
    assert insight.NILAI_NEGATIF in text[negatif]
    counts = insight.flag_counts(flags).set_index("jenis")["jumlah"]
    assert counts[insight.DI_BAWAH] == int(
        (flags["jenis"] == insight.DI_BAWAH).sum()
    )  # one per indicator
    assert counts[insight.PERLU_PERHATIAN] == 0
    assert set(counts.index) == set(insight.JENIS)


def test_empty_evaluated_has_no_flags():
    empty = analysis.evaluate(
        conform_indicators(pd.DataFrame()), conform_anggaran(pd.DataFrame()), 4
    )
    assert insight.flag_table(empty, 4, SETTINGS).empty
    assert insight.flag_text(insight.flag_table(empty, 4, SETTINGS)).empty


@pytest.mark.parametrize(
    ("value", "satuan", "expected"),
    [
        (2, "Kali", "2 kali"),
        (40, "%", "40%"),
        (12.5, "PD", "12,5 PD"),
        (1250000, "Orang/bulan", "1.250.000 orang/bulan"),
        (3, "", "3"),
        (1, "Sub Domain", "1 sub domain"),
    ],
)
def test_fmt_quantity(value, satuan, expected):
    assert insight.fmt_quantity(value, satuan) == expected


def test_gap_phrase_by_polaritas():
    positif = dict(satuan="Dokumen", gap=2.0, target=4.0, polaritas="positif")
    assert insight.gap_phrase(positif) == "kurang 2 dokumen dari target 4 dokumen"
    negatif = dict(satuan="Hari", gap=7.0, target=7.0, polaritas="negatif")
    assert insight.gap_phrase(negatif) == "melebihi batas 7 hari sebesar 7 hari"
    met = dict(satuan="%", gap=-5.0, target=90.0, polaritas="positif")
    assert insight.gap_phrase(met) == "melampaui target 90%"
    assert insight.gap_phrase(dict(satuan="%", gap=NAN, target=NAN, polaritas="positif")) == ""


# --- narratives on the demo ---------------------------------------------------------------


@pytest.fixture(scope="module")
def demo():
    indicators, anggaran = demo_frames(2024)
    return analysis.evaluate(indicators, anggaran, 4, SETTINGS), anggaran


def test_bidang_narrative_on_the_demo(demo):
    evaluated, anggaran = demo
    text = insight.bidang_narrative(evaluated, "Bidang Persandian", 4, SETTINGS, anggaran)
    summary = analysis.bidang_summary(evaluated, anggaran, 4, SETTINGS).set_index("bidang")
    row = summary.loc["Bidang Persandian"]
    assert text.startswith(
        "Capaian rata-rata Bidang Persandian sampai Triwulan IV tahun 2024 sebesar "
        f"{row['capaian']:.1f}%".replace(".", ",")
        + f" (predikat {row['predikat']})"
    )
    assert f"{row['jumlah_indikator']} indikator" in text
    assert "Serapan anggaran sebesar" in text and "dari pagu Rp" in text
    assert f"{row['serapan']:.1f}%".replace(".", ",") in text
    lagging = insight.lagging(evaluated[evaluated["bidang"] == "Bidang Persandian"], SETTINGS)
    assert len(lagging) >= 1
    for name in lagging["indikator"]:
        assert name in text
    assert "kurang 1 dokumen dari target 1 dokumen" in text
    assert "Faktor penghambat:" in text and "Tindak lanjut:" in text
    penghambat = evaluated.loc[lagging.index[0], "faktor_penghambat"].split(";")[0].strip()
    assert penghambat[1:].rstrip(".") in text  # taken from the submission
    assert text.endswith(".") and "  " not in text


def test_narrative_serapan_same_with_or_without_anggaran(demo):
    evaluated, anggaran = demo
    for bidang in evaluated["bidang"].unique():
        with_rows = insight.bidang_narrative(evaluated, bidang, 4, SETTINGS, anggaran)
        without = insight.bidang_narrative(evaluated, bidang, 4, SETTINGS)
        assert with_rows == without


def test_sekretariat_is_not_called_bidang(demo):
    evaluated, anggaran = demo
    text = insight.bidang_narrative(evaluated, "Sekretariat", 4, SETTINGS, anggaran)
    assert text.startswith("Capaian rata-rata Sekretariat sampai")


def test_unknown_bidang_and_uncomputable():
    evaluated = evaluated_of([dict(indikator="Belum lapor", tw=[NAN] * 4)])
    assert insight.bidang_narrative(evaluated, "Bidang X", 2, SETTINGS) == (
        "Belum ada data indikator Bidang X sampai Triwulan II tahun 2024."
    )
    text = insight.bidang_narrative(evaluated, "Bidang A", 4, SETTINGS)
    assert "belum dapat dihitung" in text
    assert "1 indikator belum dapat dihitung capaiannya" in text


def test_dinas_narrative_on_the_demo(demo):
    evaluated, anggaran = demo
    text = insight.dinas_narrative(evaluated, 4, SETTINGS, anggaran)
    head = analysis.headline(evaluated, anggaran, 2024, 4, SETTINGS)
    assert text.startswith(f"Capaian rata-rata kinerja {SETTINGS.dinas} sampai Triwulan IV")
    assert f"{head.rata_rata_capaian:.1f}%".replace(".", ",") in text
    assert f"(predikat {head.predikat})" in text
    summary = analysis.bidang_summary(evaluated, anggaran, 4, SETTINGS).sort_values("capaian")
    assert f"terendah pada {summary.iloc[0]['bidang']}" in text
    assert f"tertinggi pada {summary.iloc[-1]['bidang']}" in text
    assert f"Serapan anggaran sebesar {head.serapan:.1f}%".replace(".", ",") in text
    spent = int((evaluated["kuadran"] == "Perlu perhatian").sum())
    assert f"{spent} indikator anggarannya sudah terserap" in text


def test_distinct_texts_dedupes_and_limits():
    rows = pd.DataFrame({"faktor": ["A satu; B dua", "a satu", "", "C tiga\nD empat"]})
    assert insight.distinct_texts(rows, "faktor") == ["a satu", "b dua", "c tiga"]
    assert insight.distinct_texts(pd.DataFrame({"faktor": ["BPS membantu"]}), "faktor") == [
        "BPS membantu"
    ]


def test_flag_table_is_vectorised_enough():
    rows = [dict(indikator=f"i{i}", tw=list(np.arange(4) + i % 7)) for i in range(3000)]
    evaluated = evaluated_of(rows)
    flags = insight.flag_table(evaluated, 4, SETTINGS)
    assert set(flags["row"]) <= set(evaluated.index)


def test_flag_display_headers(flags):
    shown = insight.flag_display(flags)
    assert list(shown.columns) == [
        "row", "Bidang", "Kode", "Indikator", "Kelompok", "Catatan", "Keterangan"
    ]  # fmt: skip
    assert shown["Catatan"].tolist() == flags["jenis"].tolist()
