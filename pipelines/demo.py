"""Seeded synthetic source for demos, tests and benchmarks (SPEC §6).

`generate` writes one file per contract table (pipelines.contract.TABLES, the optional
`activities` included) for two years of a fictional lender ending at the as-of date:
seven regions, direct and channel teams, officers of differing skill, ten products over
the four product lines and both segments, eleven channels of the five channel types,
customers who come back for more loans, a funnel with realistic drop-off, repayment
schedules, and repayments with cures, roll-forward, write-offs and prepayments.

Same seed and options → byte-identical files: every random draw comes from
`numpy.random.Generator(PCG64([seed, step]))`, one stream per generation step, and
money is computed in integer cents.

Three stories are planted for the retrospective to find; their ids are the same at
every scale and seed (see `PLANTED_STORIES` and `STORY_DESCRIPTIONS`).

Files: CSV is UTF-8 with a header of exactly the contract's column names in contract
order; dates `YYYY-MM-DD`; timestamps `YYYY-MM-DDTHH:MM:SS` (local time, no zone, no
fractions); money with exactly two decimals (`1234.50`); rates as plain decimals
(`0.0435`); nulls as empty fields. Parquet uses DATE, TIMESTAMP(us), DECIMAL(18,2) for
money, INT32 for integers and DOUBLE for rates.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl
from tqdm import tqdm

from pipelines.contract import DATE, INTEGER, MONEY, RATE, TABLES, TEXT, TIMESTAMP

DEFAULT_AS_OF = date(2026, 11, 20)
"""As-of date used when none is given; fixed so that a seed always gives the same files."""

SCALES: dict[str, int] = {"small": 20_000, "medium": 1_000_000, "large": 10_000_000}
HISTORY_DAYS = 730
"""Leads are created from as-of − 730 days up to the as-of date."""

PLANTED_STORIES: dict[str, str] = {
    "rising_delinquency_region": "R06",
    "falling_conversion_team": "T010",
    "high_volume_poor_quality_officer": "O0003",
}
"""The ids the three planted stories are about; the same at every scale and seed."""

STORY_DESCRIPTIONS: dict[str, str] = {
    "rising_delinquency_region": (
        "Northwest China (R06). From 92 days before as-of (about three months) a local economic shock hits "
        "the region's consumers and small firms (tickets under 3 million yuan): loans made since then go bad "
        "twice as often, mostly from their first installment; and between 50 and 15 days before as-of "
        "(October into early November at the default as-of) 80% of its performing small-ticket borrowers "
        "stop paying, more of them every week, each from their first installment due on that day or after. "
        "Its overdue rate is in line with the other regions until the wave, rises at the last month-end "
        "before the as-of month and jumps by the latest biweekly period end (2026-11-15 at the default "
        "as-of), far above its early-warning threshold there (its own previous six month-ends, the risen "
        "one included) and above every other region."
    ),
    "falling_conversion_team": (
        "North China Channel 1 (T010). For leads created from the first day of the month three months "
        "before the as-of month, far fewer leads get to a meeting and to an application (most are lost "
        "to a 'competitor offer'), so lead→disbursed conversion falls to about a fifth of the team's "
        "earlier level (from about 15% to about 3%) while its targets stay where they were."
    ),
    "high_volume_poor_quality_officer": (
        "Officer O0003 of East China Direct 1 (T001). From 365 days before as-of this officer gets about "
        "three times the leads, pushes weaker applications through approval and books larger tickets, "
        "landing in the top quarter by disbursed amount; but about a third of those loans miss their "
        "first or second installment, so the share 30+ days past due at MOB 3 is among the worst."
    ),
}

REGION_STORY_DAYS = 92
"""R06's shock starts this many days before as-of (about three months): loans made since then go bad more often."""
REGION_STORY_FIRST_ONSET_DAYS = 50
"""The first of R06's borrowers hit by the shock stop paying this many days before as-of."""
REGION_STORY_LAST_ONSET_DAYS = 15
"""The last of them stop paying this many days before as-of."""
REGION_STORY_ONSET_POWER = 2
"""The density of their onset days grows with this power of the time since the first (more of them every week)."""
REGION_STORY_HIT_SHARE = 0.8
"""The share of R06's performing small-ticket loans whose borrowers stop paying."""
TEAM_STORY_MONTHS = 3
OFFICER_STORY_DAYS = 365

_PLANTED_REGION = 5  # index of R06
_PLANTED_TEAM = 9  # index of T010: the second team (always a channel team) of R03
_PLANTED_OFFICER = 2  # index of O0003: officers of T001 are numbered first and it has at least 8

DAY = 86_400
_EPOCH = date(1970, 1, 1)

# Chinese New Year (Spring Festival) dates; outside 2020–2032 the demo simply has no CNY dip.
CNY_DATES: tuple[date, ...] = (
    date(2020, 1, 25),
    date(2021, 2, 12),
    date(2022, 2, 1),
    date(2023, 1, 22),
    date(2024, 2, 10),
    date(2025, 1, 29),
    date(2026, 2, 17),
    date(2027, 2, 6),
    date(2028, 1, 26),
    date(2029, 2, 13),
    date(2030, 2, 3),
    date(2031, 1, 23),
    date(2032, 2, 11),
)

# --------------------------------------------------------------------------------------
# The fictional lender
# --------------------------------------------------------------------------------------

_REGIONS = (
    ("R01", "East China", 0.24),
    ("R02", "South China", 0.20),
    ("R03", "North China", 0.16),
    ("R04", "Central China", 0.13),
    ("R05", "Southwest China", 0.12),
    ("R06", "Northwest China", 0.07),
    ("R07", "Northeast China", 0.08),
)

_LINES = ("credit", "guaranteed", "mortgage", "pledge")


@dataclass(frozen=True)
class _Product:
    product_id: str
    name: str
    line: str
    segment: str
    weight: float  # share of leads where the team sells the line
    median: float  # ticket size in yuan (log-normal median)
    sigma: float
    low: float
    high: float
    terms: tuple[int, ...]
    term_weights: tuple[float, ...]
    rate: float  # typical annual rate
    annuity: bool  # equal installments; otherwise equal principal
    pd: float  # lifetime default probability of an average borrower
    prepay: float  # probability of early payoff
    approval: float  # logit shift at approval
    speed: float  # multiplier on days between stages


# fmt: off
_PRODUCTS: tuple[_Product, ...] = (
    _Product("P01", "Consumer Credit Loan", "credit", "consumer", 0.24, 60e3, 0.75, 10e3, 500e3,
             (12, 24, 36), (0.40, 0.35, 0.25), 0.125, True, 0.09, 0.14, 0.0, 1.0),
    _Product("P02", "Online Quick Loan", "credit", "consumer", 0.13, 25e3, 0.60, 5e3, 200e3,
             (6, 12, 24), (0.30, 0.50, 0.20), 0.175, True, 0.14, 0.16, 0.2, 0.6),
    _Product("P03", "Consumer Guaranteed Loan", "guaranteed", "consumer", 0.08, 150e3, 0.60, 20e3, 1.5e6,
             (12, 24, 36), (0.30, 0.40, 0.30), 0.095, True, 0.06, 0.12, 0.0, 1.1),
    _Product("P04", "Home Mortgage", "mortgage", "consumer", 0.06, 1.0e6, 0.55, 200e3, 8e6,
             (60, 120, 180, 240), (0.15, 0.35, 0.30, 0.20), 0.042, True, 0.02, 0.25, -0.2, 1.8),
    _Product("P05", "Consumer Pledge Loan", "pledge", "consumer", 0.05, 200e3, 0.70, 20e3, 3e6,
             (6, 12, 24), (0.30, 0.50, 0.20), 0.065, True, 0.025, 0.10, 0.3, 0.9),
    _Product("P06", "Business Credit Loan", "credit", "business", 0.10, 400e3, 0.70, 50e3, 3e6,
             (12, 24, 36), (0.45, 0.35, 0.20), 0.085, False, 0.085, 0.10, -0.2, 1.4),
    _Product("P07", "Tax-based Business Loan", "credit", "business", 0.08, 300e3, 0.60, 50e3, 2e6,
             (12, 24), (0.60, 0.40), 0.07, False, 0.06, 0.10, 0.1, 1.1),
    _Product("P08", "Business Guaranteed Loan", "guaranteed", "business", 0.09, 1.0e6, 0.70, 100e3, 10e6,
             (12, 24, 36), (0.40, 0.35, 0.25), 0.075, False, 0.06, 0.08, -0.2, 1.5),
    _Product("P09", "Business Mortgage Loan", "mortgage", "business", 0.09, 2.2e6, 0.75, 300e3, 30e6,
             (36, 60, 120), (0.35, 0.45, 0.20), 0.05, False, 0.03, 0.12, -0.3, 1.9),
    _Product("P10", "Business Pledge Loan", "pledge", "business", 0.08, 1.5e6, 0.80, 100e3, 20e6,
             (6, 12, 24), (0.30, 0.45, 0.25), 0.06, False, 0.04, 0.08, 0.1, 1.3),
)
# fmt: on

_CHANNELS = (
    # id, name, type, conversion (logit shift), risk multiplier
    ("CH01", "Branch walk-in", "branch", 0.35, 0.80),
    ("CH02", "Branch cross-sell", "branch", 0.45, 0.75),
    ("CH03", "Mobile app", "online", -0.45, 1.50),
    ("CH04", "Website and mini-program", "online", -0.55, 1.60),
    ("CH05", "Auto and consumer-goods dealers", "partner", 0.00, 1.25),
    ("CH06", "Real-estate agencies", "partner", 0.10, 1.10),
    ("CH07", "Supply-chain platforms", "partner", 0.15, 0.95),
    ("CH08", "Customer referral", "referral", 0.60, 0.70),
    ("CH09", "Industry-association referral", "referral", 0.50, 0.75),
    ("CH10", "Outbound telesales", "telesales", -0.70, 1.35),
    ("CH11", "Inbound hotline", "telesales", -0.10, 1.15),
)
_ONLINE = np.array([c[2] == "online" for c in _CHANNELS])
_CH_CONV = np.array([c[3] for c in _CHANNELS])
_CH_RISK = np.array([c[4] for c in _CHANNELS])
# Channel mix by (team type, segment): rows direct/consumer, direct/business, channel/consumer, channel/business.
_CHANNEL_MIX = np.array(
    [
        [0.16, 0.10, 0.16, 0.08, 0.02, 0.02, 0.00, 0.14, 0.02, 0.20, 0.10],
        [0.18, 0.14, 0.04, 0.04, 0.00, 0.02, 0.06, 0.16, 0.14, 0.14, 0.08],
        [0.03, 0.02, 0.12, 0.08, 0.30, 0.22, 0.00, 0.08, 0.02, 0.08, 0.05],
        [0.04, 0.02, 0.03, 0.03, 0.06, 0.14, 0.40, 0.08, 0.12, 0.05, 0.03],
    ]
)

_INDUSTRIES = (
    "Manufacturing",
    "Wholesale and retail",
    "Construction",
    "Agriculture",
    "Transport and logistics",
    "Hospitality and catering",
    "Information technology",
    "Business services",
    "Real estate",
    "Healthcare",
)
_INDUSTRY_MIX = np.array([0.22, 0.22, 0.10, 0.08, 0.09, 0.08, 0.07, 0.07, 0.03, 0.04])

# fmt: off
_SURNAMES = (
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
    "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo",
    "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng",
)
# fmt: on
# fmt: off
_GIVEN_NAMES = (
    "Wei", "Fang", "Na", "Min", "Jing", "Lei", "Yang", "Jun", "Yan", "Jie",
    "Tao", "Ming", "Chao", "Xiuying", "Hui", "Qiang", "Ping", "Gang", "Li", "Hong",
    "Xiaoming", "Lihua", "Jianguo", "Haiyan", "Yufei", "Zihan", "Haoran", "Xin", "Ying", "Bo",
    "Dan", "Kai", "Lin", "Rui", "Shu", "Ting", "Xiang", "Yue", "Zhen", "Peng",
)
# fmt: on

# Funnel: base probability of passing stage k (contacted … disbursed) given the previous one.
_STAGE_PASS = np.array([0.88, 0.50, 0.48, 0.62, 0.86, 0.965])
_STAGE_GAP_DAYS = np.array([0.6, 3.0, 4.0, 3.5, 2.5, 2.0])  # median days from the previous stage
_STAGE_GAP_SIGMA = np.array([0.9, 0.7, 0.7, 0.6, 0.6, 0.6])
_EVENT_STAGES = ("contacted", "meeting", "application", "approved", "contracted", "disbursed", "rejected", "lost")
_REJECTED, _LOST = 6, 7
_REJECT_REASONS = (
    "credit score below policy",
    "debt-to-income too high",
    "insufficient collateral",
    "adverse credit history",
    "incomplete documents",
    "fraud check failed",
)
_LOST_REASONS = (
    "unreachable",
    "wrong contact details",
    "not interested",
    "competitor offer",
    "no longer needs funds",
    "rate too high",
    "documents not provided",
    "approved amount too low",
    "customer cancelled",
    "collateral registration failed",
)
# Which lost reasons apply when a lead fails to reach stage k (1–6; 4 is a rejection instead).
_REASONS = _LOST_REASONS + _REJECT_REASONS
_LOST_BY_STAGE = {
    1: ((0, 1, 2), (0.55, 0.15, 0.30)),
    2: ((2, 3, 4), (0.50, 0.30, 0.20)),
    3: ((3, 5, 6, 4), (0.35, 0.25, 0.25, 0.15)),
    5: ((5, 3, 7), (0.45, 0.30, 0.25)),
    6: ((8, 9), (0.70, 0.30)),
}
_ACTIVITY_TYPES = ("call", "visit", "meeting", "follow_up")

_WEEKDAY_FACTOR = np.array([1.10, 1.05, 1.00, 1.00, 0.95, 0.45, 0.30])  # Monday first
_MONTH_FACTOR = np.array([0.95, 0.85, 1.10, 1.05, 1.05, 1.10, 0.95, 0.95, 1.10, 0.90, 1.05, 1.10])


# --------------------------------------------------------------------------------------
# Public interface
# --------------------------------------------------------------------------------------


def parse_scale(text: str) -> int:
    """Number of leads for a `--scale` value: small, medium, large or a positive integer."""
    value = str(text).strip().lower().replace("_", "")
    if value in SCALES:
        return SCALES[value]
    if value.isdigit() and int(value) > 0:
        return int(value)
    raise ValueError(
        f"invalid scale {text!r}: use small (~20k leads), medium (~1M), large (~10M) or a positive number of leads"
    )


def generate(
    out: Path,
    n_leads: int,
    seed: int = 7,
    as_of: date | None = None,
    fmt: str = "csv",
    progress: bool = True,
) -> dict[str, int]:
    """Write a synthetic source of about `n_leads` leads into `out`; return the row count per table."""
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"unknown format {fmt!r}: use csv or parquet")
    if int(n_leads) < 1:
        raise ValueError("n_leads must be a positive number")
    if int(seed) < 0:
        raise ValueError("seed must be a non-negative integer")
    n_leads, seed = int(n_leads), int(seed)
    as_of = as_of or DEFAULT_AS_OF
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)

    tables = list(TABLES)
    steps = ["organisation", "leads", "funnel", "repeat customers", "loans", "repayments", "targets", "activities"]
    with tqdm(
        total=len(steps) + len(tables), desc="demo", unit="step", file=sys.stderr, disable=not progress, leave=True
    ) as bar:

        def step(name: str) -> None:
            bar.set_postfix_str(name)

        step("organisation")
        cal = _calendar(as_of)
        org = _organisation(_rng(seed, 1), n_leads, cal)
        bar.update()

        step("leads")
        n_repeat = round(0.07 * n_leads)
        first = _new_leads(_rng(seed, 2), n_leads - n_repeat, org, cal)
        bar.update()

        step("funnel")
        _funnel(_rng(seed, 3), first, org, cal)
        bar.update()

        step("repeat customers")
        repeat = _repeat_leads(_rng(seed, 4), first, n_repeat, org, cal)
        if len(repeat["created"]) < n_repeat:  # too few borrowers to come back: top up with new leads
            extra = _new_leads(_rng(seed, 5), n_repeat - len(repeat["created"]), org, cal)
            _funnel(_rng(seed, 6), extra, org, cal)
            first = _concat(first, extra)
        _funnel(_rng(seed, 7), repeat, org, cal)
        leads = _concat(first, repeat)
        bar.update()

        step("loans")
        loans = _loans(_rng(seed, 8), leads, org, cal)
        bar.update()

        step("repayments")
        schedule, payments = _repayments(_rng(seed, 9), loans, org, cal)
        bar.update()

        step("targets")
        targets = _targets(_rng(seed, 10), loans, org, cal)
        bar.update()

        step("activities")
        activities = _activities(_rng(seed, 11), leads, loans, org, cal)
        bar.update()

        frames = _frames(_rng(seed, 12), leads, loans, schedule, payments, targets, activities, org, cal)
        del leads, loans, schedule, payments, targets, activities
        counts: dict[str, int] = {}
        for name in tables:
            step(f"write {name}")
            frame = frames.pop(name)()
            _write(frame, out / f"{name}.{fmt}", fmt)
            counts[name] = frame.height
            del frame
            bar.update()
    return counts


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


def _rng(seed: int, stream: int) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64([seed, stream]))


def _day(d: date) -> int:
    return (d - _EPOCH).days


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _logit(p: np.ndarray | float) -> np.ndarray:
    return np.log(np.asarray(p) / (1.0 - np.asarray(p)))


def _categorical(rng: np.random.Generator, probs: np.ndarray, group: np.ndarray) -> np.ndarray:
    """One draw per row from the distribution in row `group[i]` of `probs` (one row if 1-D)."""
    probs = np.atleast_2d(np.asarray(probs, dtype=np.float64))
    cum = np.cumsum(probs / probs.sum(axis=1, keepdims=True), axis=1)
    cum[:, -1] = 1.0
    n_groups, k = cum.shape
    flat = (cum + np.arange(n_groups)[:, None]).ravel()
    g = np.asarray(group, dtype=np.int64)
    pos = np.searchsorted(flat, g + rng.random(len(g)), side="right")
    return np.minimum(pos - g * k, k - 1).astype(np.int16)


def _draw(rng: np.random.Generator, n: int, probs) -> np.ndarray:
    return _categorical(rng, np.asarray(probs, dtype=np.float64), np.zeros(n, dtype=np.int64))


def _month_index(days: np.ndarray) -> np.ndarray:
    """Months since 1970-01 of epoch days."""
    return np.asarray(days).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def _month_start(month_index: np.ndarray) -> np.ndarray:
    return np.asarray(month_index).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def _add_months(days: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Same day of month k months later, clipped to the end of that month (epoch days)."""
    months = _month_index(days)
    dom = np.asarray(days) - _month_start(months)
    target = months + np.asarray(k)
    length = _month_start(target + 1) - _month_start(target)
    return _month_start(target) + np.minimum(dom, length - 1)


def _concat(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    return {key: np.concatenate([a[key], b[key]], axis=-1) for key in a}


def _take(d: dict[str, np.ndarray], idx: np.ndarray) -> dict[str, np.ndarray]:
    return {key: value[idx] for key, value in d.items()}


def _round_principal(yuan: np.ndarray) -> np.ndarray:
    """Principal in cents, rounded to whole hundreds, thousands or ten-thousands of yuan by size."""
    step = np.where(yuan < 1e5, 100.0, np.where(yuan < 1e6, 1000.0, 10000.0))
    return (np.maximum(np.rint(yuan / step), 1.0) * step * 100).astype(np.int64)


# --------------------------------------------------------------------------------------
# Calendar: seasonality of lead creation and working days for processing
# --------------------------------------------------------------------------------------


@dataclass
class _Calendar:
    as_of_day: int
    start_day: int
    day_cum: np.ndarray  # cumulative lead-creation weight, len = days + 1
    day_weight: np.ndarray
    table_start: int
    next_workday: np.ndarray  # per day of the lookup table: the next bank working day (itself if working)
    next_open_day: np.ndarray  # the next day that is not a public holiday (weekends allowed)

    @property
    def as_of_end(self) -> int:
        """Last second of the as-of date."""
        return (self.as_of_day + 1) * DAY - 1

    def workday(self, day: np.ndarray, open_only: bool = False) -> np.ndarray:
        table = self.next_open_day if open_only else self.next_workday
        idx = np.clip(day - self.table_start, 0, len(table) - 1)
        return np.where((day >= self.table_start) & (day < self.table_start + len(table)), table[idx], day)


def _calendar(as_of: date) -> _Calendar:
    as_of_day = _day(as_of)
    start_day = as_of_day - HISTORY_DAYS
    days = np.arange(start_day, as_of_day + 1)
    weekday = (days + 3) % 7
    month = _month_index(days) % 12
    weight = _WEEKDAY_FACTOR[weekday] * _MONTH_FACTOR[month] * (1.0 + 0.3 * (days - start_day) / HISTORY_DAYS)
    for cny in CNY_DATES:
        offset = days - _day(cny)
        weight *= np.where((offset >= -10) & (offset < -3), 0.75, 1.0)
        weight *= np.where((offset >= -3) & (offset <= 7), 0.25, 1.0)
        weight *= np.where((offset > 7) & (offset <= 15), 0.80, 1.0)
    golden_week = _golden_week(days)
    weight *= np.where(golden_week, 0.35, 1.0)
    day_cum = np.concatenate([[0.0], np.cumsum(weight)])

    table_start = start_day - 30
    table = np.arange(table_start, as_of_day + 2000)
    holiday = _golden_week(table)
    for cny in CNY_DATES:
        offset = table - _day(cny)
        holiday |= (offset >= -1) & (offset <= 6)
    weekend = (table + 3) % 7 >= 5
    return _Calendar(
        as_of_day=as_of_day,
        start_day=start_day,
        day_cum=day_cum,
        day_weight=weight,
        table_start=table_start,
        next_workday=_next_allowed(table, ~(holiday | weekend)),
        next_open_day=_next_allowed(table, ~holiday),
    )


def _golden_week(days: np.ndarray) -> np.ndarray:
    d = days.astype("datetime64[D]")
    month = d.astype("datetime64[M]")
    dom = (d - month.astype("datetime64[D]")).astype(np.int64) + 1
    return (month.astype(np.int64) % 12 == 9) & (dom <= 7)


def _next_allowed(days: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    ok = days[allowed]
    pos = np.minimum(np.searchsorted(ok, days), len(ok) - 1)
    return ok[pos]


def _place(rng: np.random.Generator, t: np.ndarray, earliest: np.ndarray, cal: _Calendar, mode: str) -> np.ndarray:
    """Move times onto working hours (and, by mode, onto working days), never before `earliest`."""
    day = t // DAY
    if mode == "bank":
        # Work that arrives on a weekend or holiday is spread over the next few working days.
        closed = cal.workday(day) != day
        day = cal.workday(day + np.where(closed, rng.integers(0, 4, len(t)), 0))
    elif mode == "open":
        day = cal.workday(day, open_only=True)
    placed = day * DAY + rng.integers(int(8.5 * 3600), int(18.5 * 3600), len(t))
    bump = earliest + rng.integers(300, 7200, len(t))
    return np.where(placed <= earliest, bump, placed)


# --------------------------------------------------------------------------------------
# Organisation
# --------------------------------------------------------------------------------------


@dataclass
class _Org:
    team_region: np.ndarray
    team_direct: np.ndarray  # bool
    team_names: list[str]
    team_lines: np.ndarray  # teams × 4 bool
    officer_team: np.ndarray
    officer_skill: np.ndarray
    officer_productivity: np.ndarray
    officer_hire: np.ndarray  # epoch days
    officer_leave: np.ndarray  # epoch days, -1 when still employed
    officer_names: list[str]
    product_line: np.ndarray  # per product, index into _LINES
    product_business: np.ndarray  # bool per product
    team_product_mix: np.ndarray  # teams × products

    @property
    def officer_region(self) -> np.ndarray:
        return self.team_region[self.officer_team]

    def active(self, officer: np.ndarray, day: np.ndarray) -> np.ndarray:
        leave = self.officer_leave[officer]
        return (self.officer_hire[officer] <= day) & ((leave < 0) | (day < leave))


def _organisation(rng: np.random.Generator, n_leads: int, cal: _Calendar) -> _Org:
    # Bigger books get more teams (about √ of the lead count), each region at least two.
    n_total = int(np.clip(round(20 * math.sqrt(n_leads / 20_000)), 14, 600))
    share = np.array([r[2] for r in _REGIONS])
    per_region = np.maximum(2, np.rint(share * n_total)).astype(int)
    # Team numbering runs seq-major (first team of every region, then the second, …) so that
    # T001–T014 always exist with the same region and type, whatever the scale.
    team_region, team_seq = [], []
    for seq in range(1, per_region.max() + 1):
        for r in range(len(_REGIONS)):
            if seq <= per_region[r]:
                team_region.append(r)
                team_seq.append(seq)
    team_region = np.array(team_region)
    team_seq = np.array(team_seq)
    n_teams = len(team_region)
    team_direct = np.where(team_seq == 1, True, np.where(team_seq == 2, False, rng.random(n_teams) < 0.55))
    team_lines = np.ones((n_teams, 4), dtype=bool)
    channel_extra = np.where(rng.random(n_teams) < 0.5, 2, 3)  # channel teams sell mortgage or pledge
    for t in np.flatnonzero(~team_direct):
        team_lines[t, 2:] = False
        team_lines[t, channel_extra[t]] = True
    team_names, counter = [], {}
    for t in range(n_teams):
        kind = "Direct" if team_direct[t] else "Channel"
        counter[(team_region[t], kind)] = counter.get((team_region[t], kind), 0) + 1
        team_names.append(f"{_REGIONS[team_region[t]][1]} {kind} {counter[(team_region[t], kind)]}")

    team_size = rng.integers(8, 16, n_teams)
    officer_team = np.repeat(np.arange(n_teams), team_size)
    n_off = len(officer_team)
    skill = rng.normal(0.0, 1.0, n_off)
    productivity = rng.lognormal(0.0, 0.3, n_off)
    veteran = rng.random(n_off) < 0.78
    hire = np.where(
        veteran,
        cal.start_day - rng.integers(30, 9 * 365, n_off),
        cal.start_day + rng.integers(0, HISTORY_DAYS - 90, n_off),
    )
    leave_lo = np.maximum(hire, cal.start_day) + 90
    leave_hi = cal.as_of_day - 5
    leaves = (rng.random(n_off) < 0.12) & (leave_lo < leave_hi)
    leave_at = leave_lo + (rng.random(n_off) * np.maximum(leave_hi - leave_lo, 1)).astype(np.int64)
    leave = np.where(leaves, leave_at, -1)
    # The planted officer is an established good seller who is still with the company.
    skill[_PLANTED_OFFICER] = 1.0
    productivity[_PLANTED_OFFICER] = 1.1
    hire[_PLANTED_OFFICER] = cal.start_day - 3 * 365
    leave[_PLANTED_OFFICER] = -1
    surname = rng.integers(0, len(_SURNAMES), n_off)
    given = rng.integers(0, len(_GIVEN_NAMES), n_off)
    officer_names = [f"{_SURNAMES[s]} {_GIVEN_NAMES[g]}" for s, g in zip(surname, given, strict=True)]

    product_line = np.array([_LINES.index(p.line) for p in _PRODUCTS])
    product_business = np.array([p.segment == "business" for p in _PRODUCTS])
    base_mix = np.array([p.weight for p in _PRODUCTS])
    team_product_mix = base_mix[None, :] * team_lines[:, product_line]
    # Teams differ in how much business lending they do.
    business_tilt = rng.lognormal(0.0, 0.35, n_teams)
    team_product_mix = team_product_mix * np.where(product_business[None, :], business_tilt[:, None], 1.0)
    return _Org(
        team_region=team_region,
        team_direct=team_direct,
        team_names=team_names,
        team_lines=team_lines,
        officer_team=officer_team,
        officer_skill=skill,
        officer_productivity=productivity,
        officer_hire=hire.astype(np.int64),
        officer_leave=leave.astype(np.int64),
        officer_names=officer_names,
        product_line=product_line,
        product_business=product_business,
        team_product_mix=team_product_mix,
    )


# --------------------------------------------------------------------------------------
# Leads
# --------------------------------------------------------------------------------------

_P_MEDIAN = np.array([p.median for p in _PRODUCTS])
_P_SIGMA = np.array([p.sigma for p in _PRODUCTS])
_P_LOW = np.array([p.low for p in _PRODUCTS])
_P_HIGH = np.array([p.high for p in _PRODUCTS])
_P_RATE = np.array([p.rate for p in _PRODUCTS])
_P_PD = np.array([p.pd for p in _PRODUCTS])
_P_PREPAY = np.array([p.prepay for p in _PRODUCTS])
_P_APPROVAL = np.array([p.approval for p in _PRODUCTS])
_P_SPEED = np.array([p.speed for p in _PRODUCTS])
_P_ANNUITY = np.array([p.annuity for p in _PRODUCTS])


def _officer_slots(org: _Org, cal: _Calendar) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(officer, first day index, last day index, weight) of each stretch an officer takes leads in."""
    n_off = len(org.officer_team)
    first = np.maximum(org.officer_hire, cal.start_day) - cal.start_day
    last = np.where(org.officer_leave >= 0, org.officer_leave - 1, cal.as_of_day) - cal.start_day
    last = np.minimum(last, HISTORY_DAYS)
    officer = np.arange(n_off)
    boost = np.ones(n_off)
    # The planted officer takes three times the leads in the last year: a second stretch.
    split = HISTORY_DAYS - OFFICER_STORY_DAYS
    p = _PLANTED_OFFICER
    officer = np.append(officer, p)
    first = np.append(first, split)
    last = np.append(last, last[p])
    boost = np.append(boost, 3.0)
    last[p] = split - 1
    weight = org.officer_productivity[officer] * boost * (cal.day_cum[last + 1] - cal.day_cum[first])
    return officer, first, last, weight


def _new_leads(rng: np.random.Generator, n: int, org: _Org, cal: _Calendar) -> dict[str, np.ndarray]:
    """Leads from new customers: officer by productivity, date by seasonality, product by team mix."""
    slot_officer, slot_first, slot_last, slot_weight = _officer_slots(org, cal)
    counts = rng.multinomial(n, slot_weight / slot_weight.sum())
    slot = np.repeat(np.arange(len(slot_officer)), counts)
    lo, hi = cal.day_cum[slot_first[slot]], cal.day_cum[slot_last[slot] + 1]
    day_idx = np.searchsorted(cal.day_cum, lo + rng.random(n) * (hi - lo), side="right") - 1
    day_idx = np.clip(day_idx, slot_first[slot], slot_last[slot])
    officer = slot_officer[slot]
    team = org.officer_team[officer]
    product = _categorical(rng, org.team_product_mix, team)
    business = org.product_business[product]
    channel = _categorical(rng, _CHANNEL_MIX, (~org.team_direct[team]).astype(np.int64) * 2 + business)
    online = _ONLINE[channel]
    tod = np.where(
        online,
        rng.integers(7 * 3600, 23 * 3600, n),
        rng.integers(int(8.5 * 3600), int(19 * 3600), n),
    )
    created = (cal.start_day + day_idx).astype(np.int64) * DAY + tod
    score = np.where(business, rng.normal(66, 12, n), rng.normal(63, 14, n))
    score = np.clip(np.rint(score), 0, 100)
    score[rng.random(n) < np.where(business, 0.12, 0.07)] = np.nan
    skill = org.officer_skill[officer]
    planted = (officer == _PLANTED_OFFICER) & (created >= (cal.as_of_day - OFFICER_STORY_DAYS) * DAY)
    log_ticket = (
        np.log(_P_MEDIAN[product])
        + _P_SIGMA[product] * rng.standard_normal(n)
        + 0.12 * skill
        + np.where(planted, 0.25, 0.0)
    )
    ticket = np.clip(np.exp(log_ticket), _P_LOW[product], _P_HIGH[product])
    return {
        "created": created,
        "officer": officer.astype(np.int32),
        "product": product,
        "channel": channel,
        "score": score,
        "principal": _round_principal(ticket),
        "customer": np.full(n, -1, dtype=np.int64),  # new customer, numbered later
        "repeat": np.zeros(n, dtype=bool),
    }


def _funnel(rng: np.random.Generator, leads: dict[str, np.ndarray], org: _Org, cal: _Calendar) -> None:
    """Simulate each lead's stage events (adds `stage_at` 6×n, `outcome`, `outcome_at`, `reason`)."""
    n = len(leads["created"])
    officer, product, channel = leads["officer"], leads["product"], leads["channel"]
    team = org.officer_team[officer]
    skill = org.officer_skill[officer]
    score = leads["score"]
    repeat = leads["repeat"]
    created = leads["created"]
    business = org.product_business[product]

    team_story_start = _month_start(_month_index(np.array([cal.as_of_day])) - TEAM_STORY_MONTHS)[0] * DAY
    team_story = (team == _PLANTED_TEAM) & (created >= team_story_start)
    officer_story = (officer == _PLANTED_OFFICER) & (created >= (cal.as_of_day - OFFICER_STORY_DAYS) * DAY)

    sales = 0.35 * skill + _CH_CONV[channel] + np.where(repeat, 1.3, 0.0)
    score_effect = np.where(np.isnan(score), -0.35, 0.045 * (np.nan_to_num(score, nan=62.0) - 62.0))
    shift = [
        0.5 * _CH_CONV[channel] + np.where(repeat, 0.8, 0.0),
        sales - np.where(team_story, 1.4, 0.0),
        sales - np.where(team_story, 1.4, 0.0),
        score_effect + _P_APPROVAL[product] + np.where(repeat, 0.8, 0.0) + np.where(officer_story, 0.8, 0.0),
        0.2 * skill - np.where(team_story, 0.7, 0.0),
        np.zeros(n),
    ]
    speed = _P_SPEED[product] * np.where(repeat, 0.6, 1.0) * np.where(business, 1.1, 1.0)

    stage_at = np.full((6, n), -1, dtype=np.int64)
    fail = np.zeros(n, dtype=np.int8)  # stage the lead failed to reach (0: none)
    alive = np.ones(n, dtype=bool)
    t_prev = created.copy()
    modes = ("any", "open", "open", "bank", "bank", "bank")
    for k in range(6):
        passed = alive & (rng.random(n) < _sigmoid(_logit(_STAGE_PASS[k]) + shift[k]))
        fail[alive & ~passed] = k + 1
        gap = _STAGE_GAP_DAYS[k] * speed * np.exp(_STAGE_GAP_SIGMA[k] * rng.standard_normal(n))
        if k == 3:  # some applications stall waiting for documents or a guarantor
            gap = gap + np.where(rng.random(n) < 0.04, rng.uniform(20, 80, n), 0.0)
        t = t_prev + (np.minimum(gap, 200.0) * DAY).astype(np.int64)
        t = _place(rng, t, t_prev, cal, modes[k])
        if k == 5:
            t = _quarter_end_push(rng, t, t_prev, cal)
        stage_at[k] = np.where(passed, t, -1)
        t_prev = np.where(passed, t, t_prev)
        alive = passed

    # Outcome events: a rejection at approval; otherwise usually a `lost` event with a reason.
    outcome = np.zeros(n, dtype=np.int8)
    outcome_at = np.full(n, -1, dtype=np.int64)
    reason = np.full(n, -1, dtype=np.int16)
    rejected = fail == 4
    lost = (fail > 0) & ~rejected & (rng.random(n) < 0.75)
    wait = (np.minimum(np.exp(np.log(6.0) + 0.8 * rng.standard_normal(n)), 120.0) * DAY).astype(np.int64)
    when = _place(rng, t_prev + wait, t_prev, cal, "any")
    outcome[rejected] = _REJECTED
    outcome[lost] = _LOST
    outcome_at = np.where(rejected | lost, when, -1)
    reason[rejected] = len(_LOST_REASONS) + _draw(rng, int(rejected.sum()), np.ones(len(_REJECT_REASONS)))
    for k, (choices, probs) in _LOST_BY_STAGE.items():
        m = lost & (fail == k)
        pick = _draw(rng, int(m.sum()), probs)
        reason[m] = np.asarray(choices)[pick]
    competitor = lost & team_story & (rng.random(n) < 0.7)
    reason[competitor] = _LOST_REASONS.index("competitor offer")

    # Nothing after the as-of date has happened yet: those leads are still open.
    end = cal.as_of_end
    stage_at[stage_at > end] = -1
    late = outcome_at > end
    outcome[late], outcome_at[late], reason[late] = 0, -1, -1
    # Most online leads go straight from contact to an application without a meeting.
    leads["skip_meeting"] = _ONLINE[channel] & (rng.random(n) < 0.85)
    leads["stage_at"] = stage_at
    leads["outcome"] = outcome
    leads["outcome_at"] = outcome_at
    leads["reason"] = reason


def _quarter_end_push(rng: np.random.Generator, t: np.ndarray, t_prev: np.ndarray, cal: _Calendar) -> np.ndarray:
    """Pull disbursements due just after a quarter end back into the quarter (the quarter-end push)."""
    month = _month_index(t_prev // DAY)
    quarter_end = _month_start(month - month % 3 + 3) - 1  # last day of the quarter of the previous stage
    late = (t // DAY > quarter_end) & (t // DAY - quarter_end <= 20) & (rng.random(len(t)) < 0.6)
    pushed = quarter_end * DAY + rng.integers(9 * 3600, 20 * 3600, len(t)) - rng.integers(0, 3, len(t)) * DAY
    pushed = np.maximum(pushed, t_prev + rng.integers(600, 3600, len(t)))
    return np.where(late, pushed, t)


def _repeat_leads(
    rng: np.random.Generator, first: dict[str, np.ndarray], n: int, org: _Org, cal: _Calendar
) -> dict[str, np.ndarray]:
    """Borrowers who come back for another loan some months after their first one."""
    borrowed = np.flatnonzero(first["stage_at"][5] >= 0)
    src = np.concatenate([borrowed, borrowed])
    disbursed_day = first["stage_at"][5][src] // DAY
    gap = rng.integers(60, 540, len(src)) + np.where(np.arange(len(src)) >= len(borrowed), 300, 0)
    day = disbursed_day + gap
    officer = first["officer"][src]
    ok = (day <= cal.as_of_day) & org.active(officer, day)
    candidates = np.flatnonzero(ok)
    if len(candidates) > n:
        candidates = np.sort(rng.choice(candidates, size=n, replace=False))
    src, day, officer = src[candidates], day[candidates], officer[candidates]
    m = len(src)
    team = org.officer_team[officer]
    product = first["product"][src].copy()
    business = org.product_business[product]
    # 40% switch to another product of the same segment that the team sells.
    other = _categorical(rng, org.team_product_mix, team)
    switch = (rng.random(m) < 0.4) & (org.product_business[other] == business)
    product = np.where(switch, other, product).astype(np.int16)
    channel = np.where(
        rng.random(m) < 0.5,
        first["channel"][src],
        _categorical(rng, _CHANNEL_MIX, (~org.team_direct[team]).astype(np.int64) * 2 + business),
    ).astype(np.int16)
    grown = first["principal"][src] / 100 * np.exp(rng.normal(0.1, 0.3, m))
    fresh = np.exp(np.log(_P_MEDIAN[product]) + _P_SIGMA[product] * rng.standard_normal(m))
    ticket = np.clip(np.where(switch, fresh, grown), _P_LOW[product], _P_HIGH[product])
    created = day * DAY + rng.integers(int(8.5 * 3600), int(19 * 3600), m)
    return {
        "created": created.astype(np.int64),
        "officer": officer.astype(np.int32),
        "product": product,
        "channel": channel,
        "score": first["score"][src],
        "principal": _round_principal(ticket),
        "customer": src.astype(np.int64),  # the first-pass lead whose customer this is
        "repeat": np.ones(m, dtype=bool),
    }


# --------------------------------------------------------------------------------------
# Loans, schedules and repayments
# --------------------------------------------------------------------------------------


def _loans(rng: np.random.Generator, leads: dict[str, np.ndarray], org: _Org, cal: _Calendar) -> dict[str, np.ndarray]:
    """One loan per disbursed lead, plus direct renewals (no lead) of short business loans."""
    # Number customers: every first-pass lead brings a new customer; repeat leads point at one.
    n = len(leads["created"])
    customer = np.where(leads["customer"] < 0, np.arange(n), leads["customer"])
    leads["customer"] = customer  # lead index of the customer's first lead, numbered in _frames

    src = np.flatnonzero(leads["stage_at"][5] >= 0)
    m = len(src)
    product = leads["product"][src]
    score = leads["score"][src]
    term = _pick_terms(rng, product)
    risk_premium = np.where(np.isnan(score), 0.01, 0.0012 * (62.0 - np.nan_to_num(score, nan=62.0)))
    rate = np.clip(_P_RATE[product] + risk_premium + rng.normal(0, 0.006, m), 0.03, 0.24)
    loans = {
        "lead": src.astype(np.int64),
        "customer": customer[src],
        "officer": leads["officer"][src],
        "product": product,
        "channel": leads["channel"][src],
        "principal": leads["principal"][src],
        "rate": np.round(rate, 4),
        "term": term,
        "disbursed": leads["stage_at"][5][src] // DAY,
        "score": score,
        "repeat": leads["repeat"][src],
        "renewed": np.zeros(m, dtype=bool),
    }
    # Direct renewals: a short business credit/guaranteed/pledge loan repaid at maturity and rolled over.
    maturity = _add_months(loans["disbursed"], term)
    line = org.product_line[product]
    eligible = (
        org.product_business[product]
        & (line != _LINES.index("mortgage"))
        & (term <= 12)
        & (maturity <= cal.as_of_day)
        & org.active(loans["officer"], maturity)
        & (rng.random(m) < 0.3)
    )
    r = np.flatnonzero(eligible)
    loans["renewed"][r] = True
    renewal = _take(loans, r)
    renewal["lead"] = np.full(len(r), -1, dtype=np.int64)
    renewal["disbursed"] = maturity[r]
    ticket = renewal["principal"] / 100 * rng.uniform(0.9, 1.3, len(r))
    renewal["principal"] = _round_principal(np.clip(ticket, _P_LOW[renewal["product"]], _P_HIGH[renewal["product"]]))
    renewal["rate"] = np.round(np.clip(renewal["rate"] + rng.normal(0, 0.003, len(r)), 0.03, 0.24), 4)
    renewal["repeat"] = np.ones(len(r), dtype=bool)
    renewal["renewed"] = np.zeros(len(r), dtype=bool)
    loans = _concat(loans, renewal)
    order = np.lexsort((loans["lead"] < 0, loans["lead"], loans["disbursed"]))
    return _take(loans, order)


def _pick_terms(rng: np.random.Generator, product: np.ndarray) -> np.ndarray:
    width = max(len(p.terms) for p in _PRODUCTS)
    terms = np.zeros((len(_PRODUCTS), width), dtype=np.int64)
    weights = np.zeros((len(_PRODUCTS), width))
    for i, p in enumerate(_PRODUCTS):
        terms[i, : len(p.terms)] = p.terms
        weights[i, : len(p.terms)] = p.term_weights
    pick = _categorical(rng, weights, product)
    return terms[product, pick]


@dataclass
class _Schedule:
    loan: np.ndarray
    number: np.ndarray
    due: np.ndarray
    principal: np.ndarray
    interest: np.ndarray


def _repayments(
    rng: np.random.Generator, loans: dict[str, np.ndarray], org: _Org, cal: _Calendar
) -> tuple[_Schedule, dict[str, np.ndarray]]:
    """Installment schedules, borrower behaviour, payments and write-offs (sets loans['written_off'])."""
    n = len(loans["principal"])
    product, term, disbursed = loans["product"], loans["term"], loans["disbursed"]
    officer = loans["officer"]
    region = org.team_region[org.officer_team[officer]]
    score = loans["score"]
    as_of = cal.as_of_day

    # Behaviour: 0 pays on time, 1 falls behind then cures, 2 defaults, 3 prepays.
    pd = (
        _P_PD[product]
        * np.where(np.isnan(score), 1.5, np.exp(-0.04 * (np.nan_to_num(score, nan=62.0) - 62.0)))
        * _CH_RISK[loans["channel"]]
        * np.exp(-0.25 * org.officer_skill[officer])
        * np.where(loans["repeat"], 0.7, 1.0)
        # Very large tickets are well secured and closely watched: they go bad less often.
        * np.minimum(1.0, (loans["principal"] / 100e6) ** -0.35)
    )
    # Story: from REGION_STORY_DAYS before as-of a local economic shock hits the planted region's
    # consumers and small firms (not the largest tickets). Loans made since then go bad twice as
    # often, mostly from the first installment; and then a wave of its borrowers stop paying.
    shock = as_of - REGION_STORY_DAYS
    small_ticket = loans["principal"] < 300_000_000
    region_new = (region == _PLANTED_REGION) & (disbursed >= shock) & small_ticket
    pd = np.minimum(pd * np.where(region_new, 2.0, 1.0), 0.85)
    u = rng.random(n)
    behaviour = np.zeros(n, dtype=np.int8)
    behaviour[u < pd] = 2
    behaviour[(u >= pd) & (u < 2.5 * pd)] = 1
    behaviour[(behaviour == 0) & (term >= 3) & (rng.random(n) < _P_PREPAY[product])] = 3
    first_missed = 1 + np.floor(term * rng.beta(1.1, 2.2, n)).astype(np.int64)
    early = region_new & (behaviour > 0) & (behaviour < 3)
    first_missed = np.where(early, np.where(rng.integers(1, 4, n) < 3, 1, 2), first_missed)  # 2/3 from the first
    months_behind = rng.integers(1, 4, n)

    # Then REGION_STORY_HIT_SHARE of the region's performing small-ticket loans (not already in arrears,
    # made before the onset) stop paying from the first installment due on or after their borrower's
    # onset day. Onsets fall between REGION_STORY_FIRST_ONSET_DAYS and REGION_STORY_LAST_ONSET_DAYS
    # before as-of, more of them every week. Installments fall due monthly on the disbursement's day of
    # month, so an onset shows as overdue up to a month later: at the default as-of, the October
    # month-end rises (installments missed in October) and the biweekly end 2026-11-15 jumps (those
    # missed on 1–14 November come on top), far above the threshold that October's rise has lifted.
    spread = REGION_STORY_FIRST_ONSET_DAYS - REGION_STORY_LAST_ONSET_DAYS
    growth = rng.random(n) ** (1.0 / (REGION_STORY_ONSET_POWER + 1))  # density ∝ time since the first onset ** power
    onset = as_of - REGION_STORY_FIRST_ONSET_DAYS + (growth * spread).astype(np.int64)
    months = np.maximum(_month_index(onset) - _month_index(disbursed), 1)
    onset_k = np.where(_add_months(disbursed, months) >= onset, months, months + 1)
    behind_before = ((behaviour == 1) | (behaviour == 2)) & (first_missed < onset_k)
    hit = (
        (region == _PLANTED_REGION)
        & (disbursed < onset)
        & ~behind_before
        & (onset_k <= term)
        & small_ticket
        & (rng.random(n) < REGION_STORY_HIT_SHARE)
    )
    behaviour[hit] = 2
    first_missed[hit] = onset_k[hit]

    # Story: the planted officer's last-year loans often miss the first or second installment.
    story = (officer == _PLANTED_OFFICER) & (disbursed >= as_of - OFFICER_STORY_DAYS) & (rng.random(n) < 0.38)
    behaviour[story] = np.where(rng.random(int(story.sum())) < 0.6, 2, 1)
    first_missed[story] = np.where(rng.random(int(story.sum())) < 0.6, 1, 2)
    months_behind[story] = rng.integers(3, 6, int(story.sum()))

    behaviour[loans["renewed"]] = 0  # rolled over at maturity: paid in full
    first_missed = np.minimum(first_missed, term)
    months_behind = np.minimum(months_behind, term - first_missed + 1)
    prepay_k = np.where(term >= 3, rng.integers(2, np.maximum(term, 3)), term)
    cure_day = _add_months(disbursed, first_missed + months_behind - 1) + rng.integers(3, 25, n)
    prepay_day = np.maximum(_add_months(disbursed, prepay_k) - rng.integers(0, 25, n), disbursed + 1)
    prepaid = (behaviour == 3) & (prepay_day <= as_of)
    first_missed_due = _add_months(disbursed, first_missed)
    write_off = first_missed_due + rng.integers(180, 271, n)
    written_off = (behaviour == 2) & (rng.random(n) < 0.85) & (write_off <= as_of)
    loans["written_off"] = np.where(written_off, write_off, -1)
    habitually_late = np.where(rng.random(n) < 0.08, 0.25, 0.03)

    # Schedules: one row per installment, monthly from the month after disbursement.
    starts = np.cumsum(term) - term
    loan = np.repeat(np.arange(n, dtype=np.int32), term)
    k = (np.arange(len(loan), dtype=np.int64) - np.repeat(starts, term) + 1).astype(np.int32)
    due = _add_months(disbursed[loan], k)
    principal, interest = _amortise(loans["principal"], loans["rate"], term, _P_ANNUITY[product], loan, k)
    # Days between due and paid date of an installment paid on its own, drawn for every scheduled
    # installment before prepayments restate schedules: a change of the stories' borrowers (who
    # stop paying instead of prepaying) then leaves every other loan's payments as they were.
    scheduled = len(loan)
    late = rng.random(scheduled) < habitually_late[loan]
    offset = np.where(late, rng.integers(1, 16, scheduled), -rng.integers(0, 6, scheduled))

    # A realised prepayment restates the schedule: the prepaid installment takes the rest of the principal.
    lk = k.astype(np.int64)
    cum = np.cumsum(principal)
    before = cum - principal - (cum[starts] - principal[starts])[loan]
    prepaid_row = prepaid[loan]
    at_prepay = prepaid_row & (lk == prepay_k[loan])
    principal = np.where(at_prepay, loans["principal"][loan] - before, principal)
    keep = ~(prepaid_row & (lk > prepay_k[loan]))
    loan, k, due, principal, interest = loan[keep], k[keep], due[keep], principal[keep], interest[keep]
    lk, at_prepay, offset = lk[keep], at_prepay[keep], offset[keep]

    # When each installment gets paid (-1: not yet / never).
    behind = behaviour[loan]
    paid = due + offset
    missed_from = first_missed[loan]
    curing = (behind == 1) & (lk >= missed_from) & (lk < missed_from + months_behind[loan])
    paid = np.where(curing, cure_day[loan], paid)
    paid = np.where((behind == 2) & (lk >= missed_from), -1, paid)
    paid = np.where(at_prepay, prepay_day[loan], paid)
    paid = np.where(paid >= 0, np.maximum(paid, disbursed[loan]), -1)
    paid[paid > as_of] = -1

    # One payment per loan and day: arrears settled together are one transfer.
    has = paid >= 0
    p_loan, p_day, p_amount = loan[has].astype(np.int64), paid[has], (principal + interest)[has]
    key = p_loan * 1_000_000 + (p_day - cal.start_day + 1000)
    order = np.argsort(key, kind="stable")
    key, p_amount = key[order], p_amount[order]
    first_of = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    amount = np.add.reduceat(p_amount, first_of) if len(first_of) else p_amount[:0]
    pay_loan = p_loan[order][first_of]
    pay_day = p_day[order][first_of]
    by_date = np.lexsort((pay_loan, pay_day))
    payments = {"loan": pay_loan[by_date], "day": pay_day[by_date], "amount": amount[by_date]}
    return _Schedule(loan, k, due, principal, interest), payments


def _amortise(
    principal: np.ndarray,
    rate: np.ndarray,
    term: np.ndarray,
    annuity: np.ndarray,
    loan: np.ndarray,
    k: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Principal and interest due per installment in cents; principal sums exactly to the loan's."""
    p = principal[loan].astype(np.float64)
    r = rate[loan] / 12.0
    n = term[loan].astype(np.float64)
    kf = k.astype(np.float64)
    growth_prev, growth = (1 + r) ** (kf - 1), (1 + r) ** kf
    payment = p * r / (1 - (1 + r) ** -n)
    # Balance after k installments, rounded to cents; the last is exactly zero, so the
    # differences telescope to the principal.
    annuity_prev = p * growth_prev - payment * (growth_prev - 1) / r
    annuity_after = p * growth - payment * (growth - 1) / r
    base = principal[loan] // term[loan]
    linear_prev = principal[loan] - base * (k - 1)
    linear_after = principal[loan] - base * k
    use_annuity = annuity[loan]
    prev = np.where(use_annuity, np.rint(annuity_prev), linear_prev).astype(np.int64)
    after = np.where(use_annuity, np.rint(annuity_after), linear_after).astype(np.int64)
    prev = np.where(k == 1, principal[loan], prev)
    after = np.where(k == term[loan], 0, after)
    return prev - after, np.rint(prev * r).astype(np.int64)


# --------------------------------------------------------------------------------------
# Targets and activities
# --------------------------------------------------------------------------------------


def _targets(rng: np.random.Generator, loans: dict[str, np.ndarray], org: _Org, cal: _Calendar) -> dict:
    """Monthly base/stretch targets per team and product line sold, around the team's expected volume."""
    first_month = _month_index(np.array([cal.start_day]))[0]
    last_month = _month_index(np.array([cal.as_of_day]))[0]
    months = np.arange(first_month, last_month + 1)
    n_teams = len(org.team_region)
    team = org.officer_team[loans["officer"]]
    line = org.product_line[loans["product"]]
    amount = loans["principal"] / 100
    volume = np.zeros((n_teams, 4))
    np.add.at(volume, (team, line), amount)
    share = volume / max(volume.sum(), 1.0)
    # The plan follows the company's volume month by month (ramp-up, growth, CNY, quarter ends);
    # the as-of month is still under way, so it is projected from its elapsed share.
    company = np.bincount(_month_index(loans["disbursed"]) - first_month, weights=amount, minlength=len(months))
    month_days = _month_start(last_month + 1) - _month_start(last_month)
    company[-1] /= (cal.as_of_day - _month_start(last_month) + 1) / month_days
    # Planners foresee only half of the seasonal swings and are off by a few percent each month.
    padded = np.concatenate([company[:1], company, company[-1:]])
    smooth = (padded[:-2] + padded[1:-1] + padded[2:]) / 3
    smooth[0] = company[0]  # the data starts mid-month: the first month's plan is what was booked
    plan = (0.5 * company + 0.5 * smooth) * rng.lognormal(0.0, 0.05, len(months))
    floor = 100_000.0 * plan / max(np.median(plan), 1.0)
    # Some teams are given targets they beat comfortably, some targets they miss.
    u = rng.random(n_teams)
    ambition = np.where(
        u < 0.25,
        rng.uniform(0.72, 0.82, n_teams),
        np.where(u < 0.45, rng.uniform(1.3, 1.45, n_teams), rng.uniform(0.92, 1.08, n_teams)),
    )
    t_idx, l_idx = np.nonzero(org.team_lines)
    m_rep = np.repeat(months, len(t_idx))
    t_rep = np.tile(t_idx, len(months))
    l_rep = np.tile(l_idx, len(months))
    expected = np.maximum(share[t_rep, l_rep] * plan[m_rep - first_month], floor[m_rep - first_month])
    base = expected * ambition[t_rep] * rng.lognormal(0.0, 0.08, len(m_rep))
    base = np.maximum(np.rint(base / 10_000), 1) * 10_000
    stretch = np.rint(base * 1.2 / 10_000) * 10_000
    return {
        "month": _month_start(m_rep),
        "team": t_rep,
        "line": l_rep,
        "base": (base * 100).astype(np.int64),
        "stretch": (stretch * 100).astype(np.int64),
    }


def _activities(
    rng: np.random.Generator, leads: dict[str, np.ndarray], loans: dict[str, np.ndarray], org: _Org, cal: _Calendar
) -> dict:
    """Calls, visits, meetings and follow-ups: on leads, on borrowers after disbursement, and cold calls."""
    end = cal.as_of_end
    n = len(leads["created"])
    reached = (leads["stage_at"] >= 0).sum(axis=0)
    last_event = np.maximum(leads["stage_at"].max(axis=0), leads["outcome_at"])
    last_event = np.where(last_event < 0, leads["created"] + 14 * DAY, last_event)
    count = rng.poisson(0.55 + 0.3 * reached)
    lead = np.repeat(np.arange(n), count)
    lo = leads["created"][lead]
    hi = np.minimum(last_event[lead] + 2 * DAY, end)
    t_lead = lo + (rng.random(len(lead)) * np.maximum(hi - lo, 0)).astype(np.int64)
    t_lead = _place(rng, t_lead, lo, cal, "any")
    type_lead = _categorical(
        rng, np.array([[0.6, 0.15, 0.0, 0.25], [0.45, 0.15, 0.15, 0.25]]), (reached[lead] >= 2).astype(np.int64)
    )

    loan_count = rng.poisson(0.8, len(loans["disbursed"]))
    loan = np.repeat(np.arange(len(loans["disbursed"])), loan_count)
    start = loans["disbursed"][loan] * DAY + 15 * DAY
    t_loan = start + (rng.random(len(loan)) * np.maximum(end - start, 0)).astype(np.int64)
    t_loan = _place(rng, t_loan, start, cal, "open")
    type_loan = np.where(rng.random(len(loan)) < 0.7, 3, 1)

    cold = rng.integers(0, n, round(0.08 * n))
    t_cold = np.maximum(leads["created"][cold] - rng.integers(0, 20 * DAY, len(cold)), cal.start_day * DAY)
    t_cold = _place(rng, t_cold, t_cold - DAY, cal, "open")

    officer = np.concatenate([leads["officer"][lead], loans["officer"][loan], leads["officer"][cold]])
    t = np.concatenate([t_lead, t_loan, t_cold])
    kind = np.concatenate([type_lead, type_loan, np.zeros(len(cold), dtype=np.int16)])
    customer = np.concatenate([leads["customer"][lead], loans["customer"][loan], np.full(len(cold), -1)])
    lead_ref = np.concatenate([lead, np.full(len(loan) + len(cold), -1)])
    ok = (t <= end) & org.active(officer, t // DAY)
    order = np.flatnonzero(ok)
    key = ((t[order] - cal.start_day * DAY) << 16) | officer[order].astype(np.int64)
    order = order[np.argsort(key, kind="stable")]
    return {
        "officer": officer[order],
        "at": t[order],
        "type": kind[order],
        "customer": customer[order],
        "lead": lead_ref[order],
    }


# --------------------------------------------------------------------------------------
# Frames and files
# --------------------------------------------------------------------------------------


def _ids(prefix: str, n: int, width: int) -> pl.Series:
    return pl.select(
        pl.format(prefix + "{}", pl.int_range(1, n + 1, eager=False).cast(pl.String).str.zfill(width))
    ).to_series()


def _ref(ids: pl.Series, idx: np.ndarray) -> pl.Series:
    """ids[idx] with null where idx < 0."""
    idx = np.asarray(idx, dtype=np.int64)
    if (idx >= 0).all():
        return ids.gather(idx)
    return ids.gather(pl.Series(idx).set(pl.Series(idx < 0), None))


def _dates(days: np.ndarray) -> pl.Series:
    days = np.asarray(days, dtype=np.int64)
    s = pl.Series(days.astype(np.int32)).cast(pl.Date)
    return s.set(pl.Series(days < 0), None) if (days < 0).any() else s


def _timestamps(seconds: np.ndarray) -> pl.Series:
    return pl.Series(np.asarray(seconds, dtype=np.int64) * 1_000_000).cast(pl.Datetime("us"))


def _money(cents: np.ndarray) -> pl.Series:
    s = pl.Series(np.asarray(cents, dtype=np.int64))
    return pl.select((pl.lit(s).cast(pl.Decimal(18, 2)) / 100).cast(pl.Decimal(18, 2))).to_series()


def _labels(values: tuple[str, ...], idx: np.ndarray) -> pl.Series:
    return _ref(pl.Series(values, dtype=pl.String), idx)


def _frames(
    rng: np.random.Generator,
    leads,
    loans,
    schedule: _Schedule,
    payments,
    targets,
    activities,
    org: _Org,
    cal: _Calendar,
) -> dict:
    """A builder per table (built one at a time when written, to keep memory low)."""
    n_leads = len(leads["created"])
    lead_order = np.lexsort((np.arange(n_leads), leads["created"]))
    lead_rank = np.empty(n_leads, dtype=np.int64)
    lead_rank[lead_order] = np.arange(n_leads)
    lead_ids = _ids("L", n_leads, 8)

    # Customers are numbered by their first lead; every first lead is a first-pass lead.
    first_lead = np.flatnonzero(leads["customer"] == np.arange(n_leads))
    first_lead = first_lead[np.argsort(lead_rank[first_lead], kind="stable")]
    customer_no = np.full(n_leads, -1, dtype=np.int64)
    customer_no[first_lead] = np.arange(len(first_lead))
    customer_ids = _ids("C", len(first_lead), 8)
    lead_customer = customer_no[leads["customer"]]

    n_off = len(org.officer_team)
    officer_ids = _ids("O", n_off, 4 if n_off < 10_000 else 5)
    team_ids = _ids("T", len(org.team_region), 3)
    region_ids = pl.Series([r[0] for r in _REGIONS])
    product_ids = pl.Series([p.product_id for p in _PRODUCTS])
    channel_ids = pl.Series([c[0] for c in _CHANNELS])
    n_loans = len(loans["principal"])
    loan_ids = _ids("LN", n_loans, 8)

    def regions() -> pl.DataFrame:
        return pl.DataFrame({"region_id": region_ids, "region_name": [r[1] for r in _REGIONS]})

    def teams() -> pl.DataFrame:
        return pl.DataFrame(
            {
                "team_id": team_ids,
                "team_name": org.team_names,
                "region_id": region_ids.gather(org.team_region),
                "team_type": np.where(org.team_direct, "direct", "channel"),
            }
        )

    def officers() -> pl.DataFrame:
        return pl.DataFrame(
            {
                "officer_id": officer_ids,
                "officer_name": org.officer_names,
                "team_id": team_ids.gather(org.officer_team),
                "hire_date": _dates(org.officer_hire),
                "leave_date": _dates(org.officer_leave),
            }
        )

    def products() -> pl.DataFrame:
        return pl.DataFrame(
            {
                "product_id": product_ids,
                "product_name": [p.name for p in _PRODUCTS],
                "product_line": [p.line for p in _PRODUCTS],
                "segment": [p.segment for p in _PRODUCTS],
            }
        )

    def channels() -> pl.DataFrame:
        return pl.DataFrame(
            {
                "channel_id": channel_ids,
                "channel_name": [c[1] for c in _CHANNELS],
                "channel_type": [c[2] for c in _CHANNELS],
            }
        )

    def customers() -> pl.DataFrame:
        src = first_lead
        m = len(src)
        business = org.product_business[leads["product"][src]]
        officer_region = org.officer_region[leads["officer"][src]]
        region = np.where(rng.random(m) < 0.95, officer_region, rng.integers(0, len(_REGIONS), m))
        industry = _draw(rng, m, _INDUSTRY_MIX).astype(np.int64)
        industry = np.where(business | (rng.random(m) < 0.1), industry, -1)
        first_day = leads["created"][src] // DAY
        known_before = rng.random(m) < 0.3
        created = np.where(known_before, first_day - rng.integers(1, 5 * 365, m), first_day)
        score = leads["score"][src]
        return pl.DataFrame(
            {
                "customer_id": customer_ids,
                "customer_type": np.where(business, "business", "individual"),
                "industry": _labels(_INDUSTRIES, industry),
                "region_id": region_ids.gather(region),
                "credit_score": pl.Series(score).fill_nan(None).cast(pl.Int32),
                "created_date": _dates(created),
            }
        )

    def leads_frame() -> pl.DataFrame:
        o = lead_order
        return pl.DataFrame(
            {
                "lead_id": lead_ids,
                "customer_id": customer_ids.gather(lead_customer[o]),
                "officer_id": officer_ids.gather(leads["officer"][o]),
                "channel_id": channel_ids.gather(leads["channel"][o]),
                "product_id": product_ids.gather(leads["product"][o]),
                "created_at": _timestamps(leads["created"][o]),
            }
        )

    def lead_events() -> pl.DataFrame:
        stage_at = leads["stage_at"]
        parts_lead, parts_stage, parts_at, parts_reason = [], [], [], []
        for k in range(6):
            has = stage_at[k] >= 0
            if k == 1:
                has &= ~leads["skip_meeting"]
            idx = np.flatnonzero(has)
            parts_lead.append(idx)
            parts_stage.append(np.full(len(idx), k, dtype=np.int8))
            parts_at.append(stage_at[k][idx])
            parts_reason.append(np.full(len(idx), -1, dtype=np.int16))
        idx = np.flatnonzero(leads["outcome"] > 0)
        parts_lead.append(idx)
        parts_stage.append(leads["outcome"][idx])
        parts_at.append(leads["outcome_at"][idx])
        parts_reason.append(leads["reason"][idx])
        lead = lead_rank[np.concatenate(parts_lead)]
        stage = np.concatenate(parts_stage)
        at = np.concatenate(parts_at)
        reason = np.concatenate(parts_reason).astype(np.int64)
        # One packed key (lead, time, stage) sorts far faster than a three-key lexsort; it is unique.
        key = (lead << 30) | ((at - cal.start_day * DAY) << 3) | stage.astype(np.int64)
        order = np.argsort(key)
        return pl.DataFrame(
            {
                "lead_id": lead_ids.gather(lead[order]),
                "stage": _labels(_EVENT_STAGES, stage[order].astype(np.int64)),
                "occurred_at": _timestamps(at[order]),
                "reason": _labels(_REASONS, reason[order]),
            }
        )

    def loans_frame() -> pl.DataFrame:
        lead = np.where(loans["lead"] >= 0, lead_rank[np.maximum(loans["lead"], 0)], -1)
        return pl.DataFrame(
            {
                "loan_id": loan_ids,
                "lead_id": _ref(lead_ids, lead),
                "customer_id": customer_ids.gather(customer_no[loans["customer"]]),
                "officer_id": officer_ids.gather(loans["officer"]),
                "product_id": product_ids.gather(loans["product"]),
                "channel_id": channel_ids.gather(loans["channel"]),
                "principal": _money(loans["principal"]),
                "annual_rate": loans["rate"],
                "term_months": loans["term"].astype(np.int32),
                "disbursed_date": _dates(loans["disbursed"]),
                "written_off_date": _dates(loans["written_off"]),
            }
        )

    def installments() -> pl.DataFrame:
        return pl.DataFrame(
            {
                "loan_id": loan_ids.gather(schedule.loan),
                "installment_no": schedule.number.astype(np.int32),
                "due_date": _dates(schedule.due),
                "principal_due": _money(schedule.principal),
                "interest_due": _money(schedule.interest),
            }
        )

    def payments_frame() -> pl.DataFrame:
        n = len(payments["loan"])
        return pl.DataFrame(
            {
                "payment_id": _ids("PM", n, 9),
                "loan_id": loan_ids.gather(payments["loan"]),
                "paid_date": _dates(payments["day"]),
                "amount": _money(payments["amount"]),
            }
        )

    def targets_frame() -> pl.DataFrame:
        return pl.DataFrame(
            {
                "month": _dates(targets["month"]),
                "team_id": team_ids.gather(targets["team"]),
                "product_line": _labels(_LINES, targets["line"]),
                "base_amount": _money(targets["base"]),
                "stretch_amount": _money(targets["stretch"]),
            }
        )

    def activities_frame() -> pl.DataFrame:
        n = len(activities["at"])
        customer = activities["customer"]
        customer = np.where(customer >= 0, customer_no[np.maximum(customer, 0)], -1)
        lead = np.where(activities["lead"] >= 0, lead_rank[np.maximum(activities["lead"], 0)], -1)
        return pl.DataFrame(
            {
                "activity_id": _ids("A", n, 9),
                "officer_id": officer_ids.gather(activities["officer"]),
                "customer_id": _ref(customer_ids, customer),
                "lead_id": _ref(lead_ids, lead),
                "activity_type": _labels(_ACTIVITY_TYPES, activities["type"].astype(np.int64)),
                "occurred_at": _timestamps(activities["at"]),
            }
        )

    return {
        "regions": regions,
        "teams": teams,
        "officers": officers,
        "products": products,
        "channels": channels,
        "customers": customers,
        "leads": leads_frame,
        "lead_events": lead_events,
        "loans": loans_frame,
        "installments": installments,
        "payments": payments_frame,
        "targets": targets_frame,
        "activities": activities_frame,
    }


_POLARS_TYPES = {
    TEXT: pl.String,
    DATE: pl.Date,
    TIMESTAMP: pl.Datetime("us"),
    INTEGER: pl.Int32,
    MONEY: pl.Decimal(18, 2),
    RATE: pl.Float64,
}


def _write(frame: pl.DataFrame, path: Path, fmt: str) -> None:
    table = TABLES[path.stem]
    frame = frame.select(pl.col(c.name).cast(_POLARS_TYPES[c.type]) for c in table.columns)
    tmp = path.with_name(path.name + ".tmp")
    if fmt == "csv":
        frame.write_csv(tmp, date_format="%Y-%m-%d", datetime_format="%Y-%m-%dT%H:%M:%S", null_value="")
    else:
        frame.write_parquet(tmp, compression="zstd", statistics=True)
    tmp.replace(path)
