"""Active content: respondents' text stays inert in Markdown, and a logo can carry no
script, event handler or external reference into any report file."""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from assess.cli import main
from assess.errors import AssessError
from assess.render.text import md_escape
from assess.report.logo import sanitise_svg
from assess.report.templating import environment

from .report_support import FIXTURE
from .test_report_cli import PNG_1PX

HOSTILE_NOTE = "[x](javascript:alert(1)) ![](http://evil/) <img src=x onerror=alert(1)>"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(catch_exceptions=False)


def _inert(markdown: str) -> None:
    """No character outside a backslash escape can open a link, image, code span, emphasis,
    raw HTML or a new table cell or line."""
    chars = iter(markdown)
    for char in chars:
        if char == "\\":
            next(chars, None)
            continue
        assert char not in "[]|*_`<>\n\r", markdown


def _unescape(markdown: str) -> str:
    text = re.sub(r"\\(.)", r"\1", markdown)
    return text.replace("&lt;", "<").replace("&gt;", ">")


@given(st.text())
def test_markdown_text_is_inert_and_keeps_what_was_written(text: str) -> None:
    escaped = md_escape(text)
    _inert(escaped)
    assert not escaped.startswith("#")
    assert _unescape(escaped) == " ".join(text.split())


@pytest.mark.parametrize("name", ["md", "cell"])
def test_prose_and_cell_filters_share_one_rule(name: str) -> None:
    template = environment("markdown").from_string(f"| {{{{ note|{name} }}}} |")
    out = template.render(note=HOSTILE_NOTE)
    assert out == ("| \\[x\\](javascript:alert(1)) !\\[\\](http://evil/) "
                   "&lt;img src=x onerror=alert(1)&gt; |")


def test_a_hostile_note_is_no_live_link_in_the_markdown_report(
        runner: CliRunner, tmp_path: Path) -> None:
    assessment = tmp_path / "a"
    shutil.copytree(FIXTURE, assessment)
    response = assessment / "responses" / "hosting.ann-lee.yaml"
    text = response.read_text(encoding="utf-8")
    response.write_text(text.replace("notes: \"<script>alert(1)</script> ",
                                     f"notes: \"{HOSTILE_NOTE} "), encoding="utf-8")
    result = runner.invoke(main, ["report", str(assessment), "--format", "markdown", "-o",
                                  str(tmp_path / "r.md")])
    assert result.exit_code == 0, result.output
    report = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "\\[x\\](javascript:alert(1)) !\\[\\](http://evil/)" in report  # the appendix
    for live in ("[x](javascript", "![](http://evil", "<img src=x"):
        assert live not in report


# --- logos -------------------------------------------------------------------------

SVG_HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'

HOSTILE_SVGS = {
    "script": (SVG_HEAD + "<script>alert(1)</script></svg>", "<script> is a script"),
    "foreign": (SVG_HEAD + '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div>'
                "</foreignObject></svg>", "<foreignObject> is foreign (HTML) content"),
    "onload": (SVG_HEAD.replace("<svg ", '<svg onload="alert(1)" ') + "</svg>",
               "<svg onload> is an event handler"),
    "onclick": (SVG_HEAD + '<rect width="1" height="1" ONCLICK="alert(1)"/></svg>',
                "<rect ONCLICK> is an event handler"),
    "href": (SVG_HEAD + '<use href="http://evil.example/x.svg#a"/></svg>',
             '<use href="http://evil.example/x.svg#a"> points outside the logo'),
    "xlink": (SVG_HEAD + '<use xlink:href="javascript:alert(1)"/></svg>',
              '<use href="javascript:alert(1)"> points outside the logo'),
    "link": (SVG_HEAD + '<a href="#x"><rect width="1" height="1"/></a></svg>', "<a> is a link"),
    "image": (SVG_HEAD + '<image href="http://evil.example/track.png"/></svg>',
              "<image> is an embedded or linked image"),
    "animation": (SVG_HEAD + '<set attributeName="href" to="javascript:alert(1)"/></svg>',
                  "<set> is animation"),
    "import": (SVG_HEAD + "<style>@import url(http://evil.example/x.css);</style></svg>",
               "its <style> imports or links something"),
    "style-url": (SVG_HEAD + "<style>rect { fill: url('http://evil.example/p') }</style></svg>",
                  "its <style> imports or links something"),
    "fill-url": (SVG_HEAD + '<rect fill="url(http://evil.example/#p)"/></svg>',
                 "<rect fill> links or imports something"),
    "inline-style": (SVG_HEAD + '<rect style="background:url(//evil.example/x)"/></svg>',
                     "<rect style> links or imports something"),
    "doctype": ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
                '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + SVG_HEAD + "&b;</svg>",
                "it has a DOCTYPE or entity declarations"),
    "xxe": ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + SVG_HEAD
            + "<text>&x;</text></svg>", "it has a DOCTYPE or entity declarations"),
    "sniffed": ("<html><body><!-- <svg --><script>alert(1)</script></body></html>",
                "not an SVG image (the root element is <html>"),
    "no-namespace": ("<svg><script>alert(1)</script></svg>", "not an SVG image"),
    "broken": (SVG_HEAD + "<rect>", "not well-formed XML"),
    "deep": (SVG_HEAD + "<g>" * 80 + "</g>" * 80 + "</svg>", "elements nested more than 64"),
    "unknown": (SVG_HEAD + "<iframe/></svg>", "<iframe> is a frame"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_SVGS))
def test_a_hostile_svg_logo_is_refused_naming_file_and_reason(
        case: str, runner: CliRunner, tmp_path: Path) -> None:
    svg, reason = HOSTILE_SVGS[case]
    logo = tmp_path / "logo.svg"
    logo.write_text(svg, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["report", str(FIXTURE), "--format", "html", "--format",
                                  "markdown", "--logo", str(logo), "-o", str(out)])
    assert result.exit_code == 3
    assert result.stderr.startswith(f"error: {logo}: refused as a logo: {reason}")
    assert result.stderr.count("\n") == 1
    assert not out.exists()


def test_utf16_svg_is_refused() -> None:
    with pytest.raises(AssessError, match=r"^logo\.svg: refused as a logo: an SVG logo "
                                          r"must be UTF-8 text$"):
        sanitise_svg((SVG_HEAD + "</svg>").encode("utf-16"), "logo.svg")


EDITOR_SVG = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<?xml-stylesheet href="http://evil.example/x.css" type="text/css"?>
<!-- Created with Inkscape -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
     width="120" height="40" viewBox="0 0 120 40" data-tracking="x" inkscape:version="1.3">
  <sodipodi:namedview id="nv" pagecolor="#ffffff"/>
  <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#0072B2"/></linearGradient>
    <rect id="box" width="10" height="10"/></defs>
  <rect width="120" height="40" fill="url(#g)" inkscape:label="background"/>
  <use xlink:href="#box" x="5"/><use href="#box" x="20"/>
  <text x="30" y="25" font-family="sans-serif">A &amp; B &lt;Ltd&gt;</text>
</svg>
"""


def test_an_editor_svg_is_rewritten_from_the_allow_list() -> None:
    clean = sanitise_svg(EDITOR_SVG.encode(), "logo.svg").decode()
    assert clean == (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="120" height="40" viewBox="0 0 120 40">\n  \n  \n  '
        '<defs><linearGradient id="g"><stop offset="0" stop-color="#0072B2"></stop>'
        '</linearGradient>\n    <rect id="box" width="10" height="10"></rect></defs>\n  '
        '<rect width="120" height="40" fill="url(#g)"></rect>\n  '
        '<use xlink:href="#box" x="5"></use><use href="#box" x="20"></use>\n  '
        '<text x="30" y="25" font-family="sans-serif">A &amp; B &lt;Ltd&gt;</text>\n</svg>')
    assert sanitise_svg(clean.encode(), "logo.svg").decode() == clean  # a fixed point


def test_the_sanitised_svg_is_what_every_report_file_gets(runner: CliRunner,
                                                          tmp_path: Path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text(EDITOR_SVG, encoding="utf-8")
    clean = sanitise_svg(EDITOR_SVG.encode(), "logo.svg")
    out = tmp_path / "out"
    result = runner.invoke(main, ["report", str(FIXTURE), "--format", "html", "--format",
                                  "markdown", "--logo", str(logo), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "report-charts" / "logo.svg").read_bytes() == clean
    html = (out / "report.html").read_text(encoding="utf-8")
    embedded = re.search(r'data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)', html)
    assert embedded is not None and base64.b64decode(embedded.group(1)) == clean


def test_the_example_logo_passes(runner: CliRunner) -> None:
    from assess.load.resources import content_path

    data = content_path("examples", "branding", "logo.svg").read_bytes()
    assert b"<rect" in sanitise_svg(data, "logo.svg")


@pytest.mark.parametrize(("suffix", "data", "kind"), [
    (".png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "PNG"),
    (".png", b"GIF89a" + PNG_1PX, "PNG"),
    (".jpg", b"\xff\xd8<html><script>alert(1)</script>", "JPEG"),
    (".gif", PNG_1PX, "GIF"),
    (".webp", b"RIFF\x00\x00\x00\x00WAVEfmt ", "WEBP"),
])
def test_a_raster_logo_must_carry_its_signature(suffix: str, data: bytes, kind: str,
                                                runner: CliRunner, tmp_path: Path) -> None:
    logo = tmp_path / f"logo{suffix}"
    logo.write_bytes(data)
    result = runner.invoke(main, ["report", str(FIXTURE), "--logo", str(logo), "-o",
                                  str(tmp_path / "r.html")])
    assert result.exit_code == 3
    assert result.stderr == (f"error: {logo}: is not a {kind} image (it does not start with "
                             f"the {kind} signature)\n")
    assert not (tmp_path / "r.html").exists()
