"""Portfolio test helpers: store URLs for SQLite and (when reachable) PostgreSQL, and the
example's record.

PostgreSQL: set ASSESS_TEST_PG_URL to a server URL whose role may create databases
(``.ci/run`` starts a local server and sets it); each test gets a fresh database there.
Without it, or when the server cannot be reached, the PostgreSQL cases skip with the
reason.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from assess.portfolio import load_record
from assess.portfolio.records import Record

from .conftest import EXAMPLE

PG_ENV = "ASSESS_TEST_PG_URL"


@functools.cache
def example_record() -> Record:
    return load_record(EXAMPLE)[0]


def _pg_admin() -> tuple[str, object] | None:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL: {PG_ENV} is not set (.ci/run sets it where it can start "
                    f"a local server)")
    import psycopg

    try:
        conn = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"),
                               autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL at {PG_ENV} is not reachable: {str(exc).strip()[:200]}")
    return url, conn


def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one test; dropped afterwards."""
    admin = _pg_admin()
    assert admin is not None
    url, conn = admin
    name = f"assess_test_{uuid.uuid4().hex[:12]}"
    conn.execute(f"CREATE DATABASE {name}")  # type: ignore[attr-defined]
    base = url.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        import psycopg

        try:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")  # type: ignore[attr-defined]
        except psycopg.Error as exc:  # left behind; the test itself is not at fault
            print(f"note: could not drop {name}: {exc}")
        conn.close()  # type: ignore[attr-defined]


def store_url(kind: str, tmp_path: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'portfolio.sqlite'}"
    else:
        yield from pg_database()
