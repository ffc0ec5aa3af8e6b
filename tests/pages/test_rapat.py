"""Rapat Koordinasi page on the demo: the deck, previous/next, the slide in the URL, notes kept
per period in their dialog."""

import pytest
from streamlit.testing.v1 import AppTest

from kinerja_core import accounts, notulen
from kinerja_core.access import AksesDitolak
from kinerja_core.store import Store
from tests.pages.conftest import open_page


def run_rapat(peran: str = "admin", **params: str) -> AppTest:
    at = open_page("rapat.py", peran=peran, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


def html(at: AppTest) -> str:
    return "\n".join([e.proto.body for e in at.get("html")] + [md.value for md in at.markdown])


def slide_title(at: AppTest) -> str:
    return html(at).split('class="rapat-judul">', 1)[1].split("<", 1)[0]


def counter(at: AppTest) -> str:
    return html(at).split('class="rapat-hitung"', 1)[1].split(">", 1)[1].split("<", 1)[0]


def charts(at: AppTest) -> list[str]:
    return [e.proto.id for e in at.get("plotly_chart")]


def test_summary_capaian_slide_first(demo_db):
    at = run_rapat()
    assert not at.exception
    assert slide_title(at) == "Ringkasan Dinas"
    assert counter(at) == "1 / 12"  # summary + 5 bidang, two slides each
    assert "Capaian kinerja tahun 2024 sampai Triwulan IV" in html(at)
    assert "86,2%" in html(at) and "87,3%" in html(at)
    assert at.button(key="rapat_prev").disabled
    ids = charts(at)
    assert any("rapat_chart_capaian" in i for i in ids)
    assert any("rapat_chart_predikat" in i for i in ids)
    assert at.query_params["tampilan"] == "ringkasan" and at.query_params["bagian"] == "capaian"


def test_next_previous_and_the_picker(demo_db):
    at = run_rapat()
    at.button(key="rapat_next").click().run()
    assert not at.exception
    assert slide_title(at) == "Ringkasan Dinas" and counter(at) == "2 / 12"
    assert "Yang perlu dibahas" in html(at)
    assert any("rapat_chart_kedua" in i for i in charts(at))
    at.button(key="rapat_next").click().run()
    assert slide_title(at) == "Sekretariat" and counter(at) == "3 / 12"
    at.button(key="rapat_next").click().run()
    assert "Faktor penghambat:" in html(at)
    at.button(key="rapat_prev").click().run()
    assert counter(at) == "3 / 12"
    picker = at.selectbox(key="rapat_pilih")
    assert picker.options[8] == "Bidang Persandian · Capaian"
    picker.select_index(8).run()
    assert slide_title(at) == "Bidang Persandian" and counter(at) == "9 / 12"
    at.button(key="rapat_akhir").click().run()
    assert slide_title(at) == "Bidang Statistik" and counter(at) == "12 / 12"
    assert at.button(key="rapat_next").disabled
    assert at.query_params["tampilan"] == "Bidang Statistik"
    assert at.query_params["bagian"] == "pembahasan"
    at.button(key="rapat_awal").click().run()
    assert counter(at) == "1 / 12"


def test_slide_and_period_from_the_url(demo_db):
    at = run_rapat(tahun="2023", tw="2", tampilan="Bidang Persandian", bagian="pembahasan")
    assert not at.exception
    assert slide_title(at) == "Bidang Persandian" and counter(at) == "10 / 12"
    assert "Pembahasan kinerja tahun 2023 sampai Triwulan II" in html(at)
    at = run_rapat(tampilan="Bidang Entah Apa")  # not in the deck: the first slide
    assert not at.exception and counter(at) == "1 / 12"


def save_note(at: AppTest, isi: str, jenis: str = "catatan") -> None:
    at.button(key="rapat_buka_catatan").click().run()
    form_radio = next(r for r in at.radio if r.label == "Jenis")
    form_radio.set_value(jenis)
    at.text_area[0].input(isi)
    at.button(key="FormSubmitter:rapat_catatan-Simpan").click().run()


def test_note_saved_and_shown_again_next_time(demo_db):
    at = run_rapat(tw="2", tampilan="Sekretariat")
    save_note(at, "Diklat dipindah ke TW III", jenis="keputusan")
    assert not at.exception
    assert "Keputusan disimpan." in [t.proto.body for t in at.get("toast")]
    notes = Store(demo_db).notes(2024)
    saved = notes.iloc[-1]
    assert (saved["isi"], saved["bidang"], saved["jenis"], saved["sampai_tw"]) == (
        "Diklat dipindah ke TW III",
        "Sekretariat",
        "keputusan",
        2,
    )
    assert at.button(key="rapat_buka_catatan").label == "Catatan rapat (1)"
    at.button(key="rapat_buka_catatan").click().run()
    assert "Diklat dipindah ke TW III" in html(at)
    assert "Rapat ini (Triwulan II 2024)" in html(at)

    # The next rapat (TW III): the decision comes back under "Dari rapat sebelumnya".
    at.sidebar.selectbox(key="_w_sampai_tw").select(3).run()
    assert slide_title(at) == "Sekretariat"
    at.button(key="rapat_buka_catatan").click().run()
    page = html(at)
    assert "Dari rapat sebelumnya" in page and "Diklat dipindah ke TW III" in page
    assert "TW II 2024" in page and "Kasubag" in page
    # Not on another bidang's slides, but the summary recalls every bidang's decisions.
    at.button(key="rapat_akhir").click().run()
    at.button(key="rapat_buka_catatan").click().run()
    assert "Diklat dipindah ke TW III" not in html(at)
    at.button(key="rapat_awal").click().run()
    at.button(key="rapat_buka_catatan").click().run()
    assert "Keputusan — Sekretariat" in html(at)


def test_empty_note_is_refused(demo_db):
    at = run_rapat()
    save_note(at, "   ")
    assert "Isi catatan masih kosong." in [e.value for e in at.error]
    assert Store(demo_db).notes(2024).empty


def test_full_screen_hides_sidebar_and_is_kept_in_the_url(demo_db):
    at = run_rapat()
    at.toggle(key="rapat_layar_penuh").set_value(True).run()
    assert any(
        "stSidebar" in e.proto.body and "display: none" in e.proto.body for e in at.get("html")
    )
    assert at.query_params["layar"] == "penuh"
    at = run_rapat(layar="penuh")
    assert at.toggle(key="rapat_layar_penuh").value is True


def test_keyboard_script_is_installed(demo_db):
    at = run_rapat()
    script = next(e.proto.body for e in at.get("html") if "<script>" in e.proto.body)
    for key in ("ArrowRight", "PageDown", "ArrowLeft", "PageUp", "Home", "End"):
        assert key in script


def _note_id(demo_db, isi: str) -> int:
    notes = Store(demo_db).notes(2024)
    return int(notes.loc[notes["isi"] == isi, "id"].iloc[0])


def test_own_note_edited_and_deleted_author_kept(demo_db):
    at = run_rapat(tw="2", tampilan="Sekretariat")
    save_note(at, "Data TW II terlambat")
    note = _note_id(demo_db, "Data TW II terlambat")
    admin = Store(demo_db).notes(2024).set_index("id").loc[note, "penulis"]
    assert admin == "Uji Admin / Kasubag Perencanaan (Admin / Kasubag Perencanaan)"
    at.button(key="rapat_buka_catatan").click().run()
    at.button(key=f"rapat_ubah_{note}").click().run()
    next(r for r in at.radio if r.label == "Jenis").set_value("keputusan")
    next(t for t in at.text_area if t.label == "Isi catatan").input("Data TW II dikirim ulang")
    pj = "Penanggung jawab (untuk keputusan)"
    next(t for t in at.text_input if t.label == pj).input("Kasubag Umum")
    at.button(key=f"FormSubmitter:rapat_ubah_form_{note}-Simpan perubahan").click().run()
    assert not at.exception
    store = Store(demo_db)
    saved = store.notes(2024).set_index("id").loc[note]
    assert (saved["isi"], saved["jenis"], saved["penulis"], saved["penanggung_jawab"]) == (
        "Data TW II dikirim ulang",
        "keputusan",
        admin,
        "Kasubag Umum",
    )
    assert "Keputusan diubah." in [t.proto.body for t in at.get("toast")]

    # someone else sees it but cannot change it, in the page or in the core
    other = run_rapat(peran="sekretaris", tw="2", tampilan="Sekretariat")
    other.button(key="rapat_buka_catatan").click().run()
    assert "Data TW II dikirim ulang" in html(other) and "PJ: Kasubag Umum" in html(other)
    assert not [b for b in other.button if b.key in (f"rapat_hapus_{note}", f"rapat_ubah_{note}")]
    sekretaris = accounts.find(store, "uji.sekretaris")
    with pytest.raises(AksesDitolak, match="hanya penulisnya"):
        store.delete_note(note, actor=sekretaris)

    at.button(key="rapat_buka_catatan").click().run()
    at.button(key=f"rapat_hapus_{note}").click().run()
    assert store.notes(2024).empty
    noted = [action for action in store.audit()["action"] if action.endswith("keputusan")]
    assert noted[:2] == ["hapus keputusan", "ubah keputusan"]


def test_notulen_data_kept_per_rapat(demo_db):
    at = run_rapat(tw="2")
    at.button(key="rapat_buka_catatan").click().run()
    next(t for t in at.text_input if t.label == "Tempat").input("Aula Dinas")
    peserta = next(t for t in at.text_area if t.label.startswith("Peserta"))
    peserta.input("Kepala Dinas\nSekretaris")
    at.button(key="FormSubmitter:rapat_data-Simpan data rapat").click().run()
    assert not at.exception
    info = Store(demo_db).rapat_info(2024, 2)
    assert info["tempat"] == "Aula Dinas" and info["peserta"] == "Kepala Dinas\nSekretaris"
    assert info["diubah_oleh"].startswith("Uji Admin")
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Unduh notulen (.docx)" in labels
    # a Tamu downloads the notulen but does not change the rapat's data
    tamu = run_rapat(peran="tamu", tw="2")
    tamu.button(key="rapat_buka_catatan").click().run()
    assert not [t for t in tamu.text_input if t.label == "Tempat"]
    assert "Unduh notulen (.docx)" in [b.proto.label for b in tamu.get("download_button")]
    assert not [b for b in tamu.button if b.key == "rapat_simpan_notulen"]


def test_the_notulen_kept_for_the_archive_is_the_one_handed_out(demo_db):
    at = run_rapat(tw="2")
    at.button(key="rapat_buka_catatan").click().run()
    assert "Belum ada notulen yang disimpan" in " ".join(c.value for c in at.caption)
    at.button(key="rapat_simpan_notulen").click().run()
    assert not at.exception
    assert any("Notulen disimpan ke arsip" in s.value for s in at.success)
    store = Store(demo_db)
    (kept,) = notulen.kept(store, 2024, 2)
    content = bytes(store.berkas(kept["id"])["isi"])
    assert content.startswith(b"PK") and kept["nama"] == "Notulen_Rapat_2024_TW2.docx"
    assert "Notulen di arsip: 1 salinan" in " ".join(c.value for c in at.caption)


def test_the_note_is_written_by_the_logged_in_person_and_only_where_the_role_may(demo_db):
    at = run_rapat(peran="kabid", tw="2", tampilan="Bidang Statistik")
    assert not [t for t in at.text_input if t.label == "Dicatat oleh"]  # no free-text name
    save_note(at, "Statistik menyusul data TW II")
    saved = Store(demo_db).notes(2024).iloc[-1]
    assert saved["penulis"] == "Uji Kepala Bidang (Kepala Bidang)"
    at = run_rapat(peran="kabid", tw="2", tampilan="Sekretariat")  # another bidang's slide
    at.button(key="rapat_buka_catatan").click().run()
    assert not [a for a in at.text_area]
    assert "hanya dapat membaca" in html(at) or any(
        "hanya dapat membaca" in c.value for c in at.caption
    )
    at = run_rapat(peran="kabid", tw="2")  # the Dinas summary: read, not annotated
    at.button(key="rapat_buka_catatan").click().run()
    assert not [a for a in at.text_area]
    assert any("hanya dapat membaca" in c.value for c in at.caption)
    at = run_rapat(peran="tamu")
    at.button(key="rapat_buka_catatan").click().run()
    assert not [a for a in at.text_area]
