"""The house style of generated English (:data:`~wres_lib.present.narrative.STYLE_RULES`),
rule by rule, and over every sentence of the bundled set: the rendered briefings, every trust's
briefing text and the stories at every level."""

from __future__ import annotations

import html
from collections.abc import Iterable

import pytest

from tests.helpers.sentences import notebook_sections, text_lines
from wres_lib.present.narrative import STYLE_RULES, style_problems

YEAR = 2025


def rules_broken(text: str) -> list[str]:
    return [name for name, _ in style_problems(text)]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("BME staff were less likely than white staff to be disciplined.", "ethnic-group-capitals"),
        ("The executive team is entirely white.", "ethnic-group-capitals"),
        ("Of the bme staff, most were at Band 5.", "ethnic-group-capitals"),
        ("(0.86 times as likely) (down from 1.54 last year)", "doubled-brackets"),
        ("Trusts: Ash, Birch and Elm Care, Cedar, Damson, Elder and Fir.", "long-list-of-names"),
        ("Bands 8a–8b: no staff.", "too-few-to-report"),
        ("Disciplinary (3): moving away from parity (10 years).", "direction-of-parity"),
        ("Appointment: around a ratio of 1.517.", "ratio-decimals"),
        ("changing by a factor of 0.973 a year", "ratio-decimals"),
        ("White staff were 1.517 times as likely.", "ratio-decimals"),
        ("around an observed/expected ratio of 0.6495", "ratio-decimals"),
        ("BME staff were 0.00 times as likely.", "ratio-decimals"),
        ("The widest gap was in Midlands.", "regions-take-the"),
        ("In North West, three trusts.", "regions-take-the"),
        ("Across South East and East of England.", "regions-take-the"),
    ],
)
def test_each_rule_finds_what_it_is_for(text: str, rule: str) -> None:
    assert rule in rules_broken(text), style_problems(text)


@pytest.mark.parametrize(
    "text",
    [
        "BME staff were less likely than White staff to be disciplined (0.48 times as likely).",
        "White applicants were 1.51 times as likely, down from 1.62 last year.",
        "Trusts: Ash, Birch and Elm Care, Cedar, Damson and Fir.",
        "Bands 8a–8b: too few to report.",
        "Disciplinary (3): moving away from parity, in BME staff's favour (0.48 in 2025).",
        "In the Midlands and the East Midlands, as in London and the North East and Yorkshire.",
        "Table: `all-white-executives`, row ZT138; file all-white-executives.csv.",
        "Bands 1–5, Band 6, Band 7, Band 8a, Band 8b, Band 8c, Band 8d and VSM.",
        "A trust of 4,766 staff; a gap of 11.8 points; p < 0.05; tau 0.048.",
    ],
)
def test_good_english_passes(text: str) -> None:
    assert style_problems(text) == []


def test_every_rule_has_a_unique_name() -> None:
    names = [rule.name for rule in STYLE_RULES]
    assert len(names) == len(set(names)) == 7


def test_text_lines_reads_prose_not_charts_or_code() -> None:
    page = (
        "<h2>Board¶</h2><p>In <b>the</b> Midlands &amp; London.</p><ul><li>One</li><li>Two"
        "<ul><li>Inner</li></ul></li></ul><figure><svg><text>in Midlands</text></svg></figure>"
        "<table><caption>Cap</caption><tr><td>cell <code>all-white</code></td></tr></table>"
    )
    assert text_lines(page) == [
        "Board", "In the Midlands & London.", "One", "Inner", "Two", "Cap", "cell",
    ]  # fmt: skip


def violations(lines: Iterable[str], where: str) -> list[str]:
    return [
        f"{where}: [{rule}] {problem} | {line[:160]}"
        for line in lines
        for rule, problem in style_problems(line)
    ]


def report(found: list[str]) -> str:
    return f"{len(found)} sentences break the house style:\n" + "\n".join(found[:60])


@pytest.mark.slow
@pytest.mark.parametrize("name", ["trust", "tiny_numbers_trust", "system", "region"])
def test_rendered_briefings_keep_the_house_style(rendered, name: str) -> None:
    page = rendered[name]["html"].read_text(encoding="utf-8")
    found = violations(text_lines(page), name)
    assert not found, report(found)


@pytest.mark.slow
def test_rendered_national_briefing_keeps_the_house_style(rendered) -> None:
    page = rendered["national"]["html"].read_text(encoding="utf-8")
    found = violations(text_lines(page), "national")
    assert not found, report(found)


@pytest.mark.parametrize("level", ["trust", "icb", "region"])
def test_stories_keep_the_house_style(sample_context, level: str) -> None:
    from wres_lib.tables.stories import find_stories

    stories = find_stories(sample_context, YEAR, level)
    assert stories
    found = violations([story.sentence for story in stories], f"stories --level {level}")
    assert not found, report(found)


def chart_as_text(fig, alt: str, data: str | None = None) -> str:
    """A chart as its alt text and data table (drawing hundreds of SVGs adds no English)."""
    import matplotlib.pyplot as plt

    from wres_lib.present import fragments

    plt.close(fig)
    return fragments.Fragment(f"<p>{html.escape(alt)}</p>{data or ''}")


def briefing_violations(briefing: object, notebook: str, where: str) -> list[str]:
    """What the sections the notebook shows of ``briefing`` break of the house style."""
    sections = notebook_sections(notebook)
    assert len(sections) >= 5, sections
    return [
        problem
        for section in sections
        for problem in violations(
            text_lines(str(getattr(briefing, section)())), f"{where} {section}"
        )
    ]


@pytest.mark.slow
def test_every_trust_briefing_keeps_the_house_style(
    sample_context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every trust of the sample, every section its notebook shows."""
    from wres_lib.briefings.trust import TrustBriefing
    from wres_lib.present import fragments
    from wres_lib.render.plan import codes_by_level

    monkeypatch.setattr(fragments, "chart", chart_as_text)
    codes = codes_by_level(sample_context.dataset, YEAR)["trust"]
    assert len(codes) > 200
    found = []
    for code in codes:
        briefing = TrustBriefing(sample_context, code, YEAR)
        found += briefing_violations(briefing, "trust_briefing", code)
    assert not found, report(found)


@pytest.mark.slow
def test_every_system_and_region_briefing_keeps_the_house_style(
    sample_context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every ICB and region of the sample, every section its notebook shows."""
    from wres_lib.briefings.system import SystemBriefing
    from wres_lib.present import fragments
    from wres_lib.render.plan import codes_by_level

    monkeypatch.setattr(fragments, "chart", chart_as_text)
    codes = codes_by_level(sample_context.dataset, YEAR)
    found = []
    for level in ("icb", "region"):
        assert codes[level]
        for code in codes[level]:
            briefing = SystemBriefing(sample_context, level, code, YEAR)
            found += briefing_violations(briefing, "system_briefing", code)
    assert not found, report(found)


def test_survey_gaps_footnote_words_each_indicator_as_the_catalogue_does(sample_context) -> None:
    """One wording per survey indicator: the press table's footnote and the briefings' table
    both take it from the catalogue."""
    from wres_lib.indicators.catalogue import SURVEY_INDICATORS
    from wres_lib.tables import press_table

    notes = " ".join(press_table("survey-gaps", sample_context, YEAR, "trust").notes)
    for indicator in SURVEY_INDICATORS:
        assert f"{indicator.slug} = {indicator.subject} (indicator {indicator.number}" in notes
    assert "provides equal opportunities for career progression or promotion" in notes


@pytest.mark.parametrize("trusts", [3, 7])
def test_system_action_plans_name_a_region_with_the_and_list_many_trusts_in_a_table(
    trusts: int,
) -> None:
    import pandas as pd

    from wres_lib.briefings.action_plans import system_action_plans

    names = [f"Trust {letter}" for letter in "ABCDEFG"[:trusts]]
    members = pd.DataFrame({"code": [f"T{i}" for i in range(trusts)], "name": names})
    status = pd.DataFrame(columns=["year", "level", "org_code", "status"])
    section = system_action_plans(status, YEAR, members, "Y60", "Midlands", "Source.")
    lines = text_lines(section)
    count = {3: "three", 7: "seven"}[trusts]
    assert lines[0] == f"None of the {count} trusts in the Midlands have set action-plan targets."
    assert "The Midlands has set no targets of its own in this dataset." in lines
    assert violations(lines, "action plans") == []
    if trusts > 5:
        assert "Seven trusts have no targets recorded; the table below lists them." in lines
        assert lines[-trusts:] == names  # the table's rows
    else:
        assert "No targets recorded: Trust A, Trust B and Trust C." in lines
