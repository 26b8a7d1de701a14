"""Each trust's progression ladder: where its BME staff fall away most between pay bands.

Real trusts differ in where the pipeline narrows: at the step into registered roles (Band 5), out
of the international-recruitment band (Band 5 to 6), into team leadership (Band 7) or into senior
management (Band 8a and above); a few show no step that stands out. Each trust draws one
*focus step* (or none) from :data:`FOCUS_CHANCES`. Its Agenda for Change BME log-odds offsets are
the national ones scaled by ``ladder_scale``, minus ``ladder_drop`` on every band above the focus
step; a trust without a focus step has a nearly flat ladder.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# First AfC band (a position in AFC_BANDS) of each rung of the default ladder of
# wres_lib.indicators: Bands 1-4, Band 5, Band 6, Band 7, Bands 8a-8b, Bands 8c-VSM.
RUNG_STARTS = (0, 4, 5, 6, 7, 9)
NO_FOCUS = -1
# Chance of each focus step (0 = Bands 1-4 to Band 5, ...; NO_FOCUS = a flat ladder).
FOCUS_CHANCES = {0: 0.12, 1: 0.28, 2: 0.14, 3: 0.22, 4: 0.10, NO_FOCUS: 0.14}
# (low, high) of the uniform draws, by whether the focus is the step into Band 5, another step,
# or none: the scale of the national band offsets and the extra drop above the focus step.
SCALES = {"entry": (0.05, 0.25), "step": (0.3, 0.6), "flat": (0.0, 0.12)}
DROPS = {"entry": (0.9, 1.3), "step": (0.6, 1.0), "flat": (0.0, 0.0)}
LADDER_COLUMNS = ("ladder_focus", "ladder_scale", "ladder_drop")


def draw_ladders(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """The ladder traits of ``n`` trusts: focus step, offset scale and drop above the focus."""
    steps = np.array(list(FOCUS_CHANCES))
    focus = rng.choice(steps, size=n, p=np.array(list(FOCUS_CHANCES.values())))
    kind = np.where(focus == NO_FOCUS, "flat", np.where(focus == 0, "entry", "step"))
    scale = np.array([rng.uniform(*SCALES[k]) for k in kind])
    drop = np.array([rng.uniform(*DROPS[k]) for k in kind])
    return pd.DataFrame({"ladder_focus": focus, "ladder_scale": scale, "ladder_drop": drop})


def ladder_offsets(national: np.ndarray, ladders: pd.DataFrame) -> np.ndarray:
    """Per row of ``ladders`` (trust-years), the AfC band offsets of its trust.

    ``national`` holds the national offsets of the AfC bands, one row per trust-year.
    """
    scale = ladders["ladder_scale"].to_numpy()[:, None]
    focus = ladders["ladder_focus"].to_numpy()
    first_dropped = np.array([RUNG_STARTS[f + 1] if f != NO_FOCUS else 99 for f in focus])
    above = np.arange(national.shape[1])[None, :] >= first_dropped[:, None]
    return scale * national - above * ladders["ladder_drop"].to_numpy()[:, None]
