"""CLI commands for accounts (``akun tambah|daftar|sandi``) and the audit check (``audit periksa``).

The CLI acts as ``Actor.cli()``: whoever holds a shell on the server is its admin. A
password is asked twice at a terminal (never echoed) or read from the first line of standard
input when there is no terminal (scripts, installers). Libraries load only when a command runs.
"""

from __future__ import annotations

import argparse
import getpass
import sys


def _kwargs(description: str) -> dict:
    return {"description": description, "formatter_class": argparse.RawDescriptionHelpFormatter}


def _db_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="basis data: URL SQLAlchemy atau path berkas SQLite (bawaan: KINERJA_DB atau "
        "data/kinerja.db)",
    )


def _store(db: str | None):
    from kinerja_core.cli import _db_url
    from kinerja_core.store import Store

    return Store(_db_url(db))


def read_password(prompt: str = "Kata sandi") -> str | None:
    """Asked twice at a terminal; otherwise the first line of standard input. None (with a
    message on stderr) when the two do not match or nothing was given."""
    if sys.stdin.isatty():
        first = getpass.getpass(f"{prompt}: ")
        second = getpass.getpass(f"{prompt} (ulangi): ")
        if first != second:
            print("Gagal: kedua kata sandi tidak sama; tidak ada yang diubah.", file=sys.stderr)
            return None
    else:
        first = sys.stdin.readline().rstrip("\r\n")
    if not first:
        print("Gagal: kata sandi kosong; tidak ada yang diubah.", file=sys.stderr)
        return None
    return first


def add_akun_parser(subparsers) -> None:
    from kinerja_core.access import Peran

    parser = subparsers.add_parser(
        "akun",
        help="kelola akun pengguna (tambah, daftar, sandi)",
        **_kwargs(
            "Akun pengguna aplikasi. Kata sandi ditanyakan dua kali di terminal, atau dibaca "
            "dari baris pertama masukan standar bila tidak ada terminal.\n\n"
            "Contoh (admin pertama):\n"
            "  python -m kinerja_core akun tambah --peran admin --pengguna kasubag"
        ),
    )
    actions = parser.add_subparsers(title="tindakan", metavar="TINDAKAN", required=True)
    tambah = actions.add_parser(
        "tambah",
        help="buat akun baru",
        **_kwargs("Membuat akun baru. Kepala Bidang wajib menyebut --bidang."),
    )
    tambah.add_argument("--pengguna", required=True, help="nama pengguna untuk masuk")
    tambah.add_argument(
        "--peran", required=True, choices=[p.value for p in Peran], help="peran akun"
    )
    tambah.add_argument("--nama", default="", help="nama lengkap (tampil di riwayat)")
    tambah.add_argument("--bidang", help="bidang seorang Kepala Bidang (kabid)")
    _db_arg(tambah)
    tambah.set_defaults(func=cmd_akun_tambah)

    daftar = actions.add_parser("daftar", help="tampilkan semua akun", **_kwargs("Semua akun."))
    _db_arg(daftar)
    daftar.set_defaults(func=cmd_akun_daftar)

    sandi = actions.add_parser(
        "sandi",
        help="ganti kata sandi sebuah akun",
        **_kwargs("Mengganti kata sandi; semua sesi akun itu berakhir."),
    )
    sandi.add_argument("--pengguna", required=True, help="akun yang kata sandinya diganti")
    _db_arg(sandi)
    sandi.set_defaults(func=cmd_akun_sandi)


def cmd_akun_tambah(args) -> int:
    from kinerja_core import accounts
    from kinerja_core.access import Actor

    password = read_password()
    if password is None:
        return 1
    try:
        actor = accounts.create(
            _store(args.db),
            Actor.cli(),
            pengguna=args.pengguna,
            sandi=password,
            peran=args.peran,
            nama=args.nama,
            bidang=args.bidang,
        )
    except accounts.AkunError as error:
        print(f"Gagal: {error}", file=sys.stderr)
        return 1
    where = f" ({actor.bidang})" if actor.bidang else ""
    print(f"Akun '{actor.pengguna}' dibuat sebagai {actor.peran.label}{where}.")
    return 0


def cmd_akun_daftar(args) -> int:
    from kinerja_core import accounts, clock
    from kinerja_core.access import Actor, Peran

    frame = accounts.list_accounts(_store(args.db), Actor.cli())
    if frame.empty:
        print(
            "Belum ada akun. Buat admin pertama: "
            "python -m kinerja_core akun tambah --peran admin --pengguna NAMA"
        )
        return 0
    rows = [
        (
            r.pengguna,
            r.nama or "–",
            Peran(str(r.peran)).label,
            r.bidang or "–",
            "aktif" if r.aktif else "nonaktif",
            clock.fmt_waktu(r.sandi_diubah_pada),
        )
        for r in frame.itertuples()
    ]
    header = ("Pengguna", "Nama", "Peran", "Bidang", "Status", "Sandi diubah")
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=False)]
    for line in (header, *rows):
        print("  ".join(str(x).ljust(w) for x, w in zip(line, widths, strict=True)).rstrip())
    return 0


def cmd_akun_sandi(args) -> int:
    from kinerja_core import accounts
    from kinerja_core.access import Actor

    password = read_password("Kata sandi baru")
    if password is None:
        return 1
    try:
        accounts.change_password(_store(args.db), Actor.cli(), args.pengguna, password)
    except accounts.AkunError as error:
        print(f"Gagal: {error}", file=sys.stderr)
        return 1
    print(f"Kata sandi akun '{args.pengguna}' diganti; semua sesinya berakhir.")
    return 0


def add_audit_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="periksa keutuhan catatan audit (riwayat)",
        **_kwargs(
            "Catatan audit berantai: setiap entri menyimpan sha256 entri sebelumnya. "
            "`audit periksa` melaporkan setiap mata rantai yang putus (entri diubah atau "
            "dihapus langsung di basis data).\n\nKode keluar: 0 utuh, 1 ada yang putus."
        ),
    )
    actions = parser.add_subparsers(title="tindakan", metavar="TINDAKAN", required=True)
    periksa = actions.add_parser(
        "periksa", help="periksa rantai catatan audit", **_kwargs("Periksa rantai audit.")
    )
    _db_arg(periksa)
    periksa.set_defaults(func=cmd_audit_periksa)


def cmd_audit_periksa(args) -> int:
    from kinerja_core import audit
    from kinerja_core.locale_id import fmt_number

    checked, broken = audit.verify(_store(args.db))
    if not broken:
        print(f"Rantai catatan audit utuh: {fmt_number(checked, 0)} entri diperiksa.")
        return 0
    print(
        f"Rantai catatan audit PUTUS di {fmt_number(len(broken), 0)} tempat "
        f"({fmt_number(checked, 0)} entri diperiksa):",
        file=sys.stderr,
    )
    for item in broken:
        print(f"  entri #{item.id}: {item.alasan}", file=sys.stderr)
    return 1
