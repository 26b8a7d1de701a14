"""A matplotlib SVG as an element of an HTML page: small, labelled, and safe next to others.

Several charts share one page, so each chart's ids get a prefix of its own (a hash of the
chart), and ids that nothing refers to are dropped. Coordinates are rounded to a hundredth of a
point, and the indentation between elements goes. Styles become attributes and a run of like
markers one path (:mod:`~wres_lib.present.svg_compaction`, :mod:`~wres_lib.present.svg_markers`),
so the page is smaller and quicker to print. Text stays text, so a reader can select and search
it, and the chart is drawn as vectors in the browser and in the PDF.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET

from wres_lib.present.svg_compaction import (
    gather_definitions,
    join_clipped_groups,
    style_as_attributes,
)
from wres_lib.present.svg_markers import merge_markers

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
COORDINATE_DECIMALS = 2
"""A hundredth of a point (0.0035 mm) is finer than any screen or printer draws."""
COORDINATE_ATTRIBUTES = ("d", "x", "y", "width", "height", "transform")
ID_PREFIX_LENGTH = 8
TEXT_TAGS = frozenset({"text", "tspan"})

_NUMBER = re.compile(r"-?\d+\.\d+")
_REFERENCE = re.compile(r"url\(#([^)]+)\)")
_NO_ROTATION = re.compile(r"rotate\(-?0 [-\d.]+ [-\d.]+\)")
"""Matplotlib's transform of unrotated text, which changes nothing."""
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
"""Control characters and U+FFFE/U+FFFF in UTF-8, which XML cannot hold but matplotlib writes
as they are when a label (an organisation's name from a data file) has one."""


def _rounded_numbers(value: str) -> str:
    """``value`` with every decimal number rounded to :data:`COORDINATE_DECIMALS` places."""

    def shorter(match: re.Match[str]) -> str:
        text = f"{float(match.group()):.{COORDINATE_DECIMALS}f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text

    return _NUMBER.sub(shorter, " ".join(value.split()))


def _referenced_ids(root: ET.Element) -> set[str]:
    """The ids that an href or a url(#...) in the document points to."""
    found = set()
    for element in root.iter():
        href = element.get(XLINK_HREF) or element.get("href") or ""
        if href.startswith("#"):
            found.add(href[1:])
        for value in element.attrib.values():
            found.update(_REFERENCE.findall(value))
    return found


def _prefix_references(value: str, prefix: str) -> str:
    return _REFERENCE.sub(lambda match: f"url(#{prefix}{match.group(1)})", value)


def _unwrap_plain_groups(element: ET.Element) -> None:
    """Replace each ``<g>`` without attributes (it changes nothing) by its children."""
    children = []
    for child in element:
        _unwrap_plain_groups(child)
        children.extend(list(child) if child.tag == "g" and not child.attrib else [child])
    element[:] = children


def inline_svg(document: bytes, *, label: str) -> str:
    """An SVG document as an ``<svg>`` element for an HTML page.

    The element has ``role="img"``, ``aria-label`` and a ``<title>`` carrying ``label``, so a
    screen reader reads the label rather than every tick. ``xlink:href`` becomes ``href``.

    Raises:
        ValueError: ``label`` is empty or ``document`` is not an SVG document.
    """
    if not label.strip():
        raise ValueError("a chart needs alternative text")
    root = ET.fromstring(_NOT_XML.sub("\ufffd".encode(), document))
    if root.tag != f"{{{SVG_NAMESPACE}}}svg":
        raise ValueError(f"expected an SVG document, got a <{root.tag}> element")
    prefix = "c" + hashlib.sha256(document).hexdigest()[:ID_PREFIX_LENGTH] + "-"
    referenced = _referenced_ids(root)
    for element in root.iter():
        element.tag = element.tag.removeprefix(f"{{{SVG_NAMESPACE}}}")
        if element.tag not in TEXT_TAGS:
            element.text = element.text if element.text and element.text.strip() else None
        element.tail = None
        href = element.attrib.pop(XLINK_HREF, None)
        if href is not None:
            element.set("href", f"#{prefix}{href[1:]}" if href.startswith("#") else href)
        identifier = element.attrib.pop("id", None)
        if identifier in referenced:
            element.set("id", prefix + identifier)
        for name, value in element.attrib.items():
            if name in COORDINATE_ATTRIBUTES:
                value = _rounded_numbers(value)
            element.set(name, _prefix_references(value, prefix))
        if _NO_ROTATION.fullmatch(element.get("transform", "")):
            del element.attrib["transform"]
    style_as_attributes(root)
    join_clipped_groups(root)
    merge_markers(root, COORDINATE_DECIMALS)
    gather_definitions(root, _referenced_ids(root))
    _unwrap_plain_groups(root)
    root.set("xmlns", SVG_NAMESPACE)
    root.set("role", "img")
    root.set("aria-label", label)
    title = ET.Element("title")
    title.text = label
    root.insert(0, title)
    return ET.tostring(root, encoding="unicode")
