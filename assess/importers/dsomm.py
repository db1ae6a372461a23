"""OWASP DSOMM model YAML -> framework, one questionnaire per dimension, prerequisites.

The model (``generated/model.yaml``) may start with a ``meta`` document; the model
document maps dimension -> sub-dimension -> activity name -> activity (``uuid``,
``level``, ``description``, ``measure``, ``assessment``, ``dependsOn``: uuids or names
of other activities, ``references``: standard -> ids, ...).

Carried: dimension -> questionnaire, sub-dimension -> capability, activity -> practice
question at its level, answered No / Partly / Yes; scored by the ``cumulative`` method
(a level is reached when every activity up to it is in place, as DSOMM reads its levels).
``dependsOn`` across sub-dimensions -> prerequisites in the assessment's own dependency
model ("<sub-dimension> to level L needs <other> at level M"); ``references`` -> the
questions' references (ISO/IEC 27001 and SAMM ids structured, so crosswalks reach them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assess.errors import InvalidInput, Problem
from assess.load.yamlio import Document, parse_all, read_text

from .output import Imported, placeholder_assessment, slug, text_of, unique, unused_keys

FRAMEWORK_ID = "owasp-dsomm"
USED = {"uuid", "level", "description", "measure", "assessment", "dependsOn",
        "references", "risk"}
STRUCTURED = {"iso27001-2022": "iso27001-2022", "iso27001-2017": "iso27001-2017",
              "samm2": "owasp-samm"}
SCALE = [{"label": "No", "name": "Not in place", "value": 0.0},
         {"label": "Partly", "name": "Partly in place", "value": 0.5},
         {"label": "Yes", "name": "In place", "value": 1.0, "achieves": True}]

Activity = tuple[str, str, str, dict[str, Any]]
"""(dimension, sub-dimension, name, data)."""


def _model(source: Path) -> tuple[Document, dict[str, Any]]:
    docs = parse_all(read_text(source), source)
    meta: dict[str, Any] = {}
    for doc in docs:
        if isinstance(doc.data, dict) and set(doc.data) == {"meta"}:
            meta = doc.data["meta"] if isinstance(doc.data["meta"], dict) else {}
    model = [d for d in docs if isinstance(d.data, dict) and set(d.data) != {"meta"}]
    if len(model) != 1:
        raise InvalidInput([Problem(docs[0].name, 1, "", "expected one model document "
                                    "(dimension -> sub-dimension -> activity), besides an "
                                    f"optional meta document; found {len(model)}")])
    return model[0], meta


def _activities(doc: Document, out: Imported) -> list[Activity]:
    problems: list[Problem] = []
    found: list[Activity] = []
    for dimension, subs in doc.data.items():
        if str(dimension).startswith("_"):
            out.notes.append(f"not carried: top-level key {dimension!r}")
            continue
        if not isinstance(subs, dict):
            problems.append(doc.problem((dimension,), "expected a mapping of sub-dimensions"))
            continue
        for sub, acts in subs.items():
            if not isinstance(acts, dict):
                problems.append(doc.problem((dimension, sub), "expected a mapping of "
                                            "activities"))
                continue
            for name, act in acts.items():
                loc = (dimension, sub, name)
                if not isinstance(act, dict):
                    problems.append(doc.problem(loc, "expected a mapping"))
                    continue
                level = act.get("level")
                if level is None:
                    problems.append(doc.problem(loc, "missing required key 'level'"))
                elif isinstance(level, bool) or not isinstance(level, int) or \
                        not 1 <= level <= 10:
                    problems.append(doc.problem((*loc, "level"), f"expected a level 1-10, "
                                                f"got {level!r}"))
                else:
                    found.append((str(dimension), str(sub), str(name), act))
    if problems:
        raise InvalidInput(problems)
    if not found:
        raise InvalidInput([doc.problem((), "no activities (dimension -> sub-dimension -> "
                                        "activity with a level)")])
    return found


def _resolve(doc: Document, acts: list[Activity]) -> dict[int, list[int]]:
    """Activity index -> indexes of the activities it depends on (by uuid or name)."""
    by_key: dict[str, int] = {}
    for i, (_, _, name, act) in enumerate(acts):
        if act.get("uuid"):
            by_key[str(act["uuid"])] = i
        by_key.setdefault(name, i)
    problems: list[Problem] = []
    edges: dict[int, list[int]] = {}
    for i, (dim, sub, name, act) in enumerate(acts):
        needs = act.get("dependsOn") or []
        if not isinstance(needs, list):
            problems.append(doc.problem((dim, sub, name, "dependsOn"), "expected a list"))
            continue
        for j, ref in enumerate(needs):
            target = by_key.get(str(ref).strip())
            if target is None:
                problems.append(doc.problem((dim, sub, name, "dependsOn", j),
                                            f"unknown activity {ref!r}"))
            else:
                edges.setdefault(i, []).append(target)
    if problems:
        raise InvalidInput(problems)
    cycle = _cycle(edges)
    if cycle:
        first = acts[cycle[0]]
        raise InvalidInput([doc.problem((first[0], first[1], first[2], "dependsOn"),
                                        "dependency cycle: "
                                        + " -> ".join(acts[k][2] for k in cycle))])
    return edges


def _cycle(edges: dict[int, list[int]]) -> list[int]:
    """A cycle of activities (first repeated at the end), or [] when there is none."""
    state: dict[int, int] = {}
    path: list[int] = []

    def visit(node: int) -> list[int]:
        state[node] = 1
        path.append(node)
        for nxt in edges.get(node, []):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        state[node] = 2
        path.pop()
        return []

    for start in sorted(edges):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return []


def import_dsomm(source: Path) -> Imported:
    """Import the DSOMM model file ``source``."""
    doc, meta = _model(source)
    out = Imported(source=f"OWASP DSOMM model {source.name}")
    acts = _activities(doc, out)
    edges = _resolve(doc, acts)
    out.not_carried("activities", unused_keys([a for *_, a in acts], USED))
    out.not_carried("meta", unused_keys([meta], {"version", "released"}))
    top = max(a["level"] for *_, a in acts)
    levels = [{"level": 0, "name": "Not started", "description": "No activity of the "
               "sub-dimension is in place (level 0 added by the importer)."}]
    levels += [{"level": n, "name": f"Level {n}", "description": f"Every activity of levels "
                f"1-{n} is in place."} for n in range(1, top + 1)]
    out.notes.append("added: level 0 'Not started' and the answers No / Partly / Yes")

    cap_ids: set[str] = set()
    question_ids: set[str] = set()
    cap_of: dict[tuple[str, str], str] = {}
    qid_of: dict[int, str] = {}
    questionnaires: dict[str, dict[str, Any]] = {}
    for i, (dim, sub, name, act) in enumerate(acts):
        if dim not in questionnaires:
            qn = unique(slug(dim, "-"), set(questionnaires.keys()), "-")
            questionnaires[dim] = {"schema_version": 1, "id": qn, "name": dim,
                                   "version": text_of(meta.get("version")) or "imported",
                                   "framework": FRAMEWORK_ID, "capabilities": [],
                                   "questions": []}
        q = questionnaires[dim]
        if (dim, sub) not in cap_of:
            cap_of[(dim, sub)] = unique(slug(sub), cap_ids)
            q["capabilities"].append({"id": cap_of[(dim, sub)], "name": sub})
        code = "".join(w[0] for w in slug(dim).split("_")).upper() + "-" + \
            "".join(w[0] for w in slug(sub).split("_")).upper()
        qid_of[i] = unique(f"{code}-{act['level']}", question_ids, "-")
        guidance = "\n\n".join(text_of(act.get(k)) for k in ("description", "measure", "risk")
                               if act.get(k))
        evidence = [line.strip().lstrip("-* ").strip()
                    for line in text_of(act.get("assessment")).splitlines()
                    if line.strip().lstrip("-* ").strip()]
        question: dict[str, Any] = {"id": qid_of[i], "capability": cap_of[(dim, sub)],
                                    "text": f"{name}: is this in place?",
                                    "level": act["level"]}
        if guidance:
            question["guidance"] = guidance
        if evidence:
            question["evidence"] = evidence
        refs = _references(act.get("references"))
        if refs:
            question["references"] = refs
        q["questions"].append(question)
    prerequisites = _prerequisites(acts, edges, cap_of, out)
    for q in questionnaires.values():
        out.files[f"questionnaires/{q['id']}.yaml"] = q
    version = text_of(meta.get("version"))
    out.files[f"frameworks/{FRAMEWORK_ID}.yaml"] = {
        "schema_version": 1, "id": FRAMEWORK_ID, "name": "OWASP DevSecOps Maturity Model",
        "description": "Imported from the OWASP DSOMM model"
                       + (f" {version}" if version else "")
                       + ": a sub-dimension reaches a level when every activity up to that "
                         "level is in place.",
        "levels": levels, "answer_scale": SCALE,
        "method": {"name": "cumulative", "params": {"achieving": ["Yes"]}},
        "default_target": float(min(2, top)), "references": ["OWASP DSOMM"],
        "report_title": "OWASP DSOMM: DevSecOps maturity",
        "report_subject": "DevSecOps practices",
        "lint_disable": ["question-id", "id-prefix", "capability-code", "references"]}
    assessment = placeholder_assessment(FRAMEWORK_ID, [q["id"] for q in
                                                       questionnaires.values()], "OWASP DSOMM")
    if prerequisites:
        assessment["dependencies"] = {"file": "dependencies.yaml"}
        out.files["dependencies.yaml"] = {
            "schema_version": 1, "id": "dsomm", "name": "DSOMM activity dependencies",
            "capabilities": [{"capability": cap, "prerequisites": pre}
                             for cap, pre in sorted(prerequisites.items())]}
    out.files["assessment.yaml"] = assessment
    out.counts = {"dimensions": len(questionnaires), "sub-dimensions": len(cap_ids),
                  "activities": len(acts),
                  "prerequisites": sum(len(p) for p in prerequisites.values())}
    return out


def _references(refs: Any) -> list[Any]:
    out: list[Any] = []
    if not isinstance(refs, dict):
        return out
    for standard, ids in refs.items():
        for ident in ids if isinstance(ids, list) else [ids]:
            text = text_of(ident)
            if not text:
                continue
            if str(standard) in STRUCTURED:
                out.append({"standard": STRUCTURED[str(standard)], "id": text[:80]})
            else:
                out.append(f"{standard} {text}"[:20_000])
    return out


def _prerequisites(acts: list[Activity], edges: dict[int, list[int]],
                   cap_of: dict[tuple[str, str], str],
                   out: Imported) -> dict[str, list[dict[str, int | str]]]:
    """Capability -> prerequisites from ``dependsOn`` across sub-dimensions (for the same
    level step of the same pair, the highest level needed); within a sub-dimension the
    levels already order the activities, and a need at or above the activity's own level
    cannot be said, so it is noted."""
    need: dict[tuple[str, str, int], int] = {}
    inside = 0
    for i, targets in sorted(edges.items()):
        dim, sub, _, act = acts[i]
        for t in targets:
            tdim, tsub, _, tact = acts[t]
            cap, other = cap_of[(dim, sub)], cap_of[(tdim, tsub)]
            if cap == other:
                inside += tact["level"] >= act["level"]
                continue
            key = (cap, other, int(act["level"]))
            need[key] = max(need.get(key, 0), int(tact["level"]))
    if inside:
        out.notes.append(f"not carried: {inside} dependencies on an activity of the same "
                         "sub-dimension at the same or a higher level")
    result: dict[str, list[dict[str, int | str]]] = {}
    for (cap, other, for_level), level in sorted(need.items()):
        result.setdefault(cap, []).append({"capability": other, "level": level,
                                           "for_level": for_level})
    _break_step_cycles(result, out)
    return result


def _break_step_cycles(prereqs: dict[str, list[dict[str, int | str]]], out: Imported) -> None:
    """Activities without a cycle can still make one on level steps once gathered by
    sub-dimension; such an edge is left out and noted (the model must stay acyclic)."""
    from assess.load.checks import prerequisite_cycle
    from assess.models import DependencyModel

    while True:
        model = DependencyModel.model_validate({
            "schema_version": 1, "capabilities": [{"capability": c, "prerequisites": p}
                                                  for c, p in prereqs.items()]})
        cycle, (i, j) = prerequisite_cycle(model)
        if not cycle:
            return
        cap = model.capabilities[i].capability
        dropped = prereqs[cap].pop(j)
        out.notes.append(f"not carried: prerequisite {cap} to {dropped['for_level']} needs "
                         f"{dropped['capability']} at {dropped['level']} (it closes the "
                         f"step cycle {' -> '.join(cycle)})")
