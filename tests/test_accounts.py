"""Accounts: argon2 hashes, roles and bidang, password changes, login throttling, sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from kinerja_core import accounts, clock
from kinerja_core.access import Actor, AksesDitolak, Peran
from kinerja_core.store import Store, akun, percobaan_masuk

CLI = Actor.cli()


@pytest.fixture
def store(db_url) -> Store:
    return Store(db_url)


def _make(store, pengguna="kasubag", peran="admin", sandi="rahasia-sekali", **extra) -> Actor:
    return accounts.create(store, CLI, pengguna=pengguna, sandi=sandi, peran=peran, **extra)


def test_password_is_stored_only_as_an_argon2_hash(store):
    _make(store, sandi="Sandi-Yang-Panjang-1")
    with store.reading() as conn:
        row = conn.execute(akun.select()).mappings().one()
        audit_text = " ".join(
            str(v) for r in conn.execute(sa.text("select * from audit_log")) for v in r
        )
    assert row["sandi_hash"].startswith("$argon2id$")
    assert "Sandi-Yang-Panjang-1" not in row["sandi_hash"] + audit_text


def test_login_returns_the_actor_of_the_account_with_its_bidang(store):
    _make(store, "kabid.ikp", "kabid", nama="Ibu Kabid", bidang="  Bidang  IKP ")
    actor = accounts.authenticate(store, " Kabid.IKP ", "rahasia-sekali", "10.0.0.1")
    assert actor == Actor("kabid.ikp", "Ibu Kabid", Peran.KABID, "Bidang IKP")


def test_refused_accounts_say_why(store):
    with pytest.raises(accounts.AkunError, match="harus menyebut bidangnya"):
        _make(store, "kabid.x", "kabid")
    with pytest.raises(accounts.AkunError, match="terlalu pendek"):
        _make(store, sandi="pendek")
    with pytest.raises(accounts.AkunError, match="tidak dapat dipakai"):
        _make(store, pengguna="nama dengan spasi")
    with pytest.raises(accounts.AkunError, match="tidak dikenal"):
        _make(store, peran="raja")
    _make(store)
    with pytest.raises(accounts.AkunError, match="sudah dipakai"):
        _make(store, pengguna="KASUBAG")


def test_only_the_admin_manages_accounts(store):
    kabid = _make(store, "kabid.ikp", "kabid", bidang="Bidang IKP")
    for peran in (Peran.KABID, Peran.SEKRETARIS, Peran.KEPALA_DINAS, Peran.TAMU):
        someone = Actor("x", "X", peran, "Bidang IKP" if peran is Peran.KABID else None)
        with pytest.raises(AksesDitolak):
            accounts.create(store, someone, pengguna="baru", sandi="rahasia-sekali", peran="tamu")
        with pytest.raises(AksesDitolak):
            accounts.list_accounts(store, someone)
        with pytest.raises(AksesDitolak):
            accounts.change_password(store, someone, kabid.pengguna, "sandi-baru-sekali")
    assert list(accounts.list_accounts(store, CLI)["pengguna"]) == ["kabid.ikp"]
    assert "sandi_hash" not in accounts.list_accounts(store, CLI).columns


def test_own_password_needs_the_old_one_and_ends_every_session(store):
    me = _make(store, "sekretaris", "sekretaris")
    token = accounts.start_session(store, me).token
    with pytest.raises(accounts.AkunError, match="lama salah"):
        accounts.change_password(store, me, "sekretaris", "sandi-baru-sekali", "keliru-sekali")
    accounts.change_password(store, me, "sekretaris", "sandi-baru-sekali", "rahasia-sekali")
    assert accounts.resume_session(store, token, 60) is None
    with pytest.raises(accounts.MasukGagal):
        accounts.authenticate(store, "sekretaris", "rahasia-sekali")
    assert accounts.authenticate(store, "sekretaris", "sandi-baru-sekali") == me


def test_wrong_passwords_make_the_name_wait_and_the_wait_survives_a_new_store(store, db_url):
    _make(store)
    now = clock.utc_now()
    for _ in range(accounts.GRATIS_PENGGUNA - 1):
        with pytest.raises(accounts.MasukGagal, match="salah") as error:
            accounts.authenticate(store, "kasubag", "tebakan-salah", "10.0.0.9", now=now)
        assert error.value.tunggu_detik == 0
    with pytest.raises(accounts.MasukGagal):
        accounts.authenticate(store, "kasubag", "tebakan-salah", "10.0.0.9", now=now)
    again = Store(db_url)  # another process, a restart: the count is in the database
    with pytest.raises(accounts.MasukGagal, match="Terlalu banyak") as error:
        accounts.authenticate(again, "kasubag", "rahasia-sekali", "10.0.0.8", now=now)
    assert error.value.tunggu_detik == 30
    later = now + timedelta(seconds=31)
    with pytest.raises(accounts.MasukGagal, match="salah"):  # one more miss: twice as long
        accounts.authenticate(again, "kasubag", "tebakan-salah", "10.0.0.8", now=later)
    with pytest.raises(accounts.MasukGagal) as error:
        accounts.authenticate(again, "kasubag", "rahasia-sekali", "10.0.0.8", now=later)
    assert error.value.tunggu_detik == 60
    assert (
        accounts.authenticate(
            again, "kasubag", "rahasia-sekali", "10.0.0.8", now=later + timedelta(seconds=61)
        ).pengguna
        == "kasubag"
    )
    with store.reading() as conn:  # success clears the name's count
        keys = set(conn.execute(sa.select(percobaan_masuk.c.kunci)).scalars())
    assert "pengguna:kasubag" not in keys


def test_many_wrong_passwords_from_one_address_make_the_address_wait(store):
    _make(store)
    now = clock.utc_now()
    for n in range(accounts.GRATIS_ALAMAT):
        with pytest.raises(accounts.MasukGagal):
            accounts.authenticate(store, f"tebak{n}", "apa-saja-deh", "10.0.0.66", now=now)
    with pytest.raises(accounts.MasukGagal, match="Terlalu banyak"):
        accounts.authenticate(store, "kasubag", "rahasia-sekali", "10.0.0.66", now=now)
    assert accounts.authenticate(store, "kasubag", "rahasia-sekali", "10.0.0.5", now=now)


def test_a_session_ends_on_logout_and_after_the_idle_time(store):
    me = _make(store)
    start = clock.utc_now()
    token = accounts.start_session(store, me, now=start).token
    assert accounts.resume_session(store, token, 30, now=start + timedelta(minutes=20)) == me
    # activity at +20 min moved the idle clock: +45 min is 25 min idle
    assert accounts.resume_session(store, token, 30, now=start + timedelta(minutes=45)) == me
    assert accounts.resume_session(store, token, 30, now=start + timedelta(minutes=76)) is None
    assert accounts.resume_session(store, token, 30, now=start + timedelta(minutes=77)) is None
    other = accounts.start_session(store, me).token
    accounts.end_session(store, other)
    assert accounts.resume_session(store, other, 30) is None
    assert accounts.resume_session(store, "bukan-token", 30) is None


def test_logins_and_account_changes_are_audited_without_the_password(store):
    _make(store)
    accounts.authenticate(store, "kasubag", "rahasia-sekali", "10.1.1.1")
    with pytest.raises(accounts.MasukGagal):
        accounts.authenticate(store, "kasubag", "salah-sandinya", "10.1.1.1")
    log = store.audit()
    assert list(log["action"])[::-1] == ["tambah akun", "masuk", "gagal masuk"]
    assert not log.map(lambda v: "salah-sandinya" in str(v) or "rahasia" in str(v)).any().any()


def test_idle_minutes_is_a_validated_setting(tmp_path):
    from kinerja_core.settings import SettingsError, load_settings

    path = tmp_path / "kinerja.toml"
    path.write_text("idle_minutes = 15\n", encoding="utf-8")
    assert load_settings(path).idle_minutes == 15
    path.write_text("idle_minutes = 0\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="idle_minutes"):
        load_settings(path)
