"""Small numeric helpers shared by the synthetic generator: logistic scale and root finding."""

from __future__ import annotations

import numpy as np

# Bisection bounds and steps for a shift on the logit scale: wide enough for any share
# between 0.00005 and 0.99995, and 60 halvings reach machine precision.
SHIFT_BOUND = 10.0
BISECTION_STEPS = 60


def sigmoid(x: np.ndarray | float) -> np.ndarray:
    """The logistic function, 1 / (1 + exp(-x))."""
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def logit(p: np.ndarray | float) -> np.ndarray:
    """The log odds of a probability."""
    p = np.asarray(p, dtype=float)
    return np.log(p / (1.0 - p))


def solve_shift(logits: np.ndarray, weights: np.ndarray, target: float) -> float:
    """The shift ``s`` with weighted mean of ``sigmoid(logits + s)`` equal to ``target``."""
    if not 0.0 < target < 1.0:
        raise ValueError("target is expected to be a share strictly between 0 and 1")
    total = float(np.sum(weights))
    low, high = -SHIFT_BOUND, SHIFT_BOUND
    for _ in range(BISECTION_STEPS):
        middle = (low + high) / 2.0
        if float(np.sum(weights * sigmoid(logits + middle))) / total < target:
            low = middle
        else:
            high = middle
    return (low + high) / 2.0


def lognormal_factor(rng: np.random.Generator, sd: float, size: int) -> np.ndarray:
    """Multiplicative noise with median 1: ``exp(N(0, sd))``."""
    return np.exp(rng.normal(0.0, sd, size))
