"""The portfolio at scale (SPEC.md section 9): 10,000 assessments of about 170 answers
each; a benchmark query under 1 s on SQLite, and ingestion at least half the speed of a
bare executemany of the same rows in the same run.

The assessments are synthetic (assess.portfolio.synthetic), shaped like the bundled
example (when written: 5 domains, 37 capabilities, 168 questions, so 10,000 assessments
held 1.68 M answers; the script prints the count it used). Ingestion is `Store.add` per
assessment (one transaction each, as `portfolio add` does, without loading and scoring
the folders). The floor, timed in the same run, is the
same rows written by plain sqlite3 `executemany`, one call per table in one transaction,
into an empty store of the same schema and settings. The query is the whole benchmark of
the example against every other organisation (the largest group there can be), best of
several runs; a sector group is timed for information.

Run: python benchmarks/bench_portfolio.py [--assessments N] [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from assess.pipeline import example_path
from assess.portfolio import Store, benchmark, load_record
from assess.portfolio.records import Record
from assess.portfolio.synthetic import synthetic_records

BUDGET_QUERY_SECONDS = 1.0
BUDGET_INGEST_RATIO = 2.0


def bare_executemany(path: Path, records: list[Record]) -> float:
    """Seconds to write every record's rows with plain sqlite3 executemany."""
    Store(f"sqlite:///{path}").close()  # the same, empty schema
    a_rows, d_rows, c_rows, q_rows = [], [], [], []
    added = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    for ident, r in enumerate(records, start=1):
        layout = {"domains": [d.id for d in r.domains],
                  "capabilities": [c.id for c in r.capabilities]}
        scores = [x.score for x in (*r.domains, *r.capabilities)]
        a_rows.append((ident, r.organisation, r.date, dt.date.fromisoformat(r.date).toordinal(),
                       r.sector, r.size, r.region, r.framework, r.method,
                       json.dumps(r.content), r.score, r.target, r.coverage,
                       json.dumps(layout), json.dumps(scores), added))
        d_rows += [(ident, d.id, i, d.name, r.content[d.id], d.score, d.target, d.coverage)
                   for i, d in enumerate(r.domains)]
        c_rows += [(ident, c.id, i, c.domain, c.name, c.score, c.target, c.coverage)
                   for i, c in enumerate(r.capabilities)]
        q_rows += [(ident, q.questionnaire, q.question, i, q.capability, q.value, q.na)
                   for i, q in enumerate(r.answers)]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO assessments (id, organisation, date, day, sector, size, "
                     "region, framework, method, content, score, target, coverage, layout, "
                     "scores, added) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", a_rows)
    conn.executemany("INSERT INTO domains (assessment_id, domain, position, name, version, "
                     "score, target, coverage) VALUES (?,?,?,?,?,?,?,?)", d_rows)
    conn.executemany("INSERT INTO capabilities (assessment_id, capability, position, domain, "
                     "name, score, target, coverage) VALUES (?,?,?,?,?,?,?,?)", c_rows)
    conn.executemany("INSERT INTO answers (assessment_id, questionnaire, question, position, "
                     "capability, value, na) VALUES (?,?,?,?,?,?,?)", q_rows)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


def bare_per_assessment(path: Path, records: list[Record]) -> float:
    """For information: the same bare executemany, one transaction per assessment (the
    unit `portfolio add` commits, so that a killed run never leaves half an assessment)."""
    Store(f"sqlite:///{path}").close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    added = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    start = time.perf_counter()
    for ident, r in enumerate(records, start=1):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("SELECT id FROM assessments WHERE organisation = ? AND date = ?",
                     (r.organisation, r.date)).fetchall()
        layout = {"domains": [d.id for d in r.domains],
                  "capabilities": [c.id for c in r.capabilities]}
        conn.execute("INSERT INTO assessments (id, organisation, date, day, sector, size, "
                     "region, framework, method, content, score, target, coverage, layout, "
                     "scores, added) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                     (ident, r.organisation, r.date,
                      dt.date.fromisoformat(r.date).toordinal(), r.sector, r.size, r.region,
                      r.framework, r.method, json.dumps(r.content), r.score, r.target,
                      r.coverage, json.dumps(layout),
                      json.dumps([x.score for x in (*r.domains, *r.capabilities)]), added))
        conn.executemany("INSERT INTO domains VALUES (?,?,?,?,?,?,?,?)",
                         [(ident, d.id, i, d.name, r.content[d.id], d.score, d.target,
                           d.coverage) for i, d in enumerate(r.domains)])
        conn.executemany("INSERT INTO capabilities VALUES (?,?,?,?,?,?,?,?)",
                         [(ident, c.id, i, c.domain, c.name, c.score, c.target, c.coverage)
                          for i, c in enumerate(r.capabilities)])
        conn.executemany("INSERT INTO answers VALUES (?,?,?,?,?,?,?)",
                         [(ident, q.questionnaire, q.question, i, q.capability, q.value,
                           q.na) for i, q in enumerate(r.answers)])
        conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assessments", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    subject, _, questionnaires = load_record(example_path())
    records = list(synthetic_records(subject, args.assessments))
    answers = sum(len(r.answers) for r in records)
    print(f"{len(records):,} synthetic assessments, {answers:,} answers")
    with tempfile.TemporaryDirectory() as tmp:
        floor = bare_executemany(Path(tmp) / "bare.sqlite", records)
        with Store(f"sqlite:///{Path(tmp) / 'store.sqlite'}") as store:
            start = time.perf_counter()
            for r in records:
                store.add(r)
            ingest = time.perf_counter() - start
            ratio = ingest / floor
            ok_ingest = ratio <= BUDGET_INGEST_RATIO
            print(f"{'ingestion (Store.add per assessment)':<44} {ingest:8.2f} s  floor "
                  f"{floor:6.2f} s  ratio {ratio:5.2f}  budget {BUDGET_INGEST_RATIO:.2f}  "
                  f"{'ok' if ok_ingest else 'OVER'}")
            per = bare_per_assessment(Path(tmp) / "bare-each.sqlite", records)
            print(f"{'for information: bare, a transaction each':<44} {per:8.2f} s  "
                  f"{per / floor:5.2f}x the floor; Store.add {ingest / per:5.2f}x this")
            timings = {}
            for name, group in (("every organisation", {}),
                                ("sector=local-government", {"sector": "local-government"})):
                best = float("inf")
                for _ in range(args.runs):
                    start = time.perf_counter()
                    result = benchmark(store, subject, questionnaires, group)
                    best = min(best, time.perf_counter() - start)
                timings[name] = best
                print(f"{'benchmark query, ' + name:<44} {best * 1000:8.1f} ms  "
                      f"({result.peers:,} peers)")
    ok_query = timings["every organisation"] < BUDGET_QUERY_SECONDS
    print(f"query budget {BUDGET_QUERY_SECONDS:.1f} s: {'ok' if ok_query else 'OVER'}")
    return 0 if ok_ingest and ok_query else 1


if __name__ == "__main__":
    sys.exit(main())
