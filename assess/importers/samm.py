"""OWASP SAMM core model folder -> framework, one questionnaire per business function.

The model is a folder of YAML files, one object each, linked by ids (GUIDs):
``business_functions/`` <- ``security_practices/`` (``function``) <- ``streams/``
(``practice``, ``letter``); ``maturity_levels/`` (``number``) <- ``practice_levels/``
(``practice``, ``maturityLevel``); ``activities/`` (``stream``, ``level``: a practice
level) <- ``questions/`` (``activity``, ``answerSet``); ``answer_sets/`` (``values``:
text, value). Objects are recognised by their folder, not their file names.

Carried: function -> questionnaire (domain, weight 1, so the overall score is the mean
of functions), practice -> capability (weight 1: a function is the mean of its
practices), question -> practice question tagged with its level and stream letter and
answered on its own answer set; scored by ``sum_of_level_means`` (per level the mean of
the streams, practice = sum over levels), the SAMM toolbox rules.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from assess.errors import InvalidInput, Problem
from assess.load.yamlio import Document, read

from .output import Imported, placeholder_assessment, slug, text_of, unique, unused_keys

FOLDERS = ("business_functions", "security_practices", "streams", "maturity_levels",
           "practice_levels", "activities", "questions", "answer_sets")
REQUIRED = {
    "business_functions": ("id", "name"),
    "security_practices": ("id", "function", "name"),
    "streams": ("id", "practice", "letter"),
    "maturity_levels": ("id", "number"),
    "practice_levels": ("id", "practice", "maturityLevel"),
    "activities": ("id", "stream", "level"),
    "questions": ("id", "activity", "answerSet", "text"),
    "answer_sets": ("id", "values"),
}
USED = {
    "business_functions": {"id", "name", "description", "order", "type", "model"},
    "security_practices": {"id", "function", "name", "shortName", "shortDescription",
                           "order", "type"},
    "streams": {"id", "practice", "letter", "name", "order", "type"},
    "maturity_levels": {"id", "number", "description", "type"},
    "practice_levels": {"id", "practice", "maturityLevel", "type"},
    "activities": {"id", "stream", "level", "title", "shortDescription", "type"},
    "questions": {"id", "activity", "answerSet", "text", "order", "quality", "type"},
    "answer_sets": {"id", "values", "type"},
}
FRAMEWORK_ID = "owasp-samm"
SINGULAR = {"business_functions": "business function", "security_practices": "security "
            "practice", "streams": "stream", "maturity_levels": "maturity level",
            "practice_levels": "practice level", "activities": "activity",
            "questions": "question", "answer_sets": "answer set"}


def _model_folder(source: Path) -> Path:
    if (source / "model").is_dir() and not (source / "business_functions").is_dir():
        return source / "model"
    return source


def _read_all(folder: Path, problems: list[Problem]) -> dict[str, list[Document]]:
    objects: dict[str, list[Document]] = {}
    for kind in FOLDERS:
        sub = folder / kind
        if not sub.is_dir():
            problems.append(Problem(str(sub), 0, "", f"missing folder {kind}/ of the SAMM "
                                    "model"))
            continue
        docs = []
        for path in sorted([*sub.glob("*.yml"), *sub.glob("*.yaml")]):
            try:
                doc = read(path)
            except InvalidInput as exc:
                problems.extend(exc.problems)
                continue
            if not isinstance(doc.data, dict):
                problems.append(doc.problem((), "expected a mapping of keys to values"))
                continue
            missing = [k for k in REQUIRED[kind] if doc.data.get(k) in (None, "")]
            problems.extend(doc.problem((), f"missing required key {k!r}") for k in missing)
            if not missing:
                docs.append(doc)
        objects[kind] = docs
    return objects


def import_samm(source: Path) -> Imported:
    """Import the SAMM model at ``source`` (the ``model/`` folder or the folder holding it)."""
    folder = _model_folder(source)
    problems: list[Problem] = []
    objects = _read_all(folder, problems)
    if problems:
        raise InvalidInput(problems)
    by_id: dict[str, dict[str, tuple[Document, dict[str, Any]]]] = {}
    for kind, docs in objects.items():
        index: dict[str, tuple[Document, dict[str, Any]]] = {}
        for doc in docs:
            ident = str(doc.data["id"])
            if ident in index:
                problems.append(doc.problem(("id",), f"duplicate id {ident!r} (also in "
                                            f"{index[ident][0].name})"))
            index[ident] = (doc, doc.data)
        by_id[kind] = index

    def link(doc: Document, key: str, kind: str) -> dict[str, Any] | None:
        target = by_id[kind].get(str(doc.data[key]))
        if target is None:
            problems.append(doc.problem((key,), f"unknown {SINGULAR[kind]} "
                                        f"{doc.data[key]!r}"))
            return None
        return target[1]

    for doc in objects["security_practices"]:
        link(doc, "function", "business_functions")
    for doc in objects["streams"]:
        link(doc, "practice", "security_practices")
    for doc in objects["practice_levels"]:
        link(doc, "practice", "security_practices")
        link(doc, "maturityLevel", "maturity_levels")
    for doc in objects["activities"]:
        link(doc, "stream", "streams")
        link(doc, "level", "practice_levels")
    for doc in objects["questions"]:
        link(doc, "activity", "activities")
        link(doc, "answerSet", "answer_sets")
    for doc in objects["answer_sets"]:
        values = doc.data["values"]
        if not isinstance(values, list) or not values:
            problems.append(doc.problem(("values",), "expected a list of answers"))
            continue
        for i, entry in enumerate(values):
            if not isinstance(entry, dict) or "value" not in entry or "text" not in entry:
                problems.append(doc.problem(("values", i), "an answer needs 'text' and "
                                            "'value'"))
            elif isinstance(entry["value"], bool) or not isinstance(entry["value"],
                                                                     int | float):
                problems.append(doc.problem(("values", i, "value"), "expected a number"))
    if problems:
        raise InvalidInput(problems)
    return _build(folder, objects, by_id)


def _build(folder: Path, objects: dict[str, list[Document]],
           by_id: dict[str, dict[str, tuple[Document, dict[str, Any]]]]) -> Imported:
    out = Imported(source=f"OWASP SAMM model at {folder}")
    data = {kind: [d.data for d in docs] for kind, docs in objects.items()}
    for kind in FOLDERS:
        out.not_carried(kind.replace("_", " "), unused_keys(data[kind], USED[kind]))

    def get(kind: str, ident: Any) -> dict[str, Any]:
        return by_id[kind][str(ident)][1]

    # Answer sets, named by file name (the format gives them no name of their own).
    set_names: dict[str, str] = {}
    answer_sets: dict[str, list[dict[str, Any]]] = {}
    for doc in objects["answer_sets"]:
        name = unique(slug(doc.path.stem, "-").upper(), set(answer_sets), "-")
        set_names[str(doc.data["id"])] = name
        answer_sets[name] = _scale(doc.data["values"], out, name)
    usage = Counter(set_names[str(q["answerSet"])] for q in data["questions"])
    default_set = usage.most_common(1)[0][0] if usage else next(iter(answer_sets))

    numbers = sorted(int(m["number"]) for m in data["maturity_levels"])
    levels = [{"level": 0, "name": "Not started", "description": "None of the practice's "
               "activities is carried out (level 0 added by the importer: SAMM numbers its "
               "maturity levels from 1)."}]
    for m in sorted(data["maturity_levels"], key=lambda m: int(m["number"])):
        levels.append({"level": int(m["number"]), "name": f"Level {m['number']}",
                       "description": text_of(m.get("description")) or f"Level {m['number']}"})
    out.notes.append("added: level 0 'Not started' below SAMM's maturity levels "
                     f"{numbers[0]}-{numbers[-1]}")
    streams = sorted({text_of(s["letter"]) for s in data["streams"]})

    functions = sorted(data["business_functions"], key=lambda f: (f.get("order", 0), f["name"]))
    practices = sorted(data["security_practices"], key=lambda p: (p.get("order", 0), p["name"]))
    capability_ids: set[str] = set()
    question_ids: set[str] = set()
    questionnaire_ids: list[str] = []
    by_activity: dict[str, list[dict[str, Any]]] = {}
    for q in sorted(data["questions"], key=lambda q: q.get("order", 0)):
        by_activity.setdefault(str(q["activity"]), []).append(q)
    for function in functions:
        capabilities, questions = [], []
        mine = [p for p in practices if str(p["function"]) == str(function["id"])]
        for practice in mine:
            cap_id = unique(slug(practice["name"]), capability_ids)
            capabilities.append({"id": cap_id, "name": text_of(practice["name"]),
                                 "description": text_of(practice.get("shortDescription"))})
            code = text_of(practice.get("shortName")) or slug(practice["name"], "-").upper()
            acts = [a for a in data["activities"]
                    if str(get("streams", a["stream"])["practice"]) == str(practice["id"])]
            for activity in sorted(acts, key=lambda a: (
                    int(get("maturity_levels", get("practice_levels", a["level"])
                            ["maturityLevel"])["number"]),
                    text_of(get("streams", a["stream"])["letter"]))):
                stream = text_of(get("streams", activity["stream"])["letter"])
                number = int(get("maturity_levels", get("practice_levels", activity["level"])
                                 ["maturityLevel"])["number"])
                for n, q in enumerate(by_activity.get(str(activity["id"]), []), 1):
                    base = f"{text_of(function['name'])[:1].upper()}-{code}-{number}-{stream}"
                    qid = unique(base if n == 1 else f"{base}-{n}", question_ids, "-")
                    title = text_of(activity.get("title"))
                    guidance = " ".join(x for x in (f"Activity: {title}." if title else "",
                                                    text_of(activity.get("shortDescription")))
                                        if x)
                    question = {"id": qid, "capability": cap_id, "text": text_of(q["text"]),
                                "level": number, "stream": stream,
                                "answer_set": set_names[str(q["answerSet"])],
                                "guidance": guidance,
                                "evidence": [text_of(x) for x in q.get("quality") or []
                                             if text_of(x)]}
                    questions.append(question)
        if not questions:
            out.notes.append(f"not carried: business function {function['name']!r} has no "
                             "questions")
            continue
        qn_id = unique(slug(function["name"], "-"), set(questionnaire_ids), "-")
        questionnaire_ids.append(qn_id)
        out.files[f"questionnaires/{qn_id}.yaml"] = {
            "schema_version": 1, "id": qn_id, "name": text_of(function["name"]),
            "version": "imported", "description": text_of(function.get("description")),
            "framework": FRAMEWORK_ID, "capabilities": capabilities, "questions": questions}
    out.counts = {"business functions": len(questionnaire_ids),
                  "practices": len(capability_ids), "questions": len(question_ids),
                  "answer sets": len(answer_sets)}
    out.files[f"frameworks/{FRAMEWORK_ID}.yaml"] = {
        "schema_version": 1, "id": FRAMEWORK_ID, "name": "OWASP SAMM",
        "description": "Imported from the OWASP SAMM core model: per practice the mean of "
                       "the streams at each maturity level, summed over the levels (0-3); "
                       "a business function is the mean of its practices.",
        "levels": levels, "answer_scale": [dict(e) for e in answer_sets[default_set]],
        "answer_sets": answer_sets,
        "method": {"name": "sum_of_level_means", "params": {"streams": streams}},
        "aggregation": "median", "disagreement_threshold": 0.5, "unanswered": "exclude",
        "default_target": float(numbers[-1] - 1) if numbers[-1] > 1 else 1.0,
        "references": ["OWASP SAMM (owaspsamm/core)"],
        "report_title": "OWASP SAMM: software assurance maturity",
        "report_subject": "software assurance",
        "lint_disable": ["question-id", "id-prefix", "capability-code", "references"],
    }
    out.files["assessment.yaml"] = placeholder_assessment(FRAMEWORK_ID, questionnaire_ids,
                                                          "OWASP SAMM")
    return out


def _scale(values: list[dict[str, Any]], out: Imported, name: str) -> list[dict[str, Any]]:
    """SAMM answers -> scale entries: label = the answer's words (shortened to 40
    characters when longer), name = the whole text, value = the SAMM value."""
    entries: list[dict[str, Any]] = []
    labels: set[str] = set()
    weights = [v.get("weight") for v in values if v.get("weight") not in (None, 1)]
    if weights:
        out.notes.append(f"not carried: answer set {name} answer weights {weights}")
    for entry in sorted(values, key=lambda v: (v.get("order", 0), v["value"])):
        text = text_of(entry["text"])
        label = text if len(text) <= 40 else text[:39].rsplit(" ", 1)[0] + "…"
        entries.append({"label": unique(label, labels, " "), "name": text,
                        "value": float(entry["value"])})
    return entries
