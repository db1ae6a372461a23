"""The portfolio's one schema and its migrations, in order.

Version ``n`` of the schema is what the first ``n`` steps of :data:`MIGRATIONS` build.
A store records its version in the ``schema_version`` table; opening it runs the steps it
has not had yet, each in its own transaction together with the new version number, so a
store written by an older release is upgraded in place and an interrupted upgrade is
resumed at the step it stopped in. A store of a newer version than this release knows is
refused rather than guessed at.

Why not Alembic: it wants a migrations folder, an ``env.py`` and a configuration of its
own, and adds to the time every ``portfolio`` command takes to start; a short ordered
list of steps kept here does the same job for one schema that only grows. Each step
builds the tables of its own version (never the current ``TABLES``), so an old store is
upgraded by exactly the steps a fresh one went through.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

VERSION_TABLE = "schema_version"


def _version_1(md: MetaData) -> None:
    """Assessments (metadata and overall score) with their domain, capability and question
    values: values only, never a respondent's name or notes (SPEC.md section 10)."""
    Table(
        "assessments", md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("organisation", String(400), nullable=False),
        Column("date", String(10), nullable=False),
        Column("day", Integer, nullable=False),  # date as an ordinal: distances on any engine
        Column("sector", String(200)),
        Column("size", String(200)),
        Column("region", String(200)),
        Column("framework", String(80), nullable=False),
        Column("method", String(80), nullable=False),
        Column("content", String(4000), nullable=False),  # JSON: questionnaire -> version
        Column("score", Float),
        Column("target", Float),
        Column("coverage", Float, nullable=False),
        # Domain and capability scores again, as a JSON array in the order of `layout`
        # (JSON: {"domains": [id...], "capabilities": [id...]}, the same text for every
        # assessment of the same content): a benchmark reads one short row per peer
        # instead of forty (SPEC.md section 9: under 1 s over 10,000 assessments).
        Column("layout", Text, nullable=False),
        Column("scores", Text, nullable=False),
        Column("added", String(32), nullable=False),
        UniqueConstraint("organisation", "date", name="one_per_organisation_and_date"),
    )
    Table(
        "domains", md,
        Column("assessment_id", Integer, ForeignKey("assessments.id", ondelete="CASCADE"),
               primary_key=True),
        Column("domain", String(80), primary_key=True),
        Column("position", Integer, nullable=False),  # order in the assessment
        Column("name", String(400), nullable=False),
        Column("version", String(80), nullable=False),
        Column("score", Float),
        Column("target", Float),
        Column("coverage", Float, nullable=False),
        sqlite_with_rowid=False,
    )
    Table(
        "capabilities", md,
        Column("assessment_id", Integer, ForeignKey("assessments.id", ondelete="CASCADE"),
               primary_key=True),
        Column("capability", String(80), primary_key=True),
        Column("position", Integer, nullable=False),  # order in the assessment
        Column("domain", String(80), nullable=False),
        Column("name", String(400), nullable=False),
        Column("score", Float),
        Column("target", Float),
        Column("coverage", Float, nullable=False),
        sqlite_with_rowid=False,
    )
    Table(
        "answers", md,
        Column("assessment_id", Integer, ForeignKey("assessments.id", ondelete="CASCADE"),
               primary_key=True),
        Column("questionnaire", String(80), primary_key=True),
        Column("question", String(80), primary_key=True),
        Column("position", Integer, nullable=False),  # order in the assessment
        Column("capability", String(80), nullable=False),
        Column("value", Float),  # the respondents' combined value; null: unanswered or n/a
        Column("na", Boolean, nullable=False),
        # Clustered on the primary key: one b-tree per table, not a table and an index.
        sqlite_with_rowid=False,
    )


def _create(build: Callable[[MetaData], None]) -> Callable[[Connection], None]:
    def step(conn: Connection) -> None:
        md = MetaData()
        build(md)
        md.create_all(conn)
    return step


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (
    _create(_version_1),
)
"""Step ``i`` takes a store from version ``i`` to ``i + 1``. Append, never edit."""

SCHEMA_VERSION = len(MIGRATIONS)

METADATA = MetaData()
_version_1(METADATA)
TABLES = METADATA.tables
"""The tables as the current version has them, for the store's queries."""
