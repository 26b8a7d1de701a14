"""Figures into correct English: "21%", "1.54 times as likely", "three of its five trusts".

Every function is pure, deterministic and independent of the locale. The house rules:

- **Missing figures.** A function that formats one figure returns :data:`NOT_AVAILABLE` for
  ``None``, ``pandas.NA``, NaN and infinity, so a reader never sees "nan", "None" or "inf".
- **Rounding.** Half away from zero, applied to the decimal number as Python writes the float
  (``0.125`` is 12.5% and rounds to 13%; ``0.145`` rounds to 15%, although the binary float is
  a hair under it). Nothing is ever written as "-0".
- **Decimals.** Percentages and percentage points drop trailing zeros ("21%", not "21.0%");
  relative likelihoods keep the fixed number of decimals NHS England publishes ("1.50").
- **Edges.** A positive figure that would round to zero is "less than 1%"; a share below one
  that would round to 100% is "more than 99%".
- **Likelihoods below 1.** The sentence keeps its subject and says "less likely than", with the
  ratio in brackets: "White applicants were less likely than BME applicants to be appointed
  from shortlisting (0.80 times as likely)".
- **Numbers in words.** Zero to ten are spelt out; 11 and above are digits with thousands
  separators (:func:`number_word`).

Briefings pass every generated line through :func:`check_sentence`.

The modules: :mod:`~wres_lib.present.narrative.figures` (one figure as text),
:mod:`~wres_lib.present.narrative.words` (counts, nouns, lists and names),
:mod:`~wres_lib.present.narrative.phrases` (likelihood and change clauses),
:mod:`~wres_lib.present.narrative.ladder` (the progression ladder),
:mod:`~wres_lib.present.narrative.places` (regions in running English),
:mod:`~wres_lib.present.narrative.systems` (systems, their ranks and findings) and
:mod:`~wres_lib.present.narrative.checking` (:func:`check_sentence`, and :func:`style_problems`,
the house style a test holds every sentence of the bundled set to). Import from this package.
"""

from wres_lib.present.narrative.checking import (
    MAX_NAMES_IN_A_SENTENCE,
    SINGULAR_WORDS_ENDING_IN_S,
    STYLE_RULES,
    SentenceError,
    StyleRule,
    check_sentence,
    style_problems,
)
from wres_lib.present.narrative.figures import (
    MAX_DECIMALS,
    NOT_AVAILABLE,
    PERCENT_DECIMALS,
    POINTS_DECIMALS,
    RATIO_DECIMALS,
    percent,
    points,
    ratio_figure,
    times_as_likely,
)
from wres_lib.present.narrative.findings import (
    nothing_stands_out,
    ordinal,
    with_gap_change,
    worded,
)
from wres_lib.present.narrative.ladder import (
    NO_STEP_STANDS_OUT,
    bottleneck_sentence,
    entry_sentence,
    no_bottleneck_sentence,
    rung_words,
    top_sentence,
)
from wres_lib.present.narrative.phrases import (
    LAST_YEAR,
    ChangeKind,
    change_phrase,
    likelihood_phrase,
    no_events_sentence,
)
from wres_lib.present.narrative.places import REGIONS_WITH_THE, in_region, place_name
from wres_lib.present.narrative.systems import (
    nothing_stands_out_system,
    rank_sentence,
    row_finding,
    worded_system,
)
from wres_lib.present.narrative.words import (
    IRREGULAR_PLURALS,
    NUMBER_WORDS,
    capitalise_first,
    count_of,
    list_phrase,
    number_word,
    ordinal_year_span,
    plural,
    possessive,
    year_phrase,
)

__all__ = [
    "IRREGULAR_PLURALS",
    "LAST_YEAR",
    "MAX_DECIMALS",
    "MAX_NAMES_IN_A_SENTENCE",
    "NOT_AVAILABLE",
    "NO_STEP_STANDS_OUT",
    "NUMBER_WORDS",
    "PERCENT_DECIMALS",
    "POINTS_DECIMALS",
    "RATIO_DECIMALS",
    "REGIONS_WITH_THE",
    "SINGULAR_WORDS_ENDING_IN_S",
    "STYLE_RULES",
    "ChangeKind",
    "SentenceError",
    "StyleRule",
    "bottleneck_sentence",
    "capitalise_first",
    "change_phrase",
    "check_sentence",
    "count_of",
    "entry_sentence",
    "in_region",
    "likelihood_phrase",
    "list_phrase",
    "no_bottleneck_sentence",
    "no_events_sentence",
    "nothing_stands_out",
    "nothing_stands_out_system",
    "number_word",
    "ordinal",
    "ordinal_year_span",
    "percent",
    "place_name",
    "plural",
    "points",
    "possessive",
    "rank_sentence",
    "ratio_figure",
    "row_finding",
    "rung_words",
    "style_problems",
    "times_as_likely",
    "top_sentence",
    "with_gap_change",
    "worded",
    "worded_system",
    "year_phrase",
]
