"""The flag vocabulary of the tidy indicator table: each flag's name, meaning and reader words.

A row's ``flag`` column holds its flags separated by ";" in :data:`FLAGS` order. Every module
that sets, reads or words a flag uses the names here, never the string itself.
"""

from __future__ import annotations

UNDEFINED = "undefined"
NO_INTERVAL = "no_interval"
SMALL_NUMBERS = "small_numbers"
SIGNIFICANT = "significant"
CI_EXCLUDES_1 = "ci_excludes_1"
ADVERSE = "adverse"
PREDECESSORS = "predecessors"
SEPARATOR = ";"

# The flag vocabulary, in the order flags appear in the ``flag`` column, with their meanings.
FLAGS = {
    "undefined": "no value can be calculated; the note says why",
    "no_interval": "a value without a confidence interval; the note says why",
    "small_numbers": "a group denominator under the small-number rule: too few to report",
    "below_0.80": "a ratio below 0.80",
    "within_0.80_1.25": "a ratio from 0.80 to 1.25, broadly proportionate (four-fifths rule)",
    "above_1.25": "a ratio above 1.25",
    "ci_excludes_1": "a ratio whose confidence interval excludes 1 (parity)",
    "significant": "a survey gap whose two-proportion test p-value is under 1 - conf",
    "adverse": "on the adverse side of parity for this measure",
    "predecessors": (
        "the counts include those of predecessor organisations (wres_lib.analysis.continued)"
    ),
}

# How briefings word each flag for readers.
FLAG_WORDS = {
    "above_1.25": "above 1.25",
    "below_0.80": "below 0.80",
    "within_0.80_1.25": "within 0.80–1.25",
    "ci_excludes_1": "significant",
    "significant": "significant",
    "small_numbers": "small numbers",
    "undefined": "cannot be calculated",
}


def flag_words(flag: str) -> str:
    """Flags in plain words: 'above 1.25; significant'. A figure too small to publish says only
    'small numbers', as its other flags would give it away."""
    flags = flag.split(";")
    if SMALL_NUMBERS in flags:
        return FLAG_WORDS[SMALL_NUMBERS]
    words = [FLAG_WORDS[f] for f in flags if f in FLAG_WORDS]
    return "; ".join(dict.fromkeys(words))


def has_flag(flag: str, name: str) -> bool:
    """Whether the ``flag`` text of a row holds the flag ``name``."""
    return name in flag.split(SEPARATOR)
