#!/usr/bin/env python3
"""Independent reference values for ClimateWarn's SPI and SPIW60.

Standard library only, written separately from the C# code so the two can disagree:
  * the regularised incomplete gamma P(a, x) is a plain power series (no continued fraction) around math.lgamma;
  * the normal quantile is statistics.NormalDist().inv_cdf (Wichura's AS241), not the C# Acklam + Halley;
  * Thom's estimator, the zero mass and the windows are re-implemented from DOMAIN.md section 3.

Input: GENERATED daily precipitation, not observations. A seeded 32-bit linear congruential generator drives a
two-state (wet/dry) Markov chain with a Zhongwei-like season (summer rain, dry winters), a per-year wetness factor
so some years are droughts, and exponential wet-day amounts rounded to 0.1 mm, for 1981-01-01 .. 2020-12-31.
Three days (2003-07-10 .. 2003-07-12) are set missing to exercise NaN propagation.

Usage: python3 spi_reference.py > spi_reference.csv
"""

import datetime
import math
import statistics
import sys

SEED = 20240601
START = datetime.date(1981, 1, 1)
END = datetime.date(2020, 12, 31)
CAL_FROM = datetime.date(1981, 1, 1)
CAL_TO = datetime.date(2010, 12, 31)
MIN_NON_ZERO = 10
LIMIT = 3.09
SPIW_DECAY = 0.9
SPIW_DAYS = 60
MISSING = {datetime.date(2003, 7, 10), datetime.date(2003, 7, 11), datetime.date(2003, 7, 12)}

# Chance of a wet day after a dry day, and mean wet-day amount (mm), January first.
P_WET = [0.05, 0.06, 0.10, 0.15, 0.20, 0.28, 0.35, 0.35, 0.28, 0.15, 0.06, 0.04]
MEAN_MM = [1.0, 1.2, 2.0, 3.0, 4.0, 5.5, 7.0, 7.0, 5.0, 3.0, 1.5, 1.0]


class Lcg:
    """Numerical Recipes' 32-bit LCG: x <- (1664525 x + 1013904223) mod 2^32, uniform in (0, 1)."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def uniform(self):
        self.state = (1664525 * self.state + 1013904223) & 0xFFFFFFFF
        return (self.state + 0.5) / 4294967296.0


def generate():
    rng = Lcg(SEED)
    days, rain = [], []
    wet_yesterday = False
    factor = 1.0
    d = START
    while d <= END:
        if d.month == 1 and d.day == 1:
            factor = 0.4 + rng.uniform()  # 0.4 (drought year) .. 1.4 (wet year)
        p = min(0.95, P_WET[d.month - 1] * factor * (1.8 if wet_yesterday else 1.0))
        wet = rng.uniform() < p
        amount = round(-MEAN_MM[d.month - 1] * math.log(rng.uniform()), 1) if wet else 0.0
        wet_yesterday = amount > 0
        days.append(d)
        rain.append(math.nan if d in MISSING else amount)
        d += datetime.timedelta(days=1)
    return days, rain


def window_sums(values, width, decay=1.0):
    out = []
    for i in range(len(values)):
        if i + 1 < width:
            out.append(math.nan)
            continue
        window = values[i - width + 1:i + 1]
        if any(math.isnan(v) for v in window):
            out.append(math.nan)
            continue
        # window[-1] is the day itself (age 0).
        out.append(math.fsum(decay ** age * v for age, v in enumerate(reversed(window))))
    return out


def gamma_p(a, x):
    """P(a, x) by the series e^-x x^a / Gamma(a+1) * sum x^k / ((a+1)...(a+k)); all terms positive, no cancellation."""
    if x <= 0:
        return 0.0
    term, total, k = 1.0, 1.0, 0
    while True:
        k += 1
        term *= x / (a + k)
        total += term
        if term < total * 1e-17 and k > x:
            break
    return math.exp(a * math.log(x) - x - math.lgamma(a + 1)) * total


def fit_months(days, sums):
    fits = {}
    for month in range(1, 13):
        sample = [s for d, s in zip(days, sums)
                  if d.month == month and CAL_FROM <= d <= CAL_TO and not math.isnan(s)]
        non_zero = [s for s in sample if s > 0]
        alpha = beta = math.nan
        if len(non_zero) >= MIN_NON_ZERO:
            mean = math.fsum(non_zero) / len(non_zero)
            a = math.log(mean) - math.fsum(math.log(s) for s in non_zero) / len(non_zero)
            if a > 0:
                alpha = (1 + math.sqrt(1 + 4 * a / 3)) / (4 * a)
                beta = mean / alpha
        fits[month] = (len(sample), len(sample) - len(non_zero), alpha, beta)
    return fits


def standardise(days, sums):
    fits = fit_months(days, sums)
    normal = statistics.NormalDist()
    out = []
    for d, x in zip(days, sums):
        n, zeros, alpha, beta = fits[d.month]
        if math.isnan(x):
            p = math.nan
        elif x == 0:
            # Centre of the zero mass, the mass estimated by the Weibull plotting position zeros / (n + 1).
            p = zeros / (2.0 * (n + 1)) if n >= MIN_NON_ZERO else math.nan
        elif math.isnan(alpha):
            p = math.nan
        else:
            q = zeros / n
            p = q + (1 - q) * gamma_p(alpha, x / beta)
        if math.isnan(p):
            out.append(math.nan)
        elif p <= 0:
            out.append(-LIMIT)
        elif p >= 1:
            out.append(LIMIT)
        else:
            out.append(max(-LIMIT, min(LIMIT, normal.inv_cdf(p))))
    return out


def main():
    days, rain = generate()
    spi30 = standardise(days, window_sums(rain, 30))
    spi90 = standardise(days, window_sums(rain, 90))
    spiw60 = standardise(days, window_sums(rain, SPIW_DAYS, SPIW_DECAY))

    def cell(v, digits):
        return "" if math.isnan(v) else f"{v:.{digits}f}"

    out = sys.stdout
    out.write("date,precip_mm,spi30,spi90,spiw60\n")
    for i, d in enumerate(days):
        out.write(f"{d.isoformat()},{cell(rain[i], 1)},{cell(spi30[i], 6)},{cell(spi90[i], 6)},{cell(spiw60[i], 6)}\n")


if __name__ == "__main__":
    main()
