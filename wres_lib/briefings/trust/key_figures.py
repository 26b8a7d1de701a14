"""A trust briefing's key figures: the row of headline numbers."""

from __future__ import annotations

from wres_lib.briefings.trust.facts import TrustFacts
from wres_lib.present import fragments as present


def key_figures(facts: TrustFacts) -> present.Fragment:
    """The row of headline numbers."""
    share_all = facts.get("1", "bme_share_all")
    unknown = facts.get("1", "unknown_pct", group="Unknown")
    upper = facts.get("1", "bme_share", band="upper")
    board, executive = facts.board_share("board"), facts.board_share("executive")
    appointed = facts.get("2", "relative_likelihood")
    disciplinary = facts.get("3", "relative_likelihood")
    on_track, tracked = facts.senior_bands_on_track()
    items = [
        present.KeyFigure(
            present.publish(share_all.value, "percent", share_all.flag),
            "of all staff are BME (ethnicity unknown for "
            f"{present.publish(unknown.value, 'percent', unknown.flag)})",
        ),
        present.KeyFigure(
            present.publish(upper.value, "percent", upper.flag),
            "of staff at Band 8a and above are BME (of those whose ethnicity is known)",
        ),
        present.KeyFigure(
            f"{executive.numerator} of {executive.denominator}"
            if executive.denominator
            else present.NOT_AVAILABLE,
            "executive directors are BME",
        ),
        present.KeyFigure(
            present.publish(board.value, "percent", board.flag), "of the voting board are BME"
        ),
        present.KeyFigure(
            present.publish(appointed.value, "ratio", appointed.flag),
            "relative likelihood of appointment, White vs BME (2)",
        ),
        present.KeyFigure(
            present.publish(disciplinary.value, "ratio", disciplinary.flag),
            "relative likelihood of disciplinary, BME vs White (3)",
        ),
        present.KeyFigure(f"{on_track} of {tracked}", "senior bands on track for Model Employer"),
    ]
    # The indicator each figure comes from: a figure whose table has no rows is left out.
    sources = ("1", "1", "9", "9", "2", "3", "1")
    shown = [i for i, n in zip(items, sources, strict=True) if not facts.missing_tables(n)]
    return present.key_figures(shown)
