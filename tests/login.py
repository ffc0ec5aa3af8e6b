"""Test accounts: one per role (a Kabid per bidang), made on demand in any test database.

``uji.<peran>`` (a Kabid: ``uji.kabid.<bidang-slug>``) with password ``sandi-uji-<peran>``.
Used by the AppTest helper (tests/pages/conftest.py ``login``/``open_page``), the browser
fixtures (tests/e2e/conftest.py ``login``) and the protocol sessions (tests/protocol.py).
"""

from __future__ import annotations

import re

from kinerja_core import accounts
from kinerja_core.access import Actor, Peran
from kinerja_core.store import Store

DEFAULT_KABID_BIDANG = "Bidang Statistik"  # a demo bidang


def role_account(
    store: Store, peran: str = "admin", bidang: str | None = None
) -> tuple[Actor, str]:
    """(actor, password) of the test account of ``peran``, made when missing."""
    role = Peran(peran)
    bidang = (bidang or DEFAULT_KABID_BIDANG) if role is Peran.KABID else None
    pengguna = f"uji.{role.value}"
    if bidang:
        pengguna = (pengguna + "." + re.sub(r"[^a-z0-9]+", "-", bidang.lower()).strip("-"))[:64]
    sandi = f"sandi-uji-{role.value}"
    actor = accounts.find(store, pengguna)
    if actor is None:
        actor = accounts.create(
            store,
            Actor.cli(),
            pengguna=pengguna,
            sandi=sandi,
            peran=role,
            nama=f"Uji {role.label}",
            bidang=bidang,
        )
    return actor, sandi


def session_token(store: Store, peran: str = "admin", bidang: str | None = None) -> str:
    """A live login session of the test account of ``peran``: its token."""
    actor, _ = role_account(store, peran, bidang)
    return accounts.start_session(store, actor).token


def admin(name: str = "uji") -> Actor:
    """An admin actor whose label (what records and the audit show) is ``name``: for tests
    that build data through the core."""
    return Actor(pengguna=name, nama="", peran=Peran.ADMIN)
