"""The arithmetic of funnel limits on each kind's variance-stabilised scale (FunnelPlotR's).

Each kind of figure has a transform ``t`` under which its sampling standard error at size ``x``
is ``s(x)`` whatever the reference value, as FunnelPlotR (Mohammed, NHS-R community) works it:

- ``"proportion"`` (``x`` the denominator ``n``): ``t(p) = arcsin(sqrt(p))``,
  ``s(n) = 1 / (2 sqrt(n))``; limits ``sin(t(p0) +/- z sqrt(s**2 + tau2))**2``.
- ``"standardised_ratio"``, observed over expected (``x`` the expected count ``E``):
  ``t(r) = sqrt(r)``, ``s(E) = 1 / (2 sqrt(E))`` (FunnelPlotR's "CQC" square-root method, which
  also takes a zero observed count); adjusted limits ``(sqrt(r0) +/- z sqrt(s**2 + tau2))**2``.
  Unadjusted limits are FunnelPlotR's Poisson ones from the chi-squared distribution: with
  ``lam = r0 E`` the lower ``chi2.ppf(a / 2, 2 lam) / (2 E)`` and the upper
  ``chi2.ppf(1 - a / 2, 2 (lam + 1)) / (2 E)``. FunnelPlotR only centres them on 1; around
  another ``r0`` the Poisson mean is ``r0 E`` here (FunnelPlotR scales the limits of mean
  ``E`` by ``r0``, which gives the variance ``r0**2 / E`` instead of ``r0 / E``).

Limits beyond the transform's range are clipped to it (a proportion's to [0, 1], a ratio's
lower limit to 0), where ``sin**2`` and the square would otherwise fold them back.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import chi2

PROPORTION, STANDARDISED_RATIO = "proportion", "standardised_ratio"
KINDS = (PROPORTION, STANDARDISED_RATIO)


def transform(kind: str, values: np.ndarray | float) -> np.ndarray:
    """``values`` (proportions 0-1, or observed over expected) on the working scale."""
    values = np.asarray(values, dtype=float)
    return np.arcsin(np.sqrt(values)) if kind == PROPORTION else np.sqrt(values)


def untransform(kind: str, values: np.ndarray) -> np.ndarray:
    """The inverse of :func:`transform`, clipping to the transform's range first."""
    if kind == PROPORTION:
        return np.sin(np.clip(values, 0.0, np.pi / 2)) ** 2
    return np.clip(values, 0.0, None) ** 2


def standard_error(x: np.ndarray) -> np.ndarray:
    """The sampling standard error on the working scale at size ``x`` (either kind)."""
    return 1 / (2 * np.sqrt(x))


def poisson_limits(reference: float, expected: np.ndarray, z_tail: float) -> np.ndarray:
    """Lower and upper Poisson limits of observed over expected (rows), central ``1 - 2 z_tail``.

    ``z_tail`` is the probability beyond each limit (0.025 for 95%, 0.001 for 99.8%)."""
    mean = reference * expected
    lower = chi2.ppf(z_tail, 2 * mean) / (2 * expected)
    upper = chi2.ppf(1 - z_tail, 2 * (mean + 1)) / (2 * expected)
    return np.vstack([lower, upper])


def winsorised_dispersion(z: np.ndarray, s: np.ndarray, winsorise: float) -> tuple[float, float]:
    """FunnelPlotR's dispersion ratio ``phi`` and DerSimonian-Laird ``tau2``.

    ``phi`` is the mean square of the z-scores winsorised at the ``winsorise`` and
    ``1 - winsorise`` quantiles; ``tau2 = (I phi - (I - 1)) / (sum w - sum w**2 / sum w)`` with
    ``w = 1 / s**2``, and 0 when ``I phi < I - 1`` (no overdispersion) or it cannot be estimated.
    """
    low, high = np.quantile(z, [winsorise, 1 - winsorise])
    phi = float(np.mean(np.clip(z, low, high) ** 2))
    count = len(z)
    weights = 1 / s**2
    denominator = weights.sum() - np.sum(weights**2) / weights.sum()
    if count * phi < count - 1 or denominator <= 0:
        return phi, 0.0
    return phi, float((count * phi - (count - 1)) / denominator)
