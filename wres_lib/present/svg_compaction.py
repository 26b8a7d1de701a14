"""Simpler markup for the same picture in a matplotlib SVG: attributes, not styles; one defs.

Matplotlib styles every element with a ``style`` attribute. On a page, WeasyPrint parses each
of those as page CSS too (and warns on every SVG property, unknown to HTML), before the SVG
renderer parses it again; presentation attributes (``fill="#bbb"``) are read once and mean the
same. Matplotlib's one style sheet (``*{stroke-linejoin: round; stroke-linecap: butt}``) becomes
attributes of the ``<svg>`` that every element inherits, as a style sheet rule would override
the elements' own attributes. The ``<defs>`` scattered through the document become one, first,
holding only what something refers to, and neighbouring groups that clip alike one group.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

PRESENTATION_ATTRIBUTES = frozenset(
    {
        "clip-path",
        "clip-rule",
        "color",
        "display",
        "fill",
        "fill-opacity",
        "fill-rule",
        "font-family",
        "font-size",
        "font-stretch",
        "font-style",
        "font-variant",
        "font-weight",
        "opacity",
        "stroke",
        "stroke-dasharray",
        "stroke-dashoffset",
        "stroke-linecap",
        "stroke-linejoin",
        "stroke-miterlimit",
        "stroke-opacity",
        "stroke-width",
        "text-anchor",
        "visibility",
    }
)
"""CSS properties that SVG also takes as attributes (matplotlib styles with these)."""
SHEET_RULE = re.compile(r"\s*\*\s*\{([^{}]*)\}\s*")
"""Matplotlib's one style sheet rule, for every element."""


def _declarations(style: str) -> dict[str, str] | None:
    """``name: value; ...`` as a mapping, or None if it is not that simple or sets a property
    that is not also an attribute."""
    found = {}
    for declaration in filter(str.strip, style.split(";")):
        name, colon, value = declaration.partition(":")
        if not colon or name.strip() not in PRESENTATION_ATTRIBUTES or "!" in value:
            return None
        found[name.strip()] = value.strip()
    return found


def style_as_attributes(root: ET.Element) -> None:
    """Matplotlib's style sheet (a rule for every element) as attributes of ``root``, which the
    elements inherit, and then, if no other style sheet is left, each simple ``style``
    attribute as presentation attributes."""
    for parent in list(root.iter()):
        for child in list(parent):
            rule = SHEET_RULE.fullmatch(child.text or "") if child.tag == "style" else None
            declarations = _declarations(rule[1]) if rule else None
            if declarations is not None:
                root.attrib.update(declarations)
                parent.remove(child)
    if any(element.tag == "style" for element in root.iter()):
        return  # another style sheet's rules would override the attributes, not the styles
    for element in root.iter():
        declarations = (
            _declarations(element.get("style", "")) if "style" in element.attrib else None
        )
        if declarations is not None:  # a style attribute wins over an attribute it repeats
            del element.attrib["style"]
            element.attrib.update(declarations)


def gather_definitions(root: ET.Element, referenced: set[str]) -> None:
    """The children of every ``<defs>`` whose id is in ``referenced``, and style sheets, in one
    ``<defs>``, first; the others (nothing draws them) and groups without children go."""
    gathered = ET.Element("defs")
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == "defs":
                gathered.extend(
                    kept for kept in child if kept.tag == "style" or kept.get("id") in referenced
                )
                parent.remove(child)
            elif child.tag == "g" and not len(child):
                parent.remove(child)
    if len(gathered):
        root.insert(0, gathered)


def join_clipped_groups(root: ET.Element) -> None:
    """Neighbouring groups that only clip, to the same path, as one group: matplotlib wraps each
    marker of some collections in a group of its own, which draws the same inside one."""
    for parent in list(root.iter()):
        children: list[ET.Element] = []
        for child in parent:
            previous = children[-1] if children else None
            if (
                previous is not None
                and child.tag == previous.tag == "g"
                and set(child.keys()) == {"clip-path"}
                and child.attrib == previous.attrib
            ):
                previous.extend(child)
            else:
                children.append(child)
        parent[:] = children
