"""The portfolio database: the only module that talks to it (SQLAlchemy Core).

SQLite (one file, the default) and PostgreSQL go through the same statements; nothing
above this module writes SQL or knows which engine is in use. Every assessment is written
in one transaction, so a failure or a killed process leaves either the whole assessment or
none of it (and a replaced assessment either as it was or as it is now).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Dialect,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql import ClauseElement, Insert

from assess.errors import EnvironmentFailure, NotFound
from assess.portfolio.engine import open_engine, resolve_url
from assess.portfolio.engine import shown as shown  # re-exported
from assess.portfolio.records import AnswerValue, Record, Score
from assess.portfolio.schema import MIGRATIONS, SCHEMA_VERSION, TABLES, VERSION_TABLE

A, D, C, Q = (TABLES[n] for n in ("assessments", "domains", "capabilities", "answers"))
Layout = tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class Entry:
    """One stored assessment, as listed."""

    organisation: str
    date: str
    sector: str | None
    size: str | None
    region: str | None
    framework: str
    content: dict[str, str]
    score: float | None
    layout: Layout | None = None
    """(domain ids, capability ids): what ``values`` hold, for peers in a benchmark."""
    values: list[float | None] | None = None
    """Domain then capability scores, in the order of ``layout``."""


class Store:
    """An open portfolio, upgraded to this release's schema."""

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        self.engine = open_engine(self.url)
        self._writer: Connection | None = None
        try:
            self._migrate()
        except OperationalError as exc:
            self.engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise EnvironmentFailure(shown(self.url),
                                     f"cannot open the portfolio: {reason}") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self.engine.dispose()

    # --- schema ------------------------------------------------------------------------

    def version(self) -> int:
        with self.engine.connect() as conn:
            return _version(conn)

    def _migrate(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(text(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} "
                              f"(version INTEGER NOT NULL)"))
            if conn.execute(text(f"SELECT count(*) FROM {VERSION_TABLE}")).scalar() == 0:
                conn.execute(text(f"INSERT INTO {VERSION_TABLE} (version) VALUES (0)"))
        while True:
            with self.engine.begin() as conn:
                current = _version(conn)
                if current > SCHEMA_VERSION:
                    raise EnvironmentFailure(shown(self.url), (
                        f"the portfolio has schema version {current}, newer than this "
                        f"release knows ({SCHEMA_VERSION}): upgrade assess"))
                if current == SCHEMA_VERSION:
                    return
                MIGRATIONS[current](conn)
                conn.execute(text(f"UPDATE {VERSION_TABLE} SET version = :v"),
                             {"v": current + 1})

    # --- writing -----------------------------------------------------------------------

    def add(self, record: Record) -> bool:
        """Store ``record`` in one transaction, replacing the organisation's assessment of
        the same date. True when one was replaced."""
        if self._writer is None:  # one connection for a whole batch of adds
            self._writer = self.engine.connect()
        conn = self._writer
        with conn.begin():
            old = _ids(conn, record.organisation, record.date)
            _delete(conn, old)
            ident = _insert_one(conn, _INSERT_ASSESSMENT, _assessment_row(record))
            _insert_many(conn, D, [
                (ident, d.id, i, d.name, record.content.get(d.id, "1"), d.score, d.target,
                 d.coverage) for i, d in enumerate(record.domains)])
            _insert_many(conn, C, [
                (ident, c.id, i, c.domain, c.name, c.score, c.target, c.coverage)
                for i, c in enumerate(record.capabilities)])
            _insert_many(conn, Q, [
                (ident, a.questionnaire, a.question, i, a.capability, a.value, a.na)
                for i, a in enumerate(record.answers)])
            return bool(old)

    def remove(self, organisation: str, date: str | None = None) -> list[str]:
        """Remove the organisation's assessment of ``date`` (every one of its assessments
        without a date); the dates removed."""
        with self.engine.begin() as conn:
            query = select(A.c.id, A.c.date).where(A.c.organisation == organisation)
            if date is not None:
                query = query.where(A.c.date == date)
            found = conn.execute(query.order_by(A.c.date)).all()
            if not found:
                raise NotFound(_missing(organisation, date))
            _delete(conn, [row.id for row in found])
            return [row.date for row in found]

    # --- reading -----------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        """Every stored assessment, by organisation then date."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(A).order_by(A.c.organisation, A.c.date)).all()
        return [_entry(r) for r in rows]

    def record(self, organisation: str, date: str | None = None) -> Record:
        """One stored assessment (the organisation's latest without ``date``)."""
        with self.engine.connect() as conn:
            query = select(A).where(A.c.organisation == organisation)
            if date is not None:
                query = query.where(A.c.date == date)
            row = conn.execute(query.order_by(A.c.day.desc()).limit(1)).first()
            if row is None:
                raise NotFound(_missing(organisation, date))
            return _record(conn, row)

    def records(self) -> Iterator[Record]:
        """Every stored assessment with its values, by organisation then date."""
        with self.engine.connect() as conn:
            for row in conn.execute(select(A).order_by(A.c.organisation, A.c.date)).all():
                yield _record(conn, row)

    def peers(self, framework: str, group: Mapping[str, str], exclude: str,
              as_of: dt.date | None = None) -> dict[int, Entry]:
        """One assessment per organisation (its latest, or the one nearest ``as_of``; on a
        tie the later) among those of ``framework`` matching ``group``, leaving out the
        organisation ``exclude``; by id."""
        chosen = _chosen(framework, group, exclude, as_of)
        with self.engine.connect() as conn:
            rows = conn.execute(select(A).where(A.c.id.in_(chosen))).all()
        # Most peers share a few contents and layouts: read each text once.
        texts: dict[str, Any] = {}

        def parsed(text: str) -> Any:
            if text not in texts:
                texts[text] = json.loads(text)
            return texts[text]

        layouts: dict[str, Layout] = {}
        for r in rows:
            if r.layout not in layouts:
                shape = json.loads(r.layout)
                layouts[r.layout] = (tuple(shape["domains"]), tuple(shape["capabilities"]))
        return {r.id: Entry(r.organisation, r.date, r.sector, r.size, r.region, r.framework,
                            parsed(r.content), r.score, layouts[r.layout], json.loads(r.scores))
                for r in rows}

    def questions(self, organisation: str, date: str, questionnaire: str) -> list[str]:
        """The question ids one stored assessment holds for ``questionnaire``."""
        with self.engine.connect() as conn:
            ids = _ids(conn, organisation, date)
            return list(conn.execute(select(Q.c.question).where(
                Q.c.assessment_id.in_(ids), Q.c.questionnaire == questionnaire)).scalars())


def _insert_many(conn: Connection, table: Table, rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows`` (values in the table's column order)."""
    if not rows:
        return
    names = tuple(c.name for c in table.columns)
    statement = _INSERTS[table.name]
    sql = _compiled(conn.dialect, statement, names)
    if sql is None:
        conn.execute(statement, [dict(zip(names, row, strict=True)) for row in rows])
    else:  # straight to the driver, inside the transaction this connection is in
        cursor = conn.connection.cursor()
        try:
            cursor.executemany(sql, rows)
        finally:
            cursor.close()


def _ids(conn: Connection, organisation: str, date: str) -> list[int]:
    params = {"o": organisation, "d": date}
    sql = _compiled(conn.dialect, _FIND, tuple(params))
    if sql is None:
        return list(conn.execute(_FIND, params).scalars())
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, tuple(params.values()))
        return [row[0] for row in cursor.fetchall()]
    finally:
        cursor.close()


def _insert_one(conn: Connection, statement: Insert, params: dict[str, Any]) -> int:
    """Insert one row; its new id."""
    sql = _compiled(conn.dialect, statement, tuple(params))
    if sql is None:
        key = conn.execute(statement, params).inserted_primary_key
        assert key is not None
        return int(key[0])
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, tuple(params.values()))
        return int(cursor.lastrowid)
    finally:
        cursor.close()


@functools.cache
def _compiled(dialect: Dialect, statement: ClauseElement, keys: tuple[str, ...]) -> str | None:
    """On a driver that takes positional parameters (SQLite), ``statement`` compiled once
    for parameters in the order ``keys``, to run on the driver's cursor directly, inside
    the transaction the connection is in: building and processing a parameter dictionary
    per row takes longer than SQLite takes to write it (SPEC.md section 9: ingestion at
    least half the speed of a bare executemany). None on other drivers, which take the
    statement through SQLAlchemy as it is."""
    if not dialect.positional:
        return None
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    assert tuple(getattr(compiled, "positiontup", None) or ()) == keys
    return str(compiled)


def _chosen(framework: str, group: Mapping[str, str], exclude: str,
            as_of: dt.date | None) -> Any:
    where = [A.c.framework == framework, A.c.organisation != exclude]
    where += [A.c[key] == value for key, value in group.items()]
    order = ([A.c.day.desc()] if as_of is None
             else [func.abs(A.c.day - as_of.toordinal()), A.c.day.desc()])
    ranked = select(A.c.id, func.row_number().over(
        partition_by=A.c.organisation, order_by=order).label("rank")).where(*where).subquery()
    return select(ranked.c.id).where(ranked.c.rank == 1).scalar_subquery()


def _version(conn: Connection) -> int:
    return int(conn.execute(text(f"SELECT max(version) FROM {VERSION_TABLE}")).scalar() or 0)


_FIND = select(A.c.id).where(A.c.organisation == bindparam("o"), A.c.date == bindparam("d"))
_INSERT_ASSESSMENT = insert(A)
_INSERTS = {t.name: insert(t) for t in (D, C, Q)}


def _delete(conn: Connection, ids: Sequence[int]) -> None:
    if not ids:
        return
    for table in (Q, C, D):
        conn.execute(delete(table).where(table.c.assessment_id.in_(ids)))
    conn.execute(delete(A).where(A.c.id.in_(ids)))


def _missing(organisation: str, date: str | None) -> str:
    return (f"no assessment of {organisation!r}" + (f" dated {date}" if date else "")
            + " in the portfolio (assess portfolio list shows what it holds)")


def _assessment_row(r: Record) -> dict[str, Any]:
    return {"organisation": r.organisation, "date": r.date,
            "day": dt.date.fromisoformat(r.date).toordinal(), "sector": r.sector,
            "size": r.size, "region": r.region, "framework": r.framework, "method": r.method,
            "content": json.dumps(r.content), "score": r.score, "target": r.target,
            "coverage": r.coverage,
            "layout": json.dumps({"domains": [d.id for d in r.domains],
                                  "capabilities": [c.id for c in r.capabilities]}),
            "scores": json.dumps([x.score for x in (*r.domains, *r.capabilities)]),
            "added": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}


def _entry(row: Any) -> Entry:
    return Entry(row.organisation, row.date, row.sector, row.size, row.region, row.framework,
                 json.loads(row.content), row.score)


def _record(conn: Connection, row: Any) -> Record:
    def rows(table: Any) -> list[Any]:
        return list(conn.execute(select(table).where(table.c.assessment_id == row.id)
                            .order_by(table.c.position)).all())

    return Record(
        organisation=row.organisation, date=row.date, sector=row.sector, size=row.size,
        region=row.region, framework=row.framework, method=row.method,
        content=json.loads(row.content), score=row.score, target=row.target,
        coverage=row.coverage,
        domains=tuple(Score(r.domain, r.name, r.domain, r.score, r.target, r.coverage)
                      for r in rows(D)),
        capabilities=tuple(Score(r.capability, r.name, r.domain, r.score, r.target,
                                 r.coverage) for r in rows(C)),
        answers=tuple(AnswerValue(r.questionnaire, r.question, r.capability, r.value,
                                  bool(r.na)) for r in rows(Q)))
