"""The formulas of DESIGN.md §3: worked examples and hypothesis invariants."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja_core import formulas

NAN = float("nan")
finite = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False, allow_infinity=False)


def one(values) -> float:
    return float(np.asarray(values)[0])


class TestRealisasiSampai:
    rows = np.array(
        [
            [3, 4, 1, 1],
            [5, 13, 14, 8],
            [80, NAN, 90, NAN],
            [NAN, NAN, NAN, NAN],
        ]
    )

    def test_kumulatif_sums_reported_triwulan(self):
        got = formulas.realisasi_sampai(self.rows, ["kumulatif"] * 4, 3)
        assert got[0] == 8 and got[1] == 32 and got[2] == 170 and math.isnan(got[3])

    def test_akhir_takes_last_reported(self):
        got = formulas.realisasi_sampai(self.rows, ["akhir"] * 4, 4)
        assert got[0] == 1 and got[1] == 8 and got[2] == 90 and math.isnan(got[3])

    def test_akhir_up_to_tw2_skips_missing(self):
        assert formulas.realisasi_sampai(self.rows, ["akhir"] * 4, 2)[2] == 80

    def test_rata_rata_is_mean_of_reported(self):
        got = formulas.realisasi_sampai(self.rows, ["rata-rata"] * 4, 4)
        assert got[1] == pytest.approx(10.0) and got[2] == pytest.approx(85.0)


class TestCapaian:
    def test_positif(self):
        assert one(formulas.capaian(12, 9, "positif")) == pytest.approx(75.0)

    def test_negatif_default_two_t_minus_r(self):
        # Rata-rata waktu penyelesaian aduan: target 7 hari, realisasi 8 → (14-8)/7
        assert one(formulas.capaian(7, 8, "negatif")) == pytest.approx(85.7142857)

    def test_negatif_floored_at_zero(self):
        assert one(formulas.capaian(7, 14, "negatif")) == 0.0
        assert one(formulas.capaian(7, 30, "negatif")) == 0.0

    def test_negatif_alternative_t_over_r(self):
        assert one(formulas.capaian(7, 8, "negatif", "T/R")) == pytest.approx(87.5)

    def test_over_100_is_kept_raw(self):
        assert one(formulas.capaian(24, 26, "positif")) == pytest.approx(108.3333333)

    @pytest.mark.parametrize("target", [0.0, NAN])
    def test_zero_or_missing_target_is_not_computable(self, target):
        assert math.isnan(one(formulas.capaian(target, 5, "positif")))
        assert math.isnan(one(formulas.capaian(target, 5, "negatif")))

    def test_negatif_zero_target_zero_realisasi_is_100(self):
        assert one(formulas.capaian(0, 0, "negatif")) == 100.0

    def test_positif_zero_zero_is_not_computable(self):
        assert math.isnan(one(formulas.capaian(0, 0, "positif")))

    def test_missing_realisasi(self):
        assert math.isnan(one(formulas.capaian(10, NAN, "positif")))

    def test_vectorised_mixed_polaritas(self):
        got = formulas.capaian([10, 10], [5, 5], ["positif", "negatif"])
        assert list(got) == [50.0, 150.0]

    @given(t=positive, r1=finite, r2=finite)
    def test_positif_monotone_in_realisasi(self, t, r1, r2):
        low, high = sorted((r1, r2))
        assert one(formulas.capaian(t, low, "positif")) <= one(formulas.capaian(t, high, "positif"))

    @given(t=positive, r1=finite, r2=finite)
    def test_negatif_antitone_in_realisasi(self, t, r1, r2):
        low, high = sorted((r1, r2))
        for method in ("2T-R", "T/R"):
            at_low = one(formulas.capaian(t, low, "negatif", method))
            at_high = one(formulas.capaian(t, high, "negatif", method))
            if not (math.isnan(at_low) or math.isnan(at_high)):
                assert at_low >= at_high

    @given(t=positive, r=finite)
    def test_negatif_never_below_zero(self, t, r):
        assert one(formulas.capaian(t, r, "negatif")) >= 0

    @given(t=positive)
    def test_realisasi_equal_target_is_100(self, t):
        assert one(formulas.capaian(t, t, "positif")) == pytest.approx(100)
        assert one(formulas.capaian(t, t, "negatif")) == pytest.approx(100)


class TestPredikat:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (150, "Sangat Tinggi"),
            (100, "Sangat Tinggi"),
            (91, "Sangat Tinggi"),
            (90.99, "Tinggi"),
            (76, "Tinggi"),
            (75.9, "Sedang"),
            (66, "Sedang"),
            (65.9, "Rendah"),
            (51, "Rendah"),
            (50.9, "Sangat Rendah"),
            (0, "Sangat Rendah"),
        ],
    )
    def test_permendagri_bounds(self, value, expected):
        assert formulas.predikat(value)[0] == expected

    def test_nan_has_no_predikat(self):
        assert formulas.predikat(NAN)[0] == ""

    def test_custom_bounds(self):
        assert formulas.predikat(85, (80, 70, 60, 50))[0] == "Sangat Tinggi"

    @given(a=st.floats(0, 300), b=st.floats(0, 300))
    def test_ordered(self, a, b):
        low, high = sorted((a, b))
        rank_low = formulas.predikat_rank(formulas.predikat(low)[0])
        rank_high = formulas.predikat_rank(formulas.predikat(high)[0])
        assert rank_high <= rank_low


class TestGapSerapanEfisiensi:
    def test_gap_by_polaritas(self):
        assert one(formulas.gap(12, 9, "positif")) == 3
        assert one(formulas.gap(7, 8, "negatif")) == 1

    def test_serapan(self):
        assert one(formulas.serapan(1_000_000, 912_500)) == pytest.approx(91.25)
        assert math.isnan(one(formulas.serapan(0, 5)))

    def test_efisiensi_ratio(self):
        assert one(formulas.efisiensi_ratio(100, 80)) == pytest.approx(1.25)
        assert math.isnan(one(formulas.efisiensi_ratio(100, 0)))

    @pytest.mark.parametrize(
        ("capaian", "serapan", "expected"),
        [
            (100, 70, formulas.EFISIEN),
            (100, 98, formulas.SESUAI),
            (60, 98, formulas.PERLU_PERHATIAN),
            (60, 40, formulas.BELUM_OPTIMAL),
            (NAN, 40, ""),
        ],
    )
    def test_kuadran(self, capaian, serapan, expected):
        assert formulas.efisiensi_kuadran(capaian, serapan)[0] == expected

    def test_di_bawah_ambang_is_strictly_under_the_threshold(self):
        flagged = formulas.di_bawah_ambang(np.array([79.99, 80.0, 80.01, NAN]), 80.0)
        assert flagged.tolist() == [True, False, False, False]


class TestWeightedMean:
    def test_plain_mean_ignores_nan(self):
        assert formulas.weighted_mean(np.array([80, NAN, 100])) == 90

    def test_weighted(self):
        assert formulas.weighted_mean(np.array([80, 100]), np.array([3, 1])) == 85

    def test_subnormal_weight_keeps_precision(self):
        assert formulas.weighted_mean(np.array([83.3]), np.array([5e-324])) == 83.3

    def test_zero_weights_fall_back_to_mean(self):
        assert formulas.weighted_mean(np.array([80, 100]), np.array([0, 0])) == 90

    @given(st.lists(st.floats(0, 500), min_size=1, max_size=30))
    def test_between_min_and_max(self, values):
        mean = formulas.weighted_mean(np.array(values))
        assert min(values) - 1e-9 <= mean <= max(values) + 1e-9

    @given(
        st.lists(
            st.tuples(st.floats(0, 500), st.floats(0, 1e15, allow_subnormal=True)),
            min_size=1,
            max_size=30,
        )
    )
    def test_weighted_between_min_and_max(self, pairs):
        values = np.array([v for v, _ in pairs])
        mean = formulas.weighted_mean(values, np.array([w for _, w in pairs]))
        assert values.min() - 1e-6 <= mean <= values.max() + 1e-6
