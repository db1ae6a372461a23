"""Where the portfolio is and how it is opened: the URL (``--db``, else ``ASSESS_DB``, else
a SQLite file in the user's data folder) and the engine for SQLite or PostgreSQL.

Only :mod:`assess.portfolio.store` opens an engine; it runs every statement.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from assess.errors import EnvironmentFailure, UsageError

ENV = "ASSESS_DB"
FILE_NAME = "portfolio.sqlite"


def data_folder() -> Path:
    """The user's data folder for assess (XDG on Linux, Application Support on macOS,
    LOCALAPPDATA on Windows)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "assess"


def resolve_url(db: str | None) -> str:
    """``--db``, else ``ASSESS_DB``, else the SQLite file in the user's data folder."""
    url = db or os.environ.get(ENV)
    if url:
        return url
    folder = data_folder()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / FILE_NAME}"


def shown(url: str) -> str:
    """A URL as safe to print: the password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def open_engine(url: str) -> Engine:
    """An engine for ``url``: SQLite (a file, each transaction begun IMMEDIATE) or
    PostgreSQL (psycopg 3); a usage error for anything else."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UsageError(f"--db {url!r}: expected sqlite:///PATH or postgresql://...") from None
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise UsageError(f"--db {url}: give the path of a file, sqlite:///PATH")
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":  # psycopg 3, not SQLAlchemy's psycopg2 default
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            return create_engine(parsed)
        except ModuleNotFoundError:
            raise EnvironmentFailure(shown(url), "PostgreSQL needs psycopg: pip install "
                                     "'assess[postgresql]'") from None
    raise UsageError(f"--db {shown(url)}: expected sqlite:///PATH or postgresql://...")


def _sqlite_connect(dbapi_conn: Any, record: Any) -> None:
    # Transactions are begun explicitly (BEGIN IMMEDIATE, above) rather than by the driver,
    # so reading the old row and writing the new one is one transaction. WAL with normal
    # synchronisation: a killed process never corrupts the file or half-writes a commit.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=NORMAL",
                   "busy_timeout=30000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()
