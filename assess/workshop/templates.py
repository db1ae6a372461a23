"""Blank forms of any kind, for one questionnaire or for every shipped one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from assess.errors import NotFound
from assess.load.workspace import ASSESSMENT_FILE, assessment_file, available
from assess.outputs import check_target, replace_set

from .definition import Definition, resolve

SUFFIXES = {"yaml": "-response.yaml", "xlsx": ".xlsx", "markdown": ".md", "html": ".html"}
"""File name of a questionnaire's form in each format: ``<id><suffix>``."""


def render_template(defn: Definition, fmt: str) -> str | bytes:
    """The blank form of ``defn``: text for yaml, markdown and html; bytes for xlsx."""
    if fmt == "xlsx":
        from .template_xlsx import workbook_bytes

        return workbook_bytes(defn)
    if fmt == "yaml":
        from .template_yaml import yaml_template

        return yaml_template(defn)
    from .forms import render_form

    return render_form(defn, fmt)


def assessment_root(assessment: Path | None) -> Path | None:
    """The folder of an assessment (given as its folder or its assessment.yaml); without
    one, the working folder when it holds an assessment, so that a form made inside an
    assessment is never silently the shipped content instead of the assessment's own."""
    if assessment is not None:
        return assessment_file(assessment).parent
    here = Path.cwd()
    if (here / ASSESSMENT_FILE).is_file():
        from assess.notices import notice

        notice(f"using the assessment in this folder ({ASSESSMENT_FILE}): its pinned copies, "
               "overlays and exclusions shape the form")
        return here
    return None


def make_template(questionnaire: str, fmt: str, assessment: Path | None = None) -> str | bytes:
    """The blank form of questionnaire ``questionnaire`` (an id or a file path).

    With ``assessment``, an id is looked up in that assessment's ``questionnaires/`` (and
    its framework in ``frameworks/``) first, as scoring and import do; else shipped content.
    """
    return render_template(resolve(questionnaire, assessment_root(assessment)), fmt)


def write_all(folder: Path, fmt: str, assessment: Path | None = None) -> list[Path]:
    """Write the form of every shipped questionnaire into ``folder``; the paths written.

    With ``assessment``: every questionnaire in its scope, from its own copies first.
    """
    root = assessment_root(assessment)
    if root is None:
        ids = available("questionnaires")
    else:
        from assess.load.loader import load_model
        from assess.models import Assessment

        ids = list(load_model(root / ASSESSMENT_FILE, Assessment)[0].questionnaires)
    if not ids:
        raise NotFound("no questionnaires found")
    # All checked before anything is written.
    definitions = [resolve(ident, root) for ident in ids]
    paths = [folder / f"{defn.questionnaire.id}{SUFFIXES[fmt]}" for defn in definitions]
    for path in paths:
        check_target(path)

    def rendered() -> Iterator[tuple[str, bytes]]:
        for defn, path in zip(definitions, paths, strict=True):
            content = render_template(defn, fmt)
            yield path.name, content if isinstance(content, bytes) else content.encode("utf-8")

    # One set: a full disk or Ctrl-C part-way leaves the earlier pack as it was.
    return replace_set(folder, rendered())


def write_per_respondent(folder: Path, assessment: Path, all_questions: bool = False
                         ) -> list[Path]:
    """One workbook per respondent of the assessment and questionnaire they answer, into
    ``folder``, named ``<questionnaire>.<respondent-slug>.xlsx``: their name and role
    filled in, and only the questions for their audiences (every question with
    ``all_questions``). The paths written."""
    from assess.errors import AssessError
    from assess.load.loader import load_model
    from assess.models import Assessment

    from .definition import for_audience, slug
    from .template_xlsx import workbook_bytes

    root = assessment_file(assessment).parent
    a = load_model(root / ASSESSMENT_FILE, Assessment)[0]
    if not a.respondents:
        raise AssessError(f"{ASSESSMENT_FILE} lists no respondents: add `respondents:` "
                          "(name, role, questionnaires, audience; docs/formats.md)")
    definitions = {ident: resolve(ident, root) for ident in a.questionnaires}
    jobs: list[tuple[Path, Definition, dict[str, str]]] = []
    for person in a.respondents:
        for ident in person.questionnaires or a.questionnaires:
            if ident not in definitions:
                raise AssessError(f"respondent {person.name!r}: questionnaire {ident!r} is "
                                  f"not in the assessment's scope ({', '.join(a.questionnaires)})")
            defn = definitions[ident]
            if not all_questions:
                defn = for_audience(defn, person.audience)
            if not defn.questionnaire.questions:
                continue                 # nothing in this questionnaire for their audiences
            path = folder / f"{ident}.{slug(person.name)}.xlsx"
            jobs.append((path, defn, {"name": person.name, "role": person.role}))
    for path, _, _ in jobs:
        check_target(path)

    def rendered() -> Iterator[tuple[str, bytes]]:
        for path, defn, who in jobs:
            yield path.name, workbook_bytes(defn, who)

    return replace_set(folder, rendered())
