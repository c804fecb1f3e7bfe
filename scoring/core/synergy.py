"""The synergy formulas: the coupling-coordination model (C, T, D, class) and joint reduction.

The one copy of these formulas (docs/method.md, "Synergy" and "Co-control"), on floats or
arrays and with no scheme involved, so that the charts draw the same D the engine scores and
the demo's data are built with the same J. scoring/core/kernel.py works out each project's
U_P and U_C and applies them.
"""

from __future__ import annotations

import numpy as np


def coupling_coordination(u_p: np.ndarray, u_c: np.ndarray,
                          alpha: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(C, T, D) of the two-system coupling-coordination model (docs/method.md, "Synergy").

    C = 2·√(U_P·U_C)/(U_P + U_C), 0 when both are 0; T = α·U_P + (1 − α)·U_C; D = √(C·T).
    NaN in either index gives NaN throughout (no synergy index).
    """
    u_p, u_c = np.asarray(u_p, dtype=float), np.asarray(u_c, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        coupling = np.where(u_p + u_c > 0, 2.0 * np.sqrt(u_p * u_c) / (u_p + u_c), 0.0)
    coupling = np.where(np.isnan(u_p) | np.isnan(u_c), np.nan, coupling)
    coordination = alpha * u_p + (1.0 - alpha) * u_c
    return coupling, coordination, np.sqrt(coupling * coordination)



def synergy_class(degree: np.ndarray) -> np.ndarray:
    """The class of each D, 1–10 by its tenth (D = 0.35 is class 4); 0 where D is NaN (none)."""
    return np.where(
        np.isnan(degree), 0, np.minimum(np.floor(np.nan_to_num(degree) * 10 + 1e-9) + 1, 10)
    ).astype(int)


#: Joint reduction is clipped to this range (%): a reduction cannot exceed 100 %, and a rise
#: beyond 100 % says no more about co-control than a rise of 100 %.
JOINT_REDUCTION_RANGE = (-100.0, 100.0)


def joint_reduction(pollution_reduction: np.ndarray | float,
                    carbon_reduction: np.ndarray | float) -> np.ndarray:
    """Co-control measure J = min(pollutant reduction %, CO2 reduction %), clipped to ±100.

    The bounded replacement for the synergy elasticity (docs/method.md, "Co-control"): J > 0
    exactly when both fell (quadrant I) and is then the reduction achieved on *both* sides; it
    is negative when either rose, never explodes near a zero CO2 change, and does not reward
    two rises the way a ratio of two negative changes does. Works on floats and on arrays.
    """
    low, high = JOINT_REDUCTION_RANGE
    return np.clip(np.minimum(pollution_reduction, carbon_reduction), low, high)
