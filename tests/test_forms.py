"""Printable forms (Markdown, HTML) and the YAML response template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import main
from assess.errors import InvalidInput
from assess.load import yamlio
from assess.load.loader import validate_document
from assess.models import Response
from assess.workshop.definition import resolve
from assess.workshop.forms import md, render_form
from assess.workshop.template_yaml import yaml_template

from .workshop_support import MINI, mini_copy, mini_definition

HOSTILE = """\
schema_version: 1
id: hostile
name: "Hostile <b>& Co</b>"
framework: digital-foundations
capabilities:
  - {id: cap, name: "Cap | *bold*"}
questions:
  - id: "No"
    capability: cap
    text: "<script>alert('x')</script> uses | pipes and *stars*"
    evidence: ["=HYPERLINK(\\"http://evil\\")"]
    levels:
      0: "<img src=x onerror=alert(1)>"
      1: "line one\\n# not a YAML key: 1"
      2: two
      3: three
      4: four
      5: five
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    (tmp_path / "questionnaires").mkdir()
    path = tmp_path / "questionnaires" / "hostile.yaml"
    path.write_text(HOSTILE)
    return path


def test_markdown_form_lists_every_question_and_descriptor() -> None:
    text = render_form(mini_definition(), "markdown")
    assert text.startswith("# Alpha — maturity questionnaire\n")
    for qid in ("AL-A-01", "AL-A-02", "AL-B-01", "AL-B-02"):
        assert f"### {qid} · " in text
    assert text.count("- [ ] **3 Defined** — standard") == 4
    assert text.count("- [ ] **n/a** — does not apply here") == 4
    assert "## Beta capability" in text
    assert "\n\n\n" not in text


def test_html_form_is_escaped_and_self_contained(hostile: Path) -> None:
    html = render_form(resolve(str(hostile)), "html")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "Hostile &lt;b&gt;&amp; Co&lt;/b&gt;" in html
    assert not re.search(r"(src|href)=\"?https?:", html)  # nothing fetched from the network
    assert "<link" not in html and "@import" not in html


def test_markdown_form_escapes_markup(hostile: Path) -> None:
    text = render_form(resolve(str(hostile)), "markdown")
    assert r"&lt;script&gt;alert('x')&lt;/script&gt; uses \| pipes and \*stars\*" in text
    assert md("a_b *c* [d](e) `f` #g") == r"a\_b \*c\* \[d\](e) \`f\` #g"
    assert md("# not a heading") == r"\# not a heading"


def test_yaml_template_lists_everything_as_comments_and_parses(hostile: Path) -> None:
    text = yaml_template(resolve(str(hostile)))
    doc = yamlio.parse(text, Path("t.yaml"))
    assert list(doc.data["answers"]) == ["No"]  # quoted: not read as false
    assert doc.data["answers"]["No"] == {"value": None, "confidence": None, "notes": "",
                                         "evidence": []}
    assert "  #   1 Initial: line one\n  #              # not a YAML key: 1\n" in text
    assert "  # Evidence to show: =HYPERLINK(\"http://evil\")\n" in text


def test_filled_yaml_template_validates_and_unfilled_does_not(tmp_path: Path) -> None:
    mini = mini_copy(tmp_path)
    text = yaml_template(mini_definition(mini))
    with pytest.raises(InvalidInput) as err:
        validate_document(yamlio.parse(text, Path("t.yaml")), Response)
    assert str(err.value).splitlines()[:2] == [
        "t.yaml:24: respondent.name: must not be empty",
        "t.yaml:40: answers.AL-A-01.value: expected a level number, a label of the answer "
        "scale or n/a, got nothing (null)"]
    filled = text.replace('name: ""', "name: Eve", 1)
    for value in ("3", "n/a", "1", "5"):
        filled = filled.replace("value: null", f"value: {value}", 1)
    (mini / "responses" / "alpha.eve.yaml").write_text(filled)
    result = CliRunner().invoke(main, ["validate", str(mini)])
    assert result.exit_code == 0, result.output


def test_cli_forms(tmp_path: Path, runner: CliRunner) -> None:
    source = str(MINI / "questionnaires" / "alpha.yaml")
    md_out = runner.invoke(main, ["template", source, "--format", "markdown"])
    assert md_out.exit_code == 0
    assert md_out.stdout == render_form(mini_definition(), "markdown")
    out = tmp_path / "alpha.html"
    html = runner.invoke(main, ["template", source, "--format", "html", "-o", str(out)])
    assert html.exit_code == 0
    assert out.read_text().startswith("<!DOCTYPE html>")
    yaml_out = runner.invoke(main, ["template", source])
    assert yaml_out.stdout == yaml_template(mini_definition())
