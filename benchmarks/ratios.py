"""What the benchmarks share: how far a ratio of two medians may move between runs on the same machine."""

from __future__ import annotations

import random
import statistics


def ratio_interval(values: list[float], base: list[float], draws: int = 2000) -> tuple[float, float]:
    """The 95% bootstrap interval of ``median(values) / median(base)``. The runs are resampled in pairs (ours and
    the reference's alternate, so the two of a pair met the machine in the same state)."""
    pick = random.Random(11)  # the same interval for the same samples
    n = min(len(values), len(base))
    ratios = []
    for _ in range(draws):
        chosen = [pick.randrange(n) for _ in range(n)]
        ratios.append(statistics.median([values[i] for i in chosen]) / statistics.median([base[i] for i in chosen]))
    ratios.sort()
    return ratios[int(0.025 * draws)], ratios[int(0.975 * draws) - 1]
