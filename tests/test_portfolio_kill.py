"""A killed `portfolio add` leaves the store as it was: a real SIGKILL of a subprocess in
the middle of writing an assessment, on SQLite and (when reachable) PostgreSQL."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from assess.portfolio import Store

from .conftest import EXAMPLE
from .portfolio_support import example_record

CHILD = textwrap.dedent("""
    import dataclasses, datetime as dt, pathlib, random, sys, time
    from assess.portfolio import Store, load_record, store
    from assess.portfolio.synthetic import synthetic_record

    url, example = sys.argv[1], sys.argv[2]
    subject = load_record(pathlib.Path(example))[0]
    real = store._insert_many

    def slow(conn, table, rows):
        real(conn, table, rows)
        if table.name == "answers" and rows and rows[0][0] is not None and WRITING[0]:
            print("ready", flush=True)  # the answers are written, not committed
            time.sleep(600)

    WRITING = [False]
    store._insert_many = slow
    with Store(url) as s:
        s.add(dataclasses.replace(subject, organisation="Added before the kill"))
        WRITING[0] = True
        # re-adds the subject (replacing it) and is killed inside that transaction
        s.add(synthetic_record(subject, subject.organisation, random.Random(9),
                               dt.date.fromisoformat(subject.date)))
""")


def test_sigkill_in_the_middle_of_an_add_leaves_the_store_as_it_was(
        store_url: str, tmp_path: Path) -> None:
    subject = example_record()
    with Store(store_url) as store:
        store.add(subject)
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    child = subprocess.Popen([sys.executable, str(script), store_url, str(EXAMPLE)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL
    with Store(store_url) as store:
        assert store.record(subject.organisation) == subject  # the old version, whole
        assert [e.organisation for e in store.entries()] == ["Added before the kill",
                                                             subject.organisation]
        assert len(store.record("Added before the kill").answers) == len(subject.answers)


def test_sigkill_of_the_command_over_many_folders(tmp_path: Path) -> None:
    folders = []
    for year in range(2010, 2022):
        folder = tmp_path / f"northshire-{year}"
        shutil.copytree(EXAMPLE, folder)
        yaml = folder / "assessment.yaml"
        yaml.write_text(yaml.read_text().replace("date: 2026-10-20", f"date: {year}-10-20")
                        .replace("baseline: ../northshire-2025", ""))
        folders.append(str(folder))
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    Store(url).close()
    child = subprocess.Popen([sys.executable, "-m", "assess", "portfolio", "add", *folders,
                              "--db", url], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with Store(url) as store:
                if len(store.entries()) >= 3:
                    break
            time.sleep(0.05)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    with Store(url) as store:
        entries = store.entries()
        assert 3 <= len(entries) < len(folders)
        for entry in entries:  # every assessment there is whole
            record = store.record(entry.organisation, entry.date)
            assert len(record.answers) == len(example_record().answers)
            assert len(record.capabilities) == len(example_record().capabilities)
        assert [e.date[:4] for e in entries] == [str(y) for y in range(2010, 2010 + len(
            entries))]


@pytest.fixture(autouse=True)
def _posix_only() -> None:
    if os.name != "posix":
        pytest.skip("SIGKILL is POSIX")
