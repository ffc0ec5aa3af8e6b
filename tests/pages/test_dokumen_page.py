"""Dokumen Evaluasi page: each role sees its own actions; the walk through review works."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from kinerja_core import dokumen, exports, koreksi
from kinerja_core.settings import Settings
from kinerja_core.store import Store
from tests.alur import ADMIN
from tests.pages.conftest import login, open_page, page_path


def run_page(peran: str = "admin", name: str = "dokumen.py") -> AppTest:
    return open_page(name, peran, default_timeout=180).run()


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def as_role(at: AppTest, peran: str) -> AppTest:
    """The same browser session, logged in as the test account of ``peran``."""
    return login(at, peran).run()


def test_the_review_walk_on_the_page(demo_db):
    at = run_page()
    assert not at.exception
    assert at.title[0].value == "Dokumen Evaluasi"
    assert "Versi 1 · **Konsep** · menunggu Admin / Kasubag Perencanaan" in [
        m.value for m in at.markdown
    ]
    # the demo's signatories are example names: said before the document is made
    assert "Penandatangan yang masih contoh" in at.warning[0].value
    assert "Nama Kepala Dinas" in at.warning[0].value
    button(at, "Ajukan ke Sekretaris").click().run()
    assert not at.exception
    assert at.success[0].value == "Tersimpan."
    assert dokumen.keadaan(Store(), 2024, 4).status is dokumen.Status.DIAJUKAN

    at = as_role(at, "sekretaris")
    assert "Dokumen ini menunggu tindakan Anda." in [i.value for i in at.info]
    assert {b.label for b in at.button} >= {"Paraf", "Kembalikan dengan koreksi"}
    assert "Setujui" not in {b.label for b in at.button}
    at.text_area(key="kembalikan_koreksi").input("Faktor penghambat belum diisi")
    button(at, "Kembalikan dengan koreksi").click().run()
    assert not at.exception
    assert "Koreksi: Faktor penghambat belum diisi" in at.warning[0].value
    assert any("Versi 2 · **Konsep**" in m.value for m in at.markdown)
    history = at.dataframe[1].value
    assert history["Ke"].tolist() == ["Dikembalikan", "Diajukan"]
    assert history["Waktu"].str.endswith("WITA").all()

    at = as_role(at, "admin")
    button(at, "Ajukan ke Sekretaris").click().run()
    at = as_role(at, "sekretaris")
    button(at, "Paraf").click().run()
    at = as_role(at, "kepala_dinas")
    assert {b.label for b in at.button} >= {"Setujui", "Kembalikan dengan koreksi"}
    # the Kepala Dinas is told the version to approve carries example signatories
    assert any("Nama Kepala Bappeda" in w.value for w in at.warning)
    button(at, "Setujui").click().run()
    assert not at.exception
    assert "#### Versi 2 yang disetujui (beku)" in [m.value for m in at.markdown]
    assert any(d.proto.label.startswith("Unduh Evaluasi_Renja_2024_TW4_v2") for d in
               at.get("download_button"))  # fmt: skip
    changed = "Data periode ini berubah sejak versi 2 disetujui"
    assert not any(changed in w.value for w in at.warning)

    # a koreksi after the approval: the page says the data moved on, the frozen version stays
    store = Store()
    row = exports.gather(store, 2024, 4).evaluated(Settings()).iloc[0]
    koreksi.correct(store, row, "faktor_pendorong", "Dukungan pimpinan", "rapat", ADMIN)
    at.run()
    assert any(changed in w.value for w in at.warning)
    assert "#### Versi 2 yang disetujui (beku)" in [m.value for m in at.markdown]


def test_a_guest_sees_the_state_but_no_action(demo_db):
    at = run_page("tamu")
    assert not at.exception
    assert [b.label for b in at.button] == []
    assert "Tidak ada tindakan untuk peran Anda saat ini" in at.caption[1].value


def test_beranda_shows_the_state_and_what_waits_for_the_sekretaris(demo_db):
    at = run_page("admin", "beranda.py")
    assert not at.exception
    assert any("**Dokumen evaluasi:** Versi 1 · **Konsep**" in m.value for m in at.markdown)
    assert len(at.warning) == 0 or "Menunggu tindakan Anda" in at.warning[0].value
    store = Store()
    from datetime import date

    from kinerja_core.settings import Settings
    from tests.alur import ADMIN

    dokumen.ajukan(store, ADMIN, Settings(), 2024, 4, date(2025, 1, 20))
    at = as_role(at, "sekretaris")
    assert "Menunggu tindakan Anda: Paraf, Kembalikan dengan koreksi (versi 1)." in [
        w.value for w in at.warning
    ]
    at = as_role(at, "kepala_dinas")
    assert not any("Menunggu tindakan Anda" in w.value for w in at.warning)
    assert at.expander[-1].label == "Waktu SOP terhadap Mutu Baku"


def test_nobody_acts_without_login(demo_db):
    """No role is assumed: logged out, the pages show the login form and nothing else."""
    for name in ("dokumen.py", "surat_arsip.py"):
        at = AppTest.from_file(page_path(name), default_timeout=180).run()
        assert not at.exception
        assert [b.label for b in at.button] == ["Masuk"], name
        assert not at.title or at.title[0].value == "Masuk ke Kinerja"
        at = run_page("sekretaris", name)
        assert not at.exception
        assert at.title[0].value in ("Dokumen Evaluasi", "Surat & Arsip")
