"""CISO Assistant library YAML -> framework, questionnaires and mapping sets.

A library holds ``objects``: a ``framework`` (``requirement_nodes`` linked by
``parent_urn``, optional ``scores_definition``, ``min_score``/``max_score`` and
``implementation_groups_definition``) and/or ``requirement_mapping_sets`` (source and
target framework URNs, and ``requirement_mappings`` from one requirement URN to another
with a ``relationship``).

Carried: each top-level node -> a questionnaire (domain), each of its children -> a
capability, every assessable node below (or the child itself) -> a question answered on
the framework's scores; implementation groups -> profiles; each mapping set -> a
mapping-set file, requirements named by the last part of their URN. Every question cites
its requirement as ``{standard: <framework id>, id: <ref_id>}``, so crosswalks through
the library's mapping sets reach it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from assess.errors import InvalidInput, Problem
from assess.load.yamlio import Document, read
from assess.models import DOTTED_ID_PATTERN

from .output import Imported, placeholder_assessment, slug, text_of, unique, unused_keys

NODE_KEYS = {"urn", "ref_id", "name", "description", "parent_urn", "depth", "assessable",
             "annotation", "typical_evidence", "implementation_groups"}
FRAMEWORK_KEYS = {"urn", "ref_id", "name", "description", "min_score", "max_score",
                  "scores_definition", "implementation_groups_definition",
                  "requirement_nodes"}
LIBRARY_KEYS = {"urn", "ref_id", "name", "description", "objects", "locale", "version",
                "provider", "packager", "copyright", "publication_date",
                "convert_library_version", "dependencies"}
RELATIONSHIPS = {"equal", "subset", "superset", "intersect"}
QUESTION_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
DEFAULT_SCALE = [{"label": "No", "name": "Not compliant", "value": 0.0},
                 {"label": "Partly", "name": "Partially compliant", "value": 1.0},
                 {"label": "Yes", "name": "Compliant", "value": 2.0}]
DEFAULT_LEVELS = [{"level": n, "name": e["name"], "description": e["name"]}
                  for n, e in enumerate(DEFAULT_SCALE)]
LINT_OFF = ["question-id", "id-prefix", "capability-code", "references", "guidance",
            "evidence", "capability-id"]


def urn_id(urn: str) -> str:
    """The id a URN ends with: 'urn:intuitem:risk:framework:nist-csf-2.0' -> 'nist-csf-2.0'."""
    return urn.rsplit(":", 1)[-1].strip().lower()


def requirement_id(urn: str) -> str:
    """A requirement URN's own part: '...:req_node:nist-csf-2.0:gv.oc-01' -> 'gv.oc-01'."""
    _, _, rest = urn.partition(":req_node:")
    return rest.split(":", 1)[1] if ":" in rest else urn.rsplit(":", 1)[-1]


def dotted_slug(text: str) -> str:
    """An id that keeps the dots of a standard's name ('NIST-CSF-2.0' -> 'nist-csf-2.0')."""
    ident = re.sub(r"-*\.-*", ".", re.sub(r"[^a-z0-9.]+", "-", text.lower())).strip("-.")
    return ident if re.match(DOTTED_ID_PATTERN, ident) else slug(text, "-")


def framework_id(urn: str, ref_id: str) -> str:
    ident = urn_id(urn) if urn else ""
    return ident if re.match(DOTTED_ID_PATTERN, ident) else dotted_slug(ref_id or ident)


def import_library(source: Path) -> Imported:
    """Import the CISO Assistant library file ``source``."""
    doc = read(source)
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("objects"), dict):
        raise InvalidInput([doc.problem((), "expected a CISO Assistant library: a mapping "
                                        "with 'objects'")])
    objects = doc.data["objects"]
    out = Imported(source=f"CISO Assistant library {doc.data.get('ref_id') or source.name}")
    out.not_carried("library", unused_keys([doc.data], LIBRARY_KEYS))
    frameworks = objects.get("framework")
    if isinstance(frameworks, dict):
        _framework(doc, ("objects", "framework"), frameworks, out)
    elif frameworks is not None:
        raise InvalidInput([doc.problem(("objects", "framework"), "expected a mapping")])
    sets = objects.get("requirement_mapping_sets")
    if sets is None and isinstance(objects.get("requirement_mapping_set"), dict):
        sets = [objects["requirement_mapping_set"]]
        key = "requirement_mapping_set"
    else:
        key = "requirement_mapping_sets"
    if sets is not None:
        if not isinstance(sets, list):
            raise InvalidInput([doc.problem(("objects", key), "expected a list")])
        taken: set[str] = set()
        for i, ms in enumerate(sets):
            _mapping_set(doc, ("objects", key, i), ms, out, taken)
    other = sorted(set(objects) - {"framework", "requirement_mapping_sets",
                                   "requirement_mapping_set"})
    for name in other:
        out.notes.append(f"not carried: objects '{name}' "
                         f"({len(objects[name]) if isinstance(objects[name], list) else 1})")
    if not out.files:
        raise InvalidInput([doc.problem(("objects",), "no framework and no requirement "
                                        "mapping set to import")])
    return out


def _framework(doc: Document, at: tuple[Any, ...], fw: dict[str, Any], out: Imported) -> None:
    problems: list[Problem] = []
    nodes = fw.get("requirement_nodes")
    if not isinstance(nodes, list) or not nodes:
        raise InvalidInput([doc.problem((*at, "requirement_nodes"), "expected a list of "
                                        "requirement nodes")])
    ident = framework_id(str(fw.get("urn", "")), str(fw.get("ref_id", "")))
    by_urn: dict[str, int] = {}
    for i, node in enumerate(nodes):
        loc = (*at, "requirement_nodes", i)
        if not isinstance(node, dict):
            problems.append(doc.problem(loc, "expected a mapping"))
            continue
        if not node.get("urn"):
            problems.append(doc.problem(loc, "missing required key 'urn'"))
            continue
        if node["urn"] in by_urn:
            problems.append(doc.problem((*loc, "urn"), f"duplicate urn {node['urn']!r} "
                                        f"(first at requirement_nodes[{by_urn[node['urn']]}])"))
        by_urn.setdefault(node["urn"], i)
    for i, node in enumerate(nodes):
        parent = node.get("parent_urn") if isinstance(node, dict) else None
        if parent and parent not in by_urn:
            problems.append(doc.problem((*at, "requirement_nodes", i, "parent_urn"),
                                        f"unknown parent {parent!r}"))
    if problems:
        raise InvalidInput(problems)
    _check_cycles(doc, at, nodes, by_urn)
    out.not_carried("framework", unused_keys([fw], FRAMEWORK_KEYS))
    out.not_carried("requirement nodes", unused_keys(nodes, NODE_KEYS))
    children: dict[str | None, list[dict[str, Any]]] = {}
    for node in nodes:
        children.setdefault(node.get("parent_urn") or None, []).append(node)
    levels, scale = _scale(fw, out)
    profiles = _profiles(fw)
    capability_ids: set[str] = set()
    question_ids: set[str] = set()
    questionnaires: list[str] = []

    def label(node: dict[str, Any]) -> str:
        return text_of(node.get("name")) or text_of(node.get("ref_id")) or \
            text_of(node.get("description"))[:80]

    def question(node: dict[str, Any], cap: str) -> dict[str, Any]:
        ref = text_of(node.get("ref_id"))
        qid = ref if QUESTION_ID.match(ref) else "R-" + (re.sub(r"[^A-Za-z0-9_.-]+", "-", ref)
                                                          .strip("-") or "x")
        text = " ".join(x for x in (text_of(node.get("name")),
                                    text_of(node.get("description"))) if x) or ref
        entry: dict[str, Any] = {"id": unique(qid, question_ids, "-"), "capability": cap,
                                 "text": text[:20_000]}
        if node.get("annotation"):
            entry["guidance"] = text_of(node["annotation"])
        if node.get("typical_evidence"):
            entry["evidence"] = [line.strip("-• ").strip() for line in
                                 text_of(node["typical_evidence"]).splitlines()
                                 if line.strip("-• ").strip()]
        groups = node.get("implementation_groups") or []
        known = [profiles[g] for g in groups if g in profiles]
        if known:
            entry["profiles"] = known
        if ref:
            entry["references"] = [{"standard": ident, "id": ref}]
        return entry

    def assessable(node: dict[str, Any]) -> list[dict[str, Any]]:
        found = [node] if node.get("assessable") else []
        for child in children.get(node["urn"], []):
            found += assessable(child)
        return found

    for root in children.get(None, []):
        capabilities, questions = [], []
        parts = ([root] if root.get("assessable") else []) + children.get(root["urn"], [])
        for part in parts:
            asked = [part] if part is root else assessable(part)
            if not asked:
                continue
            cap = unique(slug(text_of(part.get("ref_id")) or label(part)), capability_ids)
            capabilities.append({"id": cap, "name": label(part) or cap,
                                 "description": text_of(part.get("description"))})
            questions += [question(n, cap) for n in asked]
        if not questions:
            out.notes.append(f"not carried: {label(root)!r} has no assessable requirement")
            continue
        qn = unique(f"{ident}.{slug(text_of(root.get('ref_id')) or label(root), '-')}",
                    set(questionnaires), "-")
        questionnaires.append(qn)
        used = sorted({p for x in questions for p in x.get("profiles", [])})
        out.files[f"questionnaires/{qn}.yaml"] = {
            "schema_version": 1, "id": qn, "name": label(root), "version": "imported",
            "description": text_of(root.get("description")), "framework": ident,
            **({"profiles": [p for p in _profile_list(fw) if p["id"] in used]} if used
               else {}),
            "capabilities": capabilities, "questions": questions}
    if not questionnaires:
        raise InvalidInput([doc.problem((*at, "requirement_nodes"), "no assessable "
                                        "requirement to ask about")])
    name = text_of(fw.get("name")) or ident
    out.counts = {"questionnaires": len(questionnaires), "capabilities": len(capability_ids),
                  "questions": len(question_ids)}
    out.files[f"frameworks/{ident}.yaml"] = {
        "schema_version": 1, "id": ident, "name": name,
        "description": f"Imported from the CISO Assistant library framework {name}. "
                       + text_of(fw.get("description")),
        "levels": levels, "answer_scale": scale,
        "method": {"name": "weighted_mean", "params": {}},
        "default_target": float(max(levels[-1]["level"] - 1, levels[0]["level"])),
        "references": [text_of(fw.get("ref_id")) or ident],
        "report_title": f"{name}: assessment", "report_subject": name[:120],
        "lint_disable": LINT_OFF}
    out.files["assessment.yaml"] = placeholder_assessment(ident, questionnaires, name)


def _scale(fw: dict[str, Any], out: Imported) -> tuple[list[dict[str, Any]],
                                                        list[dict[str, Any]]]:
    """Levels and answer scale from ``scores_definition`` (else min/max_score)."""
    scores = fw.get("scores_definition") or []
    entries = [(s["score"], text_of(s.get("name")) or str(s["score"]),
                text_of(s.get("description")) or text_of(s.get("name")) or str(s["score"]))
               for s in scores if isinstance(s, dict) and isinstance(s.get("score"), int)]
    low, high = fw.get("min_score"), fw.get("max_score")
    if not entries and isinstance(low, int) and isinstance(high, int):
        entries = [(n, str(n), f"Score {n}") for n in range(low, high + 1)]
    numbers = [n for n, _, _ in entries]
    if (not entries or len(entries) < 2 or numbers != list(range(numbers[0], numbers[-1] + 1))
            or numbers[0] < 0 or numbers[-1] > 10):
        out.notes.append(f"not carried: scores {numbers[0]}-{numbers[-1]} (more than "
                         "eleven steps or not consecutive); answered on a three-step "
                         "compliance scale instead" if entries else
                         "added: no scores in the library; answered on a three-step "
                         "compliance scale (not, partially, fully compliant)")
        return DEFAULT_LEVELS, DEFAULT_SCALE
    levels = [{"level": n, "name": name, "description": desc} for n, name, desc in entries]
    scale = [{"label": str(n), "name": name, "value": float(n)} for n, name, _ in entries]
    return levels, scale


def _profile_list(fw: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    taken: set[str] = set()
    for group in fw.get("implementation_groups_definition") or []:
        if isinstance(group, dict) and group.get("ref_id"):
            out.append({"id": unique(slug(str(group["ref_id"]), "-"), taken, "-"),
                        "name": text_of(group.get("name")) or str(group["ref_id"]),
                        "description": text_of(group.get("description"))})
    return out


def _profiles(fw: dict[str, Any]) -> dict[str, str]:
    """Implementation group ref_id -> profile id."""
    groups = [g for g in fw.get("implementation_groups_definition") or []
              if isinstance(g, dict) and g.get("ref_id")]
    return {str(g["ref_id"]): p["id"] for g, p in zip(groups, _profile_list(fw), strict=True)}


def _check_cycles(doc: Document, at: tuple[Any, ...], nodes: list[dict[str, Any]],
                  by_urn: dict[str, int]) -> None:
    """A parent_urn chain that comes back to itself is a located error."""
    for i, node in enumerate(nodes):
        seen, urn = [node["urn"]], node.get("parent_urn")
        while urn:
            if urn in seen:
                cycle = [*seen[seen.index(urn):], urn]
                raise InvalidInput([doc.problem((*at, "requirement_nodes", i, "parent_urn"),
                                                "parent cycle: " + " -> ".join(cycle))])
            seen.append(urn)
            urn = nodes[by_urn[urn]].get("parent_urn")


def _mapping_set(doc: Document, at: tuple[Any, ...], ms: Any, out: Imported,
                 taken: set[str]) -> None:
    if not isinstance(ms, dict):
        raise InvalidInput([doc.problem(at, "expected a mapping")])
    missing = [k for k in ("source_framework_urn", "target_framework_urn",
                           "requirement_mappings") if not ms.get(k)]
    if missing:
        raise InvalidInput([doc.problem(at, f"missing required key {k!r}") for k in missing])
    source, target = urn_id(ms["source_framework_urn"]), urn_id(ms["target_framework_urn"])
    ident = unique(dotted_slug(text_of(ms.get("ref_id")) or f"{source}-to-{target}"), taken,
                   "-")
    mappings, skipped, repeated = [], 0, 0
    seen: set[tuple[str, str]] = set()
    for j, m in enumerate(ms["requirement_mappings"]):
        loc = (*at, "requirement_mappings", j)
        if not isinstance(m, dict) or not m.get("source_requirement_urn") \
                or not m.get("target_requirement_urn"):
            raise InvalidInput([doc.problem(loc, "a mapping needs source_requirement_urn and "
                                            "target_requirement_urn")])
        relationship = text_of(m.get("relationship"))
        if relationship not in RELATIONSHIPS:
            skipped += 1
            continue
        pair = (requirement_id(m["source_requirement_urn"]),
                requirement_id(m["target_requirement_urn"]))
        if pair in seen:
            repeated += 1
            continue
        seen.add(pair)
        entry: dict[str, Any] = {"source": pair[0], "target": pair[1],
                                 "relationship": relationship}
        strength = m.get("strength_of_relationship")
        if isinstance(strength, int | float) and not isinstance(strength, bool):
            entry["strength"] = min(max(float(strength) / 10, 0.0), 1.0)
        why = " ".join(text_of(m.get(k)) for k in ("rationale", "annotation") if m.get(k))
        if why:
            entry["rationale"] = why
        mappings.append(entry)
    if repeated:
        out.notes.append(f"merged: {repeated} mappings of {ident} listed twice")
    if skipped:
        out.notes.append(f"not carried: {skipped} mappings of {ident} whose relationship is "
                         "not equal, subset, superset or intersect (e.g. not_related)")
    out.not_carried("mapping set", unused_keys([ms], {
        "urn", "ref_id", "name", "description", "source_framework_urn",
        "target_framework_urn", "requirement_mappings"}))
    out.files[f"frameworks/mappings/{ident}.yaml"] = {
        "schema_version": 1, "id": ident, "name": text_of(ms.get("name")) or ident,
        "description": text_of(ms.get("description")), "source": source, "target": target,
        "mappings": mappings}
    out.counts[f"mappings in {ident}"] = len(mappings)
