"""The portfolio store: every operation on SQLite, and on PostgreSQL when one is reachable."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest

from assess.errors import EnvironmentFailure, NotFound, UsageError
from assess.portfolio import Store, schema
from assess.portfolio import store as store_module
from assess.portfolio.synthetic import synthetic_record

from .portfolio_support import example_record


def test_add_then_read_back_the_same_values(store_url: str) -> None:
    record = example_record()
    with Store(store_url) as store:
        assert store.add(record) is False
        assert store.record(record.organisation) == record
        assert store.record(record.organisation, record.date) == record
        [entry] = store.entries()
    assert (entry.organisation, entry.date, entry.score) == (
        record.organisation, record.date, record.score)
    assert entry.content == record.content


def test_readding_the_same_organisation_and_date_replaces_it(store_url: str) -> None:
    record = example_record()
    changed = synthetic_record(record, record.organisation, random.Random(1),
                               dt.date.fromisoformat(record.date))
    with Store(store_url) as store:
        store.add(record)
        assert store.add(changed) is True
        assert len(store.entries()) == 1
        assert store.record(record.organisation) == changed


def test_an_add_racing_another_of_the_same_organisation_and_date_replaces_it(
        store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Two `portfolio add` runs at once: each looks, sees nothing, inserts; the second
    # insert met the unique constraint and ended as an unexpected error (exit 1).
    record = example_record()
    changed = synthetic_record(record, record.organisation, random.Random(1),
                               dt.date.fromisoformat(record.date))
    with Store(store_url) as other:
        other.add(record)
    looks = []
    real_ids = store_module._ids

    def blind_first_look(conn, organisation, date):  # type: ignore[no-untyped-def]
        looks.append(date)
        return [] if len(looks) == 1 else real_ids(conn, organisation, date)

    monkeypatch.setattr(store_module, "_ids", blind_first_look)
    with Store(store_url) as store:
        assert store.add(changed) is True
        assert len(store.entries()) == 1
        assert store.record(record.organisation) == changed
    assert len(looks) == 2


def test_remove_one_date_or_every_assessment_of_an_organisation(store_url: str) -> None:
    record = example_record()
    later = dataclasses.replace(record, date="2027-10-01")
    with Store(store_url) as store:
        store.add(record)
        store.add(later)
        assert store.record(record.organisation).date == "2027-10-01"  # the latest
        assert store.remove(record.organisation, "2027-10-01") == ["2027-10-01"]
        assert [e.date for e in store.entries()] == [record.date]
        store.add(later)
        assert store.remove(record.organisation) == [record.date, "2027-10-01"]
        assert store.entries() == []
        with pytest.raises(NotFound, match="no assessment of 'Northshire Council'"):
            store.remove(record.organisation)
        with pytest.raises(NotFound, match="dated 2020-01-01"):
            store.record(record.organisation, "2020-01-01")


def test_a_failure_inside_an_add_leaves_the_store_as_it_was(
        store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    record = example_record()
    changed = synthetic_record(record, record.organisation, random.Random(2),
                               dt.date.fromisoformat(record.date))
    real = store_module._insert_many

    def failing(conn: object, table: object, rows: list[tuple[object, ...]]) -> None:
        if getattr(table, "name", "") == "answers":
            raise RuntimeError("disk on fire")
        real(conn, table, rows)  # type: ignore[arg-type]

    with Store(store_url) as store:
        store.add(record)
        monkeypatch.setattr(store_module, "_insert_many", failing)
        with pytest.raises(RuntimeError):
            store.add(changed)
        with pytest.raises(RuntimeError):
            store.add(dataclasses.replace(changed, organisation="Other Council"))
        monkeypatch.undo()
        assert store.record(record.organisation) == record
        assert [e.organisation for e in store.entries()] == [record.organisation]


def test_each_organisation_counts_once_latest_or_nearest_a_date(store_url: str) -> None:
    record = example_record()
    rng = random.Random(3)
    early = synthetic_record(record, "Other", rng, dt.date(2024, 1, 10))
    late = synthetic_record(record, "Other", rng, dt.date(2026, 6, 1))
    own = synthetic_record(record, record.organisation, rng, dt.date(2025, 1, 1))
    with Store(store_url) as store:
        for r in (early, late, own):
            store.add(r)
        peers = store.peers(record.framework, {}, record.organisation)
        assert [(e.organisation, e.date) for e in peers.values()] == [("Other", "2026-06-01")]
        near = store.peers(record.framework, {}, record.organisation, dt.date(2024, 3, 1))
        assert [e.date for e in near.values()] == ["2024-01-10"]
        assert store.peers("another-framework", {}, record.organisation) == {}
        grouped = store.peers(record.framework, {"sector": late.sector or ""}, "nobody")
        assert {e.organisation for e in grouped.values()} == (
            {"Other"} | ({record.organisation} if own.sector == late.sector else set()))


def test_the_store_knows_its_schema_version_and_upgrades_in_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    record = example_record()
    with Store(url) as store:
        assert store.version() == schema.SCHEMA_VERSION
        store.add(record)
    ran: list[int] = []

    def step_two(conn: object) -> None:
        ran.append(2)

    monkeypatch.setattr(store_module, "MIGRATIONS", (*schema.MIGRATIONS, step_two))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    with Store(url) as store:
        assert store.version() == schema.SCHEMA_VERSION + 1
        assert store.record(record.organisation) == record
    with Store(url):
        pass
    assert ran == [2]  # once, not again on the next open
    monkeypatch.undo()
    with pytest.raises(EnvironmentFailure, match="schema version 2, newer than this "
                       "release knows \\(1\\): upgrade assess"):
        Store(url)


def test_values_only_never_respondents_names_or_notes(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    with Store(f"sqlite:///{path}") as store:
        store.add(example_record())
    stored = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    for text in ("Grace Lin", "Helen Marsh", "Priya Shah", "Head of"):
        assert text.encode() not in stored
    assert b"Northshire Council" in stored


def test_database_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(UsageError, match="expected sqlite:///PATH or postgresql://"):
        Store("mysql://somewhere/db")
    with pytest.raises(UsageError, match="expected sqlite:///PATH or postgresql://"):
        Store("not a url")
    with pytest.raises(EnvironmentFailure, match="cannot open the portfolio"):
        Store(f"sqlite:///{tmp_path / 'missing' / 'p.sqlite'}")
    monkeypatch.setenv("ASSESS_DB", f"sqlite:///{tmp_path / 'env.sqlite'}")
    Store().close()
    assert (tmp_path / "env.sqlite").exists()
    monkeypatch.delenv("ASSESS_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with Store() as store:
        assert store.url == f"sqlite:///{tmp_path / 'data' / 'assess' / 'portfolio.sqlite'}"


def test_an_unreachable_postgresql_is_an_environment_failure() -> None:
    with pytest.raises(EnvironmentFailure, match=r"postgresql://nobody:\*\*\*@"
                       r"127.0.0.1:1/none: cannot open the portfolio"):
        Store("postgresql://nobody:secret@127.0.0.1:1/none")
