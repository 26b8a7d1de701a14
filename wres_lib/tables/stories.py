"""The story finder: the year's strongest findings as sentences a journalist can quote.

Every story names the press table its figures come from and either carries the row (a story
about one organisation) or the filter that picks its rows from that table (a count over many),
never one row standing for many. Selection is analysis: the stories the national edition tells
too are selected in :mod:`wres_lib.analysis.stories` and worded by
:mod:`wres_lib.present.narrative.stories`, so both quote the same counts; the organisation
leading a ranked measure is picked by :mod:`wres_lib.analysis.leaders` and quoted here from its
press table row; missed targets are counted from the targets table. Shares follow the
stories' one precision (:func:`~wres_lib.present.narrative.stories.story_percent`). Stories
come most newsworthy first, in a fixed editorial order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from wres_lib.analysis import leaders
from wres_lib.analysis import stories as selected
from wres_lib.analysis.context import BriefingContext, load_context
from wres_lib.indicators.catalogue import LIKELIHOOD_INDICATORS
from wres_lib.present import narrative
from wres_lib.present.narrative.stories import story_lead, story_percent, story_points
from wres_lib.tables.escaping import markdown_text
from wres_lib.tables.press import SYNTHETIC_COLUMN, PressTable
from wres_lib.tables.registry import press_table

MIN_WORKFORCE_SHARE = selected.MIN_WORKFORCE_SHARE
LIKELIHOOD_SLUGS = {indicator.number: indicator.slug for indicator in LIKELIHOOD_INDICATORS}
MIN_MISSED = 3  # organisations with a clearly missed target before a story says so
NOUNS = {"trust": "trust", "icb": "ICB", "region": "region"}


def _at(level: str, name: str) -> str:
    """'At <trust or ICB>', 'In London' or 'In the <region>'."""
    if level != "region":
        return f"At {name}"
    return f"In {name}" if name == "London" else f"In the {name}"


@dataclass(frozen=True)
class Story:
    """A quotable sentence, the figures behind it, and the press table row it comes from (or,
    for a count over many rows, ``where``: the filter that picks them)."""

    sentence: str
    figures: dict[str, Any]
    table: str
    row: dict[str, Any] = field(default_factory=dict)
    where: str = ""

    @property
    def citation(self) -> str:
        """Where a reader checks the story: "row ZT026", "rows ZQ15 and ZQ28" or "rows where
        bottleneck = true (74 rows)"."""
        codes = self.figures.get("codes") or []
        if self.where:
            return f"rows where {self.where} ({narrative.plural(len(codes), 'row')})"
        if len(codes) > 1:
            return f"rows {narrative.list_phrase([str(c) for c in codes])}"
        return f"row {self.row.get('code', self.row.get('org_code', ''))}"


def _row(table: PressTable, index: int) -> dict[str, Any]:
    values = table.frame.iloc[index].to_dict()
    values.pop(SYNTHETIC_COLUMN, None)
    return {k: v.item() if hasattr(v, "item") else v for k, v in values.items()}


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _story(sentence: str, figures: dict[str, Any], table: PressTable, index: int) -> Story:
    return Story(narrative.check_sentence(sentence), figures, table.name, _row(table, index))


def _counted(sentence: str, figures: dict[str, Any], table: str, where: str) -> Story:
    """A story counting many rows of ``table``: cited by the filter ``where``, not a row."""
    return Story(narrative.check_sentence(sentence), figures, table, where=where)


def _selected(context: BriefingContext, year: int, facts: selected.StoryFacts) -> Story:
    """A story selected in :mod:`wres_lib.analysis.stories`, with its press table row when it
    is about one organisation."""
    figures = {**facts.figures, "codes": list(facts.codes)}
    if facts.where and len(facts.codes) != 1:
        return _counted(story_lead(facts), figures, facts.table, facts.where)
    code = facts.code or (facts.codes[0] if facts.codes else "")
    options = {"min_workforce_share": MIN_WORKFORCE_SHARE} if facts.table == (
        "all-white-executives") else {}  # fmt: skip
    level = None if facts.table == "all-white-executives" else facts.level
    table = press_table(facts.table, context, year, level, **options)
    key = "org_code" if "org_code" in table.frame else "code"
    index = int(table.frame.index[table.frame[key] == code][0])
    return Story(story_lead(facts), figures, table.name, _row(table, index))


def _pct(value: float) -> str:
    return story_percent(value)


def _all_white_executives(context: BriefingContext, year: int, level: str) -> list[Story]:
    if level != "trust":
        return []
    facts = selected.all_white_executive_stories(context, year)
    return [_selected(context, year, f) for f in facts]


def _systems(context: BriefingContext, year: int, level: str) -> list[Story]:
    """The systems (or regions) where no trust has a BME executive director."""
    if level == "trust":
        return []
    facts = selected.systems_without_bme_executive(context, year, level)
    return [_selected(context, year, f) for f in facts]


def _bottleneck(context: BriefingContext, year: int, level: str) -> list[Story]:
    """Where BME staff fall away most: the step most organisations have as their bottleneck."""
    facts = selected.bottleneck_story(context, year, level)
    return [_selected(context, year, f) for f in facts]


def _index(table: PressTable, code: str | None) -> int | None:
    """The position of organisation ``code`` in ``table``, or None for no pick."""
    if code is None:
        return None
    return int(table.frame.index[table.frame["code"] == code][0])


def _board_gap(context: BriefingContext, year: int, level: str) -> list[Story]:
    table = press_table("board-gap", context, year, level)
    index = _index(table, leaders.widest_board_gap(context, year, level))
    if index is None:
        return []
    row = table.frame.loc[index]
    sentence = (
        f"{_at(level, row['name'])}, {_pct(row['board_bme_pct'])} of voting board "
        "members are from ethnic minorities, against "
        f"{_pct(row['bme_workforce_pct'])} of staff: "
        f"{story_points(abs(row['board_gap_pts']))} short, the widest gap of any "
        f"{NOUNS[level]}."
    )
    figures = {k: row[k] for k in ("board_bme_pct", "bme_workforce_pct", "board_gap_pts")}
    return [_story(sentence, figures, table, index)]


def _top_ratio(
    context: BriefingContext,
    year: int,
    table: PressTable,
    indicator: str,
    clause: Callable[[float], str],
    level: str,
) -> list[Story]:
    """The highest rankable ratio of ``indicator`` whose interval excludes 1, as
    :func:`wres_lib.analysis.leaders.highest_ratio` picks it."""
    index = _index(table, leaders.highest_ratio(context, year, level, indicator))
    if index is None:
        return []
    column = f"rl_{LIKELIHOOD_SLUGS[indicator]}"
    row = table.frame.loc[index]
    sentence = (
        f"{_at(level, row['name'])}, {clause(float(row[column]))} (95% interval "
        f"{row[f'{column}_ci_low']:.2f} to {row[f'{column}_ci_high']:.2f}), the highest of any "
        f"{NOUNS[level]}."
    )
    figures = {k: row[k] for k in (column, f"{column}_ci_low", f"{column}_ci_high")}
    return [_story(sentence, figures, table, index)]


def _likelihoods(context: BriefingContext, year: int, level: str) -> list[Story]:
    table = press_table("relative-likelihoods", context, year, level)
    frame = table.frame
    stories = []
    above, with_figure = selected.appointment_above(context, year, level)
    if above:
        many = narrative.count_of(above, with_figure, NOUNS[level], possessive="the")
        adverse = frame[frame["rl_appointment_assessment"] == "above 1.25, interval excludes 1"]
        stories.append(
            _counted(
                f"In {many} with a figure, White applicants were more than 1.25 times as likely "
                "as BME applicants to be appointed from shortlisting, each with an interval "
                "excluding parity.",
                {"organisations": above, "of": with_figure, "codes": adverse["code"].tolist()},
                table.name,
                "rl_appointment_assessment = 'above 1.25, interval excludes 1'",
            )
        )
    stories += _top_ratio(
        context,
        year,
        table,
        "2",
        lambda r: narrative.likelihood_phrase(
            r,
            subject="White applicants",
            comparison="BME applicants",
            outcome="to be appointed from shortlisting",
        ),
        level,
    )
    stories += _top_ratio(
        context,
        year,
        table,
        "3",
        lambda r: narrative.likelihood_phrase(
            r,
            subject="BME staff",
            comparison="White staff",
            outcome="to enter the formal disciplinary process",
        ),
        level,
    )
    return stories


def _survey(context: BriefingContext, year: int, level: str) -> list[Story]:
    table = press_table("survey-gaps", context, year, level)
    index = _index(table, leaders.widest_survey_gap(context, year, level, "8"))
    if index is None:
        return []
    row = table.frame.loc[index]
    sentence = (
        f"{_at(level, row['name'])}, {_pct(row['discrimination_bme_pct'])} of BME staff "
        "said they had experienced discrimination from a manager or colleague, against "
        f"{_pct(row['discrimination_white_pct'])} of White staff: a gap of "
        f"{story_points(row['discrimination_gap_pts'])}, the widest significant gap "
        f"of any {NOUNS[level]}."
    )
    keys = ("discrimination_bme_pct", "discrimination_white_pct", "discrimination_gap_pts")
    return [_story(sentence, {k: row[k] for k in keys}, table, index)]


def _targets_missed(context: BriefingContext, year: int, level: str) -> list[Story]:
    """Organisations whose action-plan targets fell due and were missed. The claim floor: a
    target counts only when its latest figure is published and, where it has an interval, the
    whole interval falls short of the target; and at least MIN_MISSED organisations."""
    table = press_table("targets", context, year, level)
    frame = table.frame
    missed = frame[
        (frame["status"] == "due date passed, not met") & frame["latest_value"].map(_number)
    ]
    clear = [_clearly_short(row) for _, row in missed.iterrows()]
    missed = missed[pd.Series(clear, index=missed.index, dtype=bool)]
    organisations = sorted(set(missed["code"]))
    if len(organisations) < MIN_MISSED:
        return []
    nouns = narrative.plural(len(organisations), NOUNS[level])
    sentence = (
        f"{narrative.capitalise_first(nouns)} missed action-plan targets that fell due by "
        f"31 March {year}: {narrative.plural(len(missed), 'target')} in all, each "
        "short of its target beyond the figure's 95% interval where it has one."
    )
    figures = {"organisations": len(organisations), "targets": len(missed), "codes": organisations}
    return [_counted(sentence, figures, table.name, "status = 'due date passed, not met'")]


def _clearly_short(row: pd.Series) -> bool:
    """Whether a missed target's whole interval (if it has one) falls short of the target."""
    if not (_number(row["ci_low"]) and _number(row["ci_high"])):
        return True
    if row["direction"] == "at least":
        return row["ci_high"] < row["target_value"]
    return row["ci_low"] > row["target_value"]


FINDERS = (
    _all_white_executives, _systems, _board_gap, _likelihoods, _survey, _bottleneck,
    _targets_missed,
)  # fmt: skip


def find_stories(
    data: str | Path | BriefingContext, year: int, level: str = "trust"
) -> list[Story]:
    """The year's strongest findings at ``level``, most newsworthy first."""
    if level not in NOUNS:
        raise ValueError(f"level must be one of {', '.join(NOUNS)}, not {level!r}")
    context = data if isinstance(data, BriefingContext) else load_context(data)
    return [story for finder in FINDERS for story in finder(context, year, level)]


def stories_markdown(stories: list[Story], table_notes: list[str]) -> str:
    """Stories as a Markdown list, each with its figures and source table, then the notes.

    Sentences, codes and notes carry names from the data: they are escaped, so they show as
    typed and never become HTML or Markdown. Figures show to two decimals at most.
    """
    lines = []
    for story in stories:
        figures = ", ".join(
            f"{k} = {markdown_text(round(v, 2) if isinstance(v, float) else v)}"
            for k, v in story.figures.items()
            if k != "codes"
        )
        lines.append(
            f"- {markdown_text(story.sentence)}\n  Figures: {figures}. "
            f"Table: `{story.table}`, {markdown_text(story.citation)}."
        )
    notes = [f"_{markdown_text(note)}_" for note in table_notes]
    return "\n".join([*lines, "", *notes]) + "\n"


def frame_of(stories: list[Story]) -> pd.DataFrame:
    """Stories as a DataFrame: sentence, table, row code (missing for a count over many rows),
    the citation and figures."""
    return pd.DataFrame(
        {
            "sentence": [s.sentence for s in stories],
            "table": [s.table for s in stories],
            "code": [s.row.get("code", s.row.get("org_code")) for s in stories],
            "cited": [s.citation for s in stories],
            "figures": [s.figures for s in stories],
        }
    )
