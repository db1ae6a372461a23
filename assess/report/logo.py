"""A logo for the report's cover, checked before it goes into any file.

A raster logo must carry its format's signature (a PNG named .png, a JPEG named .jpg).
An SVG logo is parsed as XML (never sniffed) and rewritten from an allow-list: SVG shape,
text, gradient, clipping and filter elements with their presentation attributes. What an
editor adds for itself (Inkscape and Illustrator namespaces, ``<metadata>``, unknown
attributes) is dropped. Anything that could run or fetch something is refused with the
reason: a DOCTYPE or entity, ``<script>``, ``<foreignObject>``, animation, ``<image>``,
links, ``on*`` event handlers, an ``href`` or ``url(...)`` that is not a ``#fragment`` of
the logo itself, ``@import`` in a style. The rewritten SVG is what the HTML embeds and
what the Markdown report writes beside itself.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assess.errors import AssessError

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

SIGNATURES = {"image/png": (b"\x89PNG\r\n\x1a\n",), "image/jpeg": (b"\xff\xd8\xff",),
              "image/gif": (b"GIF87a", b"GIF89a")}
SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
MAX_DEPTH = 64


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


ELEMENTS = _names("""
    svg g defs title desc symbol use path rect
    circle ellipse line polyline polygon text tspan linearGradient radialGradient stop
    clipPath mask pattern marker style filter feGaussianBlur feOffset feBlend feFlood
    feComposite feMerge feMergeNode feColorMatrix feDropShadow
""")
"""SVG elements a logo may use."""
REFUSED = {
    "script": "a script", "foreignObject": "foreign (HTML) content",
    "image": "an embedded or linked image", "a": "a link", "iframe": "a frame",
    "animate": "animation", "animateMotion": "animation",
    "animateTransform": "animation", "animateColor": "animation", "set": "animation",
    "handler": "a script", "listener": "an event listener", "feImage": "a linked image",
}
"""SVG elements refused outright, with what they are."""
DROPPED = frozenset({"metadata"})
"""SVG elements left out without a word (editors' bookkeeping)."""
ATTRIBUTES = _names("""
    id class style transform viewBox preserveAspectRatio width height x y x1
    y1 x2 y2 cx cy r rx ry d points pathLength fill fill-opacity fill-rule stroke
    stroke-width stroke-opacity stroke-linecap stroke-linejoin stroke-miterlimit
    stroke-dasharray stroke-dashoffset opacity color display visibility overflow clip-path
    clip-rule mask filter marker-start marker-mid marker-end font-family font-size
    font-weight font-style font-variant font-stretch letter-spacing word-spacing
    text-anchor dominant-baseline alignment-baseline baseline-shift text-decoration
    writing-mode direction dx dy rotate textLength lengthAdjust offset stop-color
    stop-opacity gradientUnits gradientTransform spreadMethod fx fy fr patternUnits
    patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits
    markerWidth markerHeight markerUnits refX refY orient filterUnits primitiveUnits in in2
    result stdDeviation mode operator k1 k2 k3 k4 values type flood-color flood-opacity
    color-interpolation-filters shape-rendering text-rendering image-rendering
    mix-blend-mode isolation paint-order vector-effect version media href
""")
"""Attributes (no namespace) kept; others are dropped. ``href`` only as a #fragment."""
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_ACTIVE = re.compile(r"@import|expression\s*\(|javascript:|vbscript:|data:", re.IGNORECASE)


def check_raster(data: bytes, mime: str, name: str) -> None:
    """Refuse raster data whose signature is not that of ``mime``."""
    if mime == "image/webp":
        ok = data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    else:
        ok = data.startswith(SIGNATURES[mime])
    if not ok:
        kind = mime.split("/")[1].upper()
        raise AssessError(f"{name}: is not a {kind} image (it does not start with the "
                          f"{kind} signature)")


class _Refused(Exception):
    """Why an SVG cannot be a logo (turned into an AssessError naming the file)."""


def sanitise_svg(data: bytes, name: str) -> bytes:
    """The SVG logo ``data`` rewritten from the allow-list, or AssessError with the reason."""
    try:
        return _sanitise(data)
    except _Refused as exc:
        raise AssessError(f"{name}: refused as a logo: {exc}") from None


def _sanitise(data: bytes) -> bytes:
    from xml.etree.ElementTree import ParseError

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Refused("an SVG logo must be UTF-8 text") from None
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.IGNORECASE):
        raise _Refused("it has a DOCTYPE or entity declarations (they can expand or fetch "
                       "content)")
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = _parse(text)
    except ParseError as exc:
        raise _Refused(f"not well-formed XML ({exc})") from None
    if root.tag != f"{{{SVG}}}svg":
        raise _Refused(f"not an SVG image (the root element is <{_local(str(root.tag))}>, "
                       "not <svg> in the SVG namespace)")
    out: list[str] = []
    _write(root, out, depth=0, root=True)
    return "".join(out).encode("utf-8")


def _parse(text: str) -> Element:
    """Parse with defusedxml where it is installed; DOCTYPEs are refused before this."""
    from xml.etree.ElementTree import Element

    try:
        from defusedxml.ElementTree import (  # type: ignore[import-not-found, import-untyped, unused-ignore]
            fromstring,
        )
    except ImportError:
        from xml.etree.ElementTree import fromstring
    root = fromstring(text)
    assert isinstance(root, Element)
    return root


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _escape(value: str, quote: bool = False) -> str:
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace('"', "&quot;") if quote else value


def _write(el: Element, out: list[str], depth: int, root: bool = False) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if depth > MAX_DEPTH:
        raise _Refused(f"elements nested more than {MAX_DEPTH} deep")
    namespace, local = (tag[1:].split("}", 1) if tag.startswith("{") else ("", tag))
    if namespace != SVG or local in DROPPED:
        if namespace in ("", SVG) and local not in DROPPED:
            raise _Refused(f"<{local}> is not an SVG element")
        return  # another vocabulary (an editor's): left out, with its content
    if local in REFUSED:
        raise _Refused(f"<{local}> is {REFUSED[local]}, which a logo may not contain")
    if local not in ELEMENTS:
        raise _Refused(f"<{local}> is not an element a logo may use (shapes, text, "
                     "gradients, clipping, masks and filters)")
    attrs = _attributes(el, local)
    if root:
        xlink = any(f"{{{XLINK}}}href" in e.attrib for e in el.iter())
        attrs = [("xmlns", SVG), *([("xmlns:xlink", XLINK)] if xlink else []), *attrs]
    out.append(f"<{local}" + "".join(f' {k}="{_escape(v, True)}"' for k, v in attrs) + ">")
    if local == "style":
        css = "".join(el.itertext())
        if _ACTIVE.search(css) or _EXTERNAL_URL.search(css):
            raise _Refused("its <style> imports or links something (only url(#id) is allowed)")
        out.append(_escape(css))
    else:
        out.append(_escape(el.text or ""))
        for child in el:
            _write(child, out, depth + 1)
            out.append(_escape(child.tail or ""))
    out.append(f"</{local}>")


def _attributes(el: Element, local: str) -> list[tuple[str, str]]:
    kept: list[tuple[str, str]] = []
    for key, value in el.attrib.items():
        namespace, attr = (key[1:].split("}", 1) if key.startswith("{") else ("", key))
        if attr.lower().startswith("on"):
            raise _Refused(f"<{local} {attr}> is an event handler (a script)")
        if attr == "href" and namespace in ("", XLINK):
            if not value.strip().startswith("#"):
                raise _Refused(f"<{local} href=\"{value[:60]}\"> points outside the logo "
                             "(only #id references are allowed)")
            kept.append(("xlink:href" if namespace else "href", value.strip()))
            continue
        if _EXTERNAL_URL.search(value) or _ACTIVE.search(value):
            raise _Refused(f"<{local} {attr}> links or imports something (only url(#id) is "
                         "allowed)")
        if namespace == XML and attr in ("space", "lang"):
            kept.append((f"xml:{attr}", value))
        elif not namespace and attr in ATTRIBUTES:
            kept.append((attr, value))
    return kept
