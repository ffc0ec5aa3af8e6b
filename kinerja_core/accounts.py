"""Local accounts: creating them, listing them, changing passwords, logging in, sessions.

Passwords are kept only as argon2id hashes (argon2-cffi) and never logged. Wrong passwords
in a row are counted per user name and per address in the database, so guessing slows down
across reruns, sessions and restarts: after ``GRATIS_PENGGUNA`` misses for one name (or
``GRATIS_ALAMAT`` from one address) each further miss makes that key wait
``JEDA_AWAL`` × 2^(misses beyond), at most ``JEDA_MAKS``. A login session is a random
token whose sha256 is stored; it ends on logout or after ``Settings.idle_minutes`` without
any action. Logging in returns the :class:`access.Actor` every core function checks.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from kinerja_core import clock
from kinerja_core.access import Actor, Aksi, Peran, require
from kinerja_core.store import Store, akun, percobaan_masuk, sesi

SANDI_MIN = 8
GRATIS_PENGGUNA = 5  # wrong passwords for one name before it has to wait
GRATIS_ALAMAT = 20  # from one address (an office shares one address behind its router)
JEDA_AWAL = timedelta(seconds=30)
JEDA_MAKS = timedelta(minutes=15)
SENTUH_SETIAP = timedelta(seconds=60)  # refresh a session's aktif_pada at most this often

_PENGGUNA_POLA = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
_HASHER = PasswordHasher()
# Verified when the name does not exist, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("bukan-sandi-siapa-pun")

AKUN_COLUMNS = ["pengguna", "nama", "peran", "bidang", "aktif", "dibuat_pada", "sandi_diubah_pada"]


class AkunError(ValueError):
    """An account request that cannot be done as asked; the message says why (Indonesian)."""


class MasukGagal(PermissionError):
    """A refused login; the message is for the person and never says which part was wrong."""

    def __init__(self, message: str, tunggu_detik: int = 0) -> None:
        super().__init__(message)
        self.tunggu_detik = tunggu_detik


def normal_pengguna(pengguna: str) -> str:
    return pengguna.strip().lower()


def _check_pengguna(pengguna: str) -> str:
    name = normal_pengguna(pengguna)
    if not _PENGGUNA_POLA.match(name) or name == Actor.cli().pengguna:
        raise AkunError(
            f"Nama pengguna '{pengguna}' tidak dapat dipakai: 2–64 huruf kecil, angka, titik, "
            "garis bawah atau tanda hubung, diawali huruf atau angka (contoh: kabid.statistik)."
        )
    return name


def _check_sandi(sandi: str) -> None:
    if len(sandi) < SANDI_MIN:
        raise AkunError(f"Kata sandi terlalu pendek: paling sedikit {SANDI_MIN} karakter.")
    if sandi.strip() != sandi:
        raise AkunError("Kata sandi tidak boleh diawali atau diakhiri spasi.")


def _actor(row) -> Actor:
    return Actor(
        pengguna=row["pengguna"], nama=row["nama"], peran=Peran(row["peran"]), bidang=row["bidang"]
    )


# --- accounts ---------------------------------------------------------------------------------
def create(
    store: Store,
    actor: Actor,
    *,
    pengguna: str,
    sandi: str,
    peran: Peran | str,
    nama: str = "",
    bidang: str | None = None,
) -> Actor:
    """Add an account (admin only); a Kabid needs their bidang, other roles have none."""
    require(actor, Aksi.KELOLA_AKUN)
    name = _check_pengguna(pengguna)
    try:
        role = Peran(peran)
    except ValueError:
        known = ", ".join(p.value for p in Peran)
        raise AkunError(f"Peran '{peran}' tidak dikenal; pilih salah satu: {known}.") from None
    bidang = " ".join((bidang or "").split()) or None
    if role is Peran.KABID and not bidang:
        raise AkunError("Akun Kepala Bidang harus menyebut bidangnya (--bidang).")
    if role is not Peran.KABID:
        bidang = None
    _check_sandi(sandi)
    now = clock.utc_now()
    hashed = _HASHER.hash(sandi)
    with store.transaction(bump_version=False) as conn:
        if conn.execute(sa.select(akun.c.pengguna).where(akun.c.pengguna == name)).first():
            raise AkunError(f"Nama pengguna '{name}' sudah dipakai; pilih nama lain.")
        conn.execute(
            akun.insert().values(
                pengguna=name,
                nama=" ".join(nama.split()),
                peran=role.value,
                bidang=bidang,
                sandi_hash=hashed,
                aktif=True,
                dibuat_pada=now,
                sandi_diubah_pada=now,
            )
        )
        store.audit_in(
            conn,
            actor.label,
            "tambah akun",
            f"{name} sebagai {role.label}" + (f" ({bidang})" if bidang else ""),
        )
    return Actor(pengguna=name, nama=" ".join(nama.split()), peran=role, bidang=bidang)


def list_accounts(store: Store, actor: Actor) -> pd.DataFrame:
    """Every account without its hash, by name (admin only)."""
    require(actor, Aksi.KELOLA_AKUN)
    with store.reading() as conn:
        rows = conn.execute(
            sa.select(*[akun.c[c] for c in AKUN_COLUMNS]).order_by(akun.c.pengguna)
        ).mappings()
        return pd.DataFrame([dict(r) for r in rows], columns=AKUN_COLUMNS)


def find(store: Store, pengguna: str) -> Actor | None:
    """The active account of that name as an Actor, or None."""
    with store.reading() as conn:
        row = (
            conn.execute(
                akun.select().where(
                    akun.c.pengguna == normal_pengguna(pengguna), akun.c.aktif.is_(True)
                )
            )
            .mappings()
            .first()
        )
    return _actor(row) if row else None


def unchanged_passwords(store: Store) -> set[str]:
    """Active accounts whose password was never changed since the account was made."""
    with store.reading() as conn:
        return set(
            conn.execute(
                sa.select(akun.c.pengguna).where(
                    akun.c.aktif.is_(True), akun.c.sandi_diubah_pada == akun.c.dibuat_pada
                )
            ).scalars()
        )


def has_accounts(store: Store) -> bool:
    with store.reading() as conn:
        return conn.execute(sa.select(akun.c.pengguna).limit(1)).first() is not None


def change_password(
    store: Store, actor: Actor, pengguna: str, sandi_baru: str, sandi_lama: str | None = None
) -> None:
    """Set a new password. Your own needs the old one (except from the CLI); another
    person's needs the admin. Every open session of that account ends."""
    name = normal_pengguna(pengguna)
    own = name == actor.pengguna
    if not own:
        require(actor, Aksi.KELOLA_AKUN)
    _check_sandi(sandi_baru)
    with store.transaction(bump_version=False) as conn:
        row = conn.execute(akun.select().where(akun.c.pengguna == name)).mappings().first()
        if row is None:
            raise AkunError(
                f"Akun '{name}' tidak ada. Lihat daftarnya: python -m kinerja_core akun daftar"
            )
        if own and (sandi_lama is None or not _verify(row["sandi_hash"], sandi_lama)):
            raise AkunError("Kata sandi lama salah; kata sandi tidak diubah.")
        conn.execute(
            akun.update()
            .where(akun.c.pengguna == name)
            .values(sandi_hash=_HASHER.hash(sandi_baru), sandi_diubah_pada=clock.utc_now())
        )
        conn.execute(sesi.delete().where(sesi.c.pengguna == name))
        store.audit_in(conn, actor.label, "ubah kata sandi", f"akun {name}")


def _verify(hashed: str, sandi: str) -> bool:
    try:
        return _HASHER.verify(hashed, sandi)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# --- logging in -------------------------------------------------------------------------------
def _keys(pengguna: str, alamat: str | None) -> list[tuple[str, int]]:
    keys = [(f"pengguna:{normal_pengguna(pengguna)[:150]}", GRATIS_PENGGUNA)]
    if alamat:
        keys.append((f"ip:{alamat[:150]}", GRATIS_ALAMAT))
    return keys


def _wait(gagal: int, gratis: int) -> timedelta | None:
    if gagal < gratis:
        return None
    return min(JEDA_AWAL * (2 ** min(gagal - gratis, 20)), JEDA_MAKS)


def _seconds_text(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} detik"
    return f"{(seconds + 59) // 60} menit"


def authenticate(
    store: Store, pengguna: str, sandi: str, alamat: str | None = None, now: datetime | None = None
) -> Actor:
    """The account's Actor when name and password match; otherwise :class:`MasukGagal`.

    A name or address that has to wait is refused before its password is checked.
    """
    now = now or clock.utc_now()
    keys = _keys(pengguna, alamat)
    with store.reading() as conn:
        waits = conn.execute(
            sa.select(percobaan_masuk.c.tunggu_sampai).where(
                percobaan_masuk.c.kunci.in_([k for k, _ in keys])
            )
        ).scalars()
        until = max((w for w in waits if w is not None and w > now), default=None)
        row = (
            conn.execute(akun.select().where(akun.c.pengguna == normal_pengguna(pengguna)))
            .mappings()
            .first()
        )
    if until is not None:
        seconds = max(1, int((until - now).total_seconds() + 0.999))
        raise MasukGagal(
            "Terlalu banyak kata sandi salah. Demi keamanan, coba lagi dalam "
            f"{_seconds_text(seconds)}.",
            tunggu_detik=seconds,
        )
    ok = _verify(row["sandi_hash"] if row else _DUMMY_HASH, sandi) and row is not None
    ok = ok and bool(row["aktif"])
    with store.transaction(bump_version=False) as conn:
        if ok:
            conn.execute(percobaan_masuk.delete().where(percobaan_masuk.c.kunci == keys[0][0]))
            store.audit_in(
                conn, _actor(row).label, "masuk", f"dari {alamat or 'alamat tak diketahui'}"
            )
        else:
            for key, gratis in keys:
                _count_miss(conn, key, gratis, now)
            store.audit_in(
                conn,
                normal_pengguna(pengguna)[:64],
                "gagal masuk",
                f"dari {alamat or 'alamat tak diketahui'}",
            )
    if not ok:
        raise MasukGagal("Nama pengguna atau kata sandi salah.")
    return _actor(row)


def _count_miss(conn: sa.Connection, key: str, gratis: int, now: datetime) -> None:
    gagal = (
        conn.execute(
            sa.select(percobaan_masuk.c.gagal).where(percobaan_masuk.c.kunci == key)
        ).scalar()
        or 0
    ) + 1
    wait = _wait(gagal, gratis)
    values = {"gagal": gagal, "terakhir": now, "tunggu_sampai": now + wait if wait else None}
    updated = conn.execute(
        percobaan_masuk.update().where(percobaan_masuk.c.kunci == key).values(**values)
    ).rowcount
    if not updated:
        conn.execute(percobaan_masuk.insert().values(kunci=key, **values))


# --- sessions ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sesi:
    token: str  # given to the browser once; only its sha256 is stored
    actor: Actor


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(store: Store, actor: Actor, now: datetime | None = None) -> Sesi:
    now = now or clock.utc_now()
    token = secrets.token_urlsafe(32)
    with store.transaction(bump_version=False) as conn:
        conn.execute(
            sesi.insert().values(
                token_sha256=_digest(token),
                pengguna=actor.pengguna,
                dibuat_pada=now,
                aktif_pada=now,
            )
        )
    return Sesi(token, actor)


def resume_session(
    store: Store, token: str, idle_minutes: int, now: datetime | None = None
) -> Actor | None:
    """The Actor of a live session (its activity time refreshed), None when the token is
    unknown, ended, idle for longer than ``idle_minutes`` or its account is disabled."""
    if not token:
        return None
    now = now or clock.utc_now()
    digest = _digest(token)
    with store.reading() as conn:
        row = (
            conn.execute(
                sa.select(sesi.c.aktif_pada, akun)
                .join(akun, akun.c.pengguna == sesi.c.pengguna)
                .where(sesi.c.token_sha256 == digest)
            )
            .mappings()
            .first()
        )
    if row is None:
        return None
    if now - row["aktif_pada"] > timedelta(minutes=idle_minutes) or not row["aktif"]:
        end_session(store, token)
        return None
    if now - row["aktif_pada"] >= SENTUH_SETIAP:
        with store.transaction(bump_version=False) as conn:
            conn.execute(sesi.update().where(sesi.c.token_sha256 == digest).values(aktif_pada=now))
    return _actor(row)


def end_session(store: Store, token: str) -> None:
    """Logout: the session's row goes, so its token opens nothing any more."""
    with store.transaction(bump_version=False) as conn:
        conn.execute(sesi.delete().where(sesi.c.token_sha256 == _digest(token)))
