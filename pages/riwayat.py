"""Riwayat: who did what and when — the audit log with before → after, filtered and exported."""

import streamlit as st

from kinerja_core import audit, clock, views
from kinerja_core.locale_id import fmt_number
from kinerja_core.plaintext import md
from kinerja_ui import auth, state

actor = auth.require_page("riwayat")

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(show_spinner="Memeriksa rantai catatan…", max_entries=4)
def _check(url: str, newest: int) -> tuple[int, list[audit.Putus]]:
    return audit.verify(state.get_store())


store = state.get_store()
settings = state.get_settings()
st.title("Riwayat")
st.caption(
    "Siapa melakukan apa dan kapan: unggahan, perubahan rencana dan pengaturan, koreksi, "
    f"dokumen, masuk dan keluar. Waktu dalam {clock.abbreviation(settings.zona_waktu)}. "
    "Catatan hanya dapat ditambah; setiap entri menyimpan sidik (sha256) entri sebelumnya."
)

checked, broken = _check(store.url, audit.last_id(store))
if broken:
    lines = "\n".join(f"- entri #{b.id}: {b.alasan}" for b in broken[:20])
    st.error(
        f"Rantai catatan PUTUS di {fmt_number(len(broken), 0)} tempat — ada yang mengubah atau "
        f"menghapus catatan langsung di basis data:\n{lines}",
        icon=":material/gpp_bad:",
    )
else:
    st.success(
        f"Rantai catatan utuh: {fmt_number(checked, 0)} entri diperiksa.",
        icon=":material/verified_user:",
    )

people, actions, span = audit.choices(store, actor)
c1, c2, c3 = st.columns([3, 3, 3])
oleh = c1.multiselect("Oleh", people, placeholder="Semua orang")
tindakan = c2.multiselect("Tindakan", actions, placeholder="Semua tindakan")
rentang = c3.date_input(
    "Rentang tanggal",
    value=span if span else [],
    min_value=span[0] if span else None,
    max_value=span[1] if span else None,
    format="DD/MM/YYYY",
)
dari = sampai = None
if isinstance(rentang, tuple) and len(rentang) == 2:
    dari, sampai = rentang
elif isinstance(rentang, tuple) and len(rentang) == 1:
    dari = rentang[0]

frame = audit.entries(
    store,
    actor,
    audit.Saring(tuple(oleh), tuple(tindakan), dari, sampai),
    settings.zona_waktu,
)
st.caption(
    f"{fmt_number(len(frame), 0)} entri, terbaru di atas. "
    "Pilih satu baris untuk membaca entrinya lengkap di bawah tabel."
)
if frame.empty:
    st.info("Tidak ada entri yang cocok dengan saringan ini.")
    st.stop()
chosen = st.dataframe(
    frame,
    hide_index=True,
    use_container_width=True,
    on_select="rerun",
    selection_mode="single-row",
    key="riwayat_tabel",
    column_config={
        "No.": st.column_config.NumberColumn(width="small", format="%d"),
        "Oleh": st.column_config.TextColumn(width="medium"),
        "Rincian": st.column_config.TextColumn(width="large"),
    },
)
rows = chosen.selection.rows if chosen else []
if rows:
    entry = frame.iloc[rows[0]]
    with st.container(border=True):
        st.markdown(f"**Entri #{int(entry['No.'])}** · {md(entry['Waktu'])}")
        for column in frame.columns.drop(["No.", "Waktu"]):
            st.markdown(f"**{column}:** {md(entry[column]) or '–'}")
name = f"riwayat_{clock.today(settings.zona_waktu).isoformat()}"
downloads = st.container(horizontal=True)  # each button as wide as its label
downloads.download_button(
    "Unduh Excel (.xlsx)",
    data=lambda: views.to_xlsx(frame, "Riwayat (catatan audit)", sheet="Riwayat"),
    file_name=f"{name}.xlsx",
    mime=XLSX_MIME,
    on_click="ignore",
    icon=":material/download:",
)
downloads.download_button(
    "Unduh CSV",
    data=lambda: views.to_csv(frame),
    file_name=f"{name}.csv",
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
)
