"""The methods and sources text every briefing ends with."""

from wres_lib.analysis.context import BriefingContext
from wres_lib.present.fragments import Fragment, bullet_list
from wres_lib.stats.small_numbers import DEFAULT_RULE

METHODS = [
    "Indicators follow the NHS Workforce Race Equality Standard (WRES): White means White "
    "British, White Irish and any other White background; BME means every other stated group; "
    "staff whose ethnicity is not recorded are left out of both sides.",
    "A WRES year is the workforce on 31 March, the 12 months to 31 March and the staff survey "
    "of the autumn before.",
    "Relative likelihoods: 1 is parity; 0.80 to 1.25 is widely read as broadly proportionate. "
    "Intervals are Katz log intervals (our addition).",
    "Survey percentages have Wilson intervals and gaps a two-proportion z test (our additions).",
    "Racial disparity ratios are odds ratios with Woolf's interval: our reconstruction of the "
    "WRES method (Bands 1–5, 6–7, 8a and above).",
    "Trends: a binomial GLM on year for shares and weighted least squares of the log relative "
    "likelihood on year (statsmodels), allowing for year-to-year variation beyond sampling "
    "(dispersion estimated, used when above 1); our addition.",
    "Model Employer: a straight line from the BME share at each senior band in 2018 (or the "
    "first year with data) to the workforce share in 2028, our approximation of NHS England's "
    "A Model Employer (2019).",
    "Funnel plots after Spiegelhalter (2005) as FunnelPlotR draws them, with 95% and 99.8% "
    "limits widened for variation between trusts (our addition).",
    "Systems, regions and England are built by summing counts, never by averaging trust ratios.",
    f"Figures resting on fewer than {DEFAULT_RULE.min_denominator} people are shown as 'too few "
    f"to report'; staff counts of 1 to {DEFAULT_RULE.suppress_counts_below - 1} as "
    f"'<{DEFAULT_RULE.suppress_counts_below}'. Board membership is public and never suppressed.",
]


def methods_section(source: str) -> Fragment:
    """The methods and sources list, ending with the briefing's source line."""
    return bullet_list([*METHODS, source + "."], "methods")


def source_note(context: BriefingContext, year: int) -> str:
    """'Source: wres-sample (SYNTHETIC DATA), vintage 2025, WRES year 2025' for tables."""
    label = " (SYNTHETIC DATA)" if context.synthetic else ""
    name, _, rest = context.source_line(year).partition(",")
    return f"Source: {name}{label},{rest}"
