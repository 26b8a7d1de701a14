"""What changed at a trust since last year, one sentence per headline measure."""

from __future__ import annotations

from wres_lib.briefings.trust.facts import TrustFacts
from wres_lib.briefings.trust.lineage import last_year_words, since_last_year
from wres_lib.indicators.catalogue import LIKELIHOOD_INDICATORS
from wres_lib.present import fragments as present
from wres_lib.present import narrative


def changes(facts: TrustFacts) -> present.Fragment:
    """What changed since last year, one sentence per headline measure."""
    lines = []
    share = facts.workforce_share
    last = facts.before("1", "bme_share")
    if share.available:
        lines.append(
            f"BME share of the workforce: {present.publish(share.value, 'percent')}, "
            + since_last_year(
                facts,
                last,
                None if last.value is None else last.value / 100,
                share.value / 100,
                "percent",
            )
            + "."
        )
    for record in LIKELIHOOD_INDICATORS:
        likelihood, number = record.likelihood, record.number
        assert likelihood is not None
        if absent := facts.missing_tables(number):
            lines.append(facts.no_figures(absent))
            continue
        now = facts.get(number, "relative_likelihood")
        before = facts.before(number, "relative_likelihood")
        nobody = facts.no_events_sentence(number)
        if nobody:
            lines.append(f"{nobody}.")
            continue
        if not now.available:
            reason = now.note or "too few people to report"
            lines.append(f"Indicator {number}: no figure this year ({reason}).")
            continue
        sentence = narrative.likelihood_phrase(
            now.value,
            subject=likelihood.first,
            comparison=likelihood.second,
            outcome=likelihood.outcome,
        )
        previous = since_last_year(
            facts, before, before.value if before.available else None, now.value, "ratio"
        )
        # One bracketed aside at most: a ratio below 1 already carries "(0.48 times as likely)".
        joiner = "; " if previous.startswith("no ") else ", "
        lines.append(f"{narrative.capitalise_first(sentence)}{joiner}{previous}.")
    if absent := facts.missing_tables("9"):
        return present.bullet_list([*lines, facts.no_figures(absent)])
    board = facts.get("9", "board_gap_points")
    board_last = facts.before("9", "board_gap_points")
    if board.value is not None:
        direction = "below" if board.value < 0 else "above"
        last_shown = present.publish(board_last.value, "points", board_last.flag)
        lines.append(
            f"The voting board's BME share is {narrative.points(abs(board.value))} "
            f"{direction} the workforce's ({last_shown} last year"
            f"{last_year_words(facts, board_last)})."
        )
    return present.bullet_list(lines)
