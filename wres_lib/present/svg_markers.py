"""A chart's markers as paths: one ``<path>`` per run of like markers, not a ``<use>`` a point.

Matplotlib writes each marker (a funnel's 200 trusts, each tick mark) as a ``<use>`` of one shape
defined once, and a renderer pays for each: WeasyPrint looks the shape up, copies it, cascades
and draws it, for every point. A run of neighbouring markers of one shape and the same
attributes is drawn as one path holding the shape once per point; a filled round marker of one
colour, as a dot (a stroke of no length with round caps, as wide as the marker, which SVG and PDF
draw as a filled circle), so each point costs three numbers rather than the circle's fifty.

Only markers of one paint (a fill and a stroke of the same colour, or either alone), without
opacity, dashes or a fill rule, are drawn together: those look the same together as one by one,
however they overlap. Any other marker becomes a path of its own, drawing what its ``<use>`` drew.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

PAINT_DEFAULTS = {"fill": "black", "stroke": "none"}
"""SVG's initial fill and stroke, for a marker and its ``<use>`` that set neither."""
UNMERGEABLE_PROPERTIES = frozenset(
    {"opacity", "fill-opacity", "stroke-opacity", "fill-rule", "stroke-dasharray", "style"}
)
"""Properties under which markers drawn together could look different from one by one."""
UNSHIFTABLE_PROPERTIES = frozenset({"transform", "clip-path", "mask", "filter", "style"})
"""Properties of a shape that its ``<use>`` moves, which its path would not move alike."""
SEGMENT_ARITY = {"L": 2, "Q": 4, "C": 6}
"""The numbers of each absolute segment command matplotlib writes (M starts the outline)."""
CIRCLE_SEGMENTS = 8
"""Matplotlib draws a round marker as eight cubic Bézier curves through points on the circle."""
CIRCLE_TOLERANCE = 0.02
"""How far (in points) a rounded point of matplotlib's circle may lie from the exact circle."""
_PATH_TOKEN = re.compile(r"[A-Za-z]|-?\d+(?:\.\d+)?")

Commands = list[tuple[str, list[float]]]


def _number(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _commands(path: str) -> Commands | None:
    """Path data as (command, numbers), if it is one outline of absolute M, L, Q, C and z."""
    commands: Commands = []
    for token in _PATH_TOKEN.findall(path):
        if token.isalpha():
            commands.append((token, []))
        elif commands:
            commands[-1][1].append(float(token))
    if not commands or commands[0][0] != "M" or len(commands[0][1]) != 2:
        return None
    for command, numbers in commands[1:]:
        arity = SEGMENT_ARITY.get(command)
        closing = command in "Zz" and not numbers
        if not closing and (arity is None or not numbers or len(numbers) % arity):
            return None
    return commands


def _relative_outline(commands: Commands, decimals: int) -> str:
    """The outline after its start point in relative commands: the same wherever it is drawn."""
    start = current = (commands[0][1][0], commands[0][1][1])
    relative = []
    for command, numbers in commands[1:]:
        if command in "Zz":
            relative.append("z")
            current = start
            continue
        arity = SEGMENT_ARITY[command]
        for at in range(0, len(numbers), arity):
            segment = numbers[at : at + arity]
            moved = (value - current[i % 2] for i, value in enumerate(segment))
            relative.append(" ".join([command.lower(), *(_number(v, decimals) for v in moved)]))
            current = (segment[-2], segment[-1])
    return " ".join(relative)


def _circle_radius(commands: Commands) -> float | None:
    """The radius of a circle about the origin drawn as matplotlib draws one, else None."""
    curves = [numbers for command, numbers in commands[1:] if command == "C"]
    if len(curves) != CIRCLE_SEGMENTS or len(commands) != CIRCLE_SEGMENTS + 2:
        return None
    if commands[-1][0] not in "Zz" or any(len(numbers) != 6 for numbers in curves):
        return None
    radius = math.hypot(*commands[0][1])
    on_circle = [math.hypot(numbers[4], numbers[5]) for numbers in curves]
    if radius <= CIRCLE_TOLERANCE or any(
        abs(distance - radius) > CIRCLE_TOLERANCE for distance in on_circle
    ):
        return None
    return radius


def _paint(use: ET.Element, shape: ET.Element) -> str | None:
    """The one paint a marker is drawn in (fill, stroke or both), or None if it has two."""
    paint = PAINT_DEFAULTS | {k: v for k, v in use.items() if k in PAINT_DEFAULTS}
    paint |= {k: v for k, v in shape.items() if k in PAINT_DEFAULTS}
    drawn = {value for value in paint.values() if value != "none"}
    return drawn.pop() if len(drawn) == 1 else None


def _outline_width(attributes: dict[str, str]) -> float | None:
    """How far a marker's stroke widens it (its stroke width; none without a stroke), or None
    for a width that is not a plain number."""
    if attributes.get("stroke", PAINT_DEFAULTS["stroke"]) == "none":
        return 0.0
    try:
        return float(attributes.get("stroke-width", "1"))
    except ValueError:
        return None


def _run_key(element: ET.Element) -> tuple[tuple[str, str], ...] | None:
    if element.tag != "use":
        return None
    return tuple(sorted((k, v) for k, v in element.items() if k not in ("x", "y")))


def merge_markers(root: ET.Element, decimals: int) -> None:
    """Each ``<use>`` of a path as a ``<path>``, a run of neighbouring ones of one shape with the
    same attributes (but for x and y) as one path drawing the shape at every point when that
    looks the same (see the module); coordinates to ``decimals`` places."""
    shapes = {element.get("id"): element for element in root.iter() if element.get("id")}
    for parent in list(root.iter()):
        children: list[ET.Element] = []
        run: list[ET.Element] = []
        for child in [*parent, None]:
            if child is not None and run and _run_key(child) == _run_key(run[0]):
                run.append(child)
                continue
            children.extend(_merged(run, shapes, decimals))
            run = [child] if child is not None and child.tag == "use" else []
            if child is not None and not run:
                children.append(child)
        parent[:] = children


def _merged(
    run: list[ET.Element], shapes: dict[str | None, ET.Element], decimals: int
) -> list[ET.Element]:
    """``run`` of ``<use>`` as paths: one for the run if that looks the same, else one each;
    or as it is, for a shape that is not one outline of a path."""
    href = run[0].get("href", "") if run else ""
    shape = shapes.get(href[1:]) if href.startswith("#") else None
    if shape is None or shape.tag != "path" or UNSHIFTABLE_PROPERTIES.intersection(shape.keys()):
        return run
    commands = _commands(shape.get("d", ""))
    if commands is None or "style" in run[0].attrib:
        return run
    attributes = {k: v for k, v in run[0].items() if k not in ("href", "x", "y")}
    attributes |= {k: v for k, v in shape.items() if k not in ("id", "d")}
    points = [(float(use.get("x", 0)), float(use.get("y", 0))) for use in run]
    paint = _paint(run[0], shape)
    together = paint is not None and not UNMERGEABLE_PROPERTIES.intersection(attributes)
    if len(run) > 1 and not together:
        return [path for use in run for path in _merged([use], shapes, decimals)]
    radius = _circle_radius(commands)
    outline = _outline_width(attributes)
    filled = attributes.get("fill", PAINT_DEFAULTS["fill"]) != "none"  # a ring is no dot
    if together and radius is not None and outline is not None and filled:
        attributes |= {
            "fill": "none",
            "stroke": paint,
            "stroke-width": _number(2 * radius + outline, decimals),
            "stroke-linecap": "round",
        }
        moves = (f"M {_number(x, decimals)} {_number(y, decimals)} h 0" for x, y in points)
    else:
        x0, y0 = commands[0][1]
        rest = _relative_outline(commands, decimals)
        moves = (
            f"M {_number(x0 + x, decimals)} {_number(y0 + y, decimals)} {rest}" for x, y in points
        )
    return [ET.Element("path", {"d": " ".join(moves), **attributes})]
