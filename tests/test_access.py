"""The rule table: every role × action, and a Kabid held to their own bidang."""

import pytest

from kinerja_core.access import IZIN, Actor, AksesDitolak, Aksi, Peran, can, require

EXPECTED_ONLY = {
    Aksi.PARAF: {Peran.SEKRETARIS},
    Aksi.SETUJUI: {Peran.KEPALA_DINAS},
    Aksi.UBAH_RENCANA: {Peran.ADMIN},
    Aksi.KELOLA_AKUN: {Peran.ADMIN},
    Aksi.NOTULEN: {Peran.ADMIN, Peran.SEKRETARIS},
    Aksi.UNGGAH: {Peran.ADMIN, Peran.KABID},
    Aksi.TANDATANGANI: {Peran.ADMIN, Peran.KEPALA_DINAS},
    Aksi.KEMBALIKAN: {Peran.ADMIN, Peran.SEKRETARIS, Peran.KEPALA_DINAS},
    Aksi.LIHAT_RINGKASAN: set(Peran),
}


def actor(peran: Peran, bidang: str | None = None) -> Actor:
    return Actor(pengguna=peran.value, nama=f"Nama {peran.value}", peran=peran, bidang=bidang)


@pytest.mark.parametrize("peran", list(Peran))
@pytest.mark.parametrize("aksi", list(Aksi))
def test_every_role_and_action_follows_the_table(peran, aksi):
    who = actor(peran, bidang="Bidang Statistik" if peran is Peran.KABID else None)
    allowed = aksi in IZIN[peran]
    assert can(who, aksi) is allowed
    if allowed:
        assert require(who, aksi) is who
    else:
        with pytest.raises(AksesDitolak, match="tidak berwenang"):
            require(who, aksi)


@pytest.mark.parametrize("aksi", list(EXPECTED_ONLY))
def test_personal_acts_belong_to_their_roles(aksi):
    assert {p for p in Peran if aksi in IZIN[p]} == EXPECTED_ONLY[aksi]


def test_tamu_only_reads():
    assert IZIN[Peran.TAMU] == {Aksi.LIHAT_RINGKASAN}


def test_kabid_only_for_own_bidang():
    kabid = actor(Peran.KABID, bidang="Bidang  Statistik")
    assert can(kabid, Aksi.UNGGAH, "bidang statistik")
    assert not can(kabid, Aksi.UNGGAH, "Bidang Persandian")
    with pytest.raises(AksesDitolak, match="bukan untuk Bidang Persandian"):
        require(kabid, Aksi.UNGGAH, "Bidang Persandian")
    assert not can(actor(Peran.KABID), Aksi.UNGGAH, "Bidang Statistik")  # no bidang assigned


def test_nobody_logged_in_is_refused():
    assert not can(None, Aksi.LIHAT_RINGKASAN)
    with pytest.raises(AksesDitolak, match="masuk"):
        require(None, Aksi.UNGGAH, "Bidang Statistik")


def test_cli_is_admin():
    assert can(Actor.cli(), Aksi.SURAT)
    assert not can(Actor.cli(), Aksi.SETUJUI)
