"""The flag vocabulary of the tidy indicator table: each flag's name, meaning and reader words.

A row's ``flag`` column holds its flags separated by ";" in :data:`FLAGS` order. Every module
that sets, reads or words a flag uses the names here, never the string itself.
"""

from __future__ import annotations

UNDEFINED = "undefined"
NO_INTERVAL = "no_interval"
SMALL_NUMBERS = "small_numbers"
FEW_EVENTS = "few_events"
BELOW_0_80 = "below_0.80"
WITHIN_0_80_1_25 = "within_0.80_1.25"
ABOVE_1_25 = "above_1.25"
SIGNIFICANT = "significant"
CI_EXCLUDES_1 = "ci_excludes_1"
ADVERSE = "adverse"
PREDECESSORS = "predecessors"
BOTTLENECK = "bottleneck"
SEPARATOR = ";"

# The flag vocabulary, in the order flags appear in the ``flag`` column, with their meanings.
FLAGS = {
    UNDEFINED: "no value can be calculated; the note says why",
    NO_INTERVAL: "a value without a confidence interval; the note says why",
    SMALL_NUMBERS: "a group denominator under the small-number rule: too few to report",
    FEW_EVENTS: (
        "a ratio with fewer events in a group than the small-number rule's min_events: "
        "published, but never ranked nor called significant"
    ),
    BELOW_0_80: "a ratio below 0.80",
    WITHIN_0_80_1_25: "a ratio from 0.80 to 1.25, broadly proportionate (four-fifths rule)",
    ABOVE_1_25: "a ratio above 1.25",
    CI_EXCLUDES_1: "a ratio whose confidence interval excludes 1 (parity)",
    SIGNIFICANT: "a survey gap whose two-proportion test p-value is under 1 - conf",
    ADVERSE: "on the adverse side of parity for this measure",
    PREDECESSORS: (
        "the counts include those of predecessor organisations (wres_lib.analysis.continued)"
    ),
    BOTTLENECK: (
        "the step of the progression ladder where BME staff fall away most: the largest step "
        "ratio whose four counts each reach the small-number rule's min_events and whose "
        "interval lies above 1 (at most one row per organisation-year)"
    ),
}

# How briefings word each flag for readers.
FLAG_WORDS = {
    ABOVE_1_25: "above 1.25",
    BELOW_0_80: "below 0.80",
    WITHIN_0_80_1_25: "within 0.80–1.25",
    CI_EXCLUDES_1: "significant",
    SIGNIFICANT: "significant",
    SMALL_NUMBERS: "small numbers",
    FEW_EVENTS: "too few events to rank",
    UNDEFINED: "cannot be calculated",
    BOTTLENECK: "the bottleneck",
}


def flag_words(flag: str) -> str:
    """Flags in plain words: 'above 1.25; significant'. A figure too small to publish says only
    'small numbers', as its other flags would give it away; one on too few events is never
    called significant."""
    flags = flag.split(SEPARATOR)
    if SMALL_NUMBERS in flags:
        return FLAG_WORDS[SMALL_NUMBERS]
    if FEW_EVENTS in flags:  # a ratio on few events is never called significant
        flags = [f for f in flags if FLAG_WORDS.get(f) != "significant"]
    words = [FLAG_WORDS[f] for f in flags if f in FLAG_WORDS]
    return "; ".join(dict.fromkeys(words))


def has_flag(flag: str, name: str) -> bool:
    """Whether the ``flag`` text of a row holds the flag ``name``."""
    return name in flag.split(SEPARATOR)
