"""A robustness study's options (docs/robustness.md): how many random weightings, how far
they spread, the seed and the cut-offs, with their defaults and limits.

Apart from scoring.analysis.robustness, which draws and ranks with numpy, so that the desktop
window can make its Robustness settings before numpy loads (issue 19: start-up).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from scoring.core.presentation import Said, both, joined, said

DEFAULT_DRAWS = 1000
DEFAULT_SPREAD = 0.2
#: Any fixed seed makes a run reproducible; this one is the date of the plan (10 June 2022).
DEFAULT_SEED = 20220610
DEFAULT_TOP_K = 10
DEFAULT_MAX_CHANGE = 1.0
METHODS = ("uniform", "dirichlet")
MAX_DRAWS = 100_000


class RobustnessError(ValueError):
    """Options that cannot be used; the message says which and why (``str()`` in English,
    ``said`` in English and Chinese)."""

    def __init__(self, message: str | Said) -> None:
        self.said = both(message)
        super().__init__(self.said.en)


class RobustnessCancelled(Exception):
    """The progress callback asked to stop."""


Progress = Callable[[int, int], "bool | None"]


@dataclass(frozen=True)
class RobustnessOptions:
    """Settings of a robustness study.

    Parameters
    ----------
    draws : int
        Number of random weightings (1 to ``MAX_DRAWS``).
    spread : float
        p in [0, 1]: with ``uniform``, each score weight is multiplied by a factor drawn
        uniformly in [1 − p, 1 + p]. With ``dirichlet`` and no ``concentration``, p sets the
        concentration so that a criterion of average share gets the same relative standard
        deviation, p/√3, as under the uniform draw.
    method : {"uniform", "dirichlet"}
    concentration : float, optional
        κ > 0 of the Dirichlet draw: weight shares ~ Dirichlet(κ·q), q the template shares, so
        the mean is the template and a share's variance is q(1 − q)/(κ + 1). Default from
        ``spread``: κ = 3(m − 1)/p² − 1 for m positively weighted score criteria.
    seed : int
        Seed of the numpy Generator; the same seed gives the same draws.
    top_k : int
        The cut-off "top k" for ``p_top_k`` and the cut-off stability.
    grade : str, optional
        A grade cut-off (English name, or the Chinese one of a default grade): adds the
        probability of staying at or above it, and its stability.
    max_change : float
        Largest relative weight change searched by the cut-off stability (1.0 = ±100%).
    """

    draws: int = DEFAULT_DRAWS
    spread: float = DEFAULT_SPREAD
    method: str = "uniform"
    concentration: float | None = None
    seed: int = DEFAULT_SEED
    top_k: int = DEFAULT_TOP_K
    grade: str | None = None
    max_change: float = DEFAULT_MAX_CHANGE

    def check(self) -> None:
        """Raise RobustnessError naming every option out of range."""
        problems = []
        if not 1 <= self.draws <= MAX_DRAWS:
            problems.append(said("rb_draws", most=f"{MAX_DRAWS:,}", found=self.draws))
        if not (0.0 <= self.spread <= 1.0):
            problems.append(said("rb_spread", found=self.spread))
        if self.method not in METHODS:
            problems.append(said("rb_method", methods=", ".join(METHODS), found=self.method))
        if self.concentration is not None and not self.concentration > 0:
            problems.append(said("rb_concentration", found=self.concentration))
        if self.top_k < 1:
            problems.append(said("rb_top_k", found=self.top_k))
        if not self.max_change > 0:
            problems.append(said("rb_max_change", found=self.max_change))
        if problems:
            raise RobustnessError(joined(problems, "; ", "；"))
