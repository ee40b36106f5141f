"""Number formats: money with K/M/B and 万/亿, percentages with one decimal, missing values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ui import format as fmt


@pytest.mark.parametrize(
    ("value", "en", "zh"),
    [
        (0, "¥0", "¥0"),
        (999.4, "¥999", "¥999"),
        (1_234, "¥1.23K", "¥1,234"),  # 1,234 < 10,000: no 万 yet
        (45_600, "¥45.60K", "¥4.56万"),  # 45,600 / 10,000 = 4.56
        (1_234_567, "¥1.23M", "¥123.5万"),  # 1,234,567 / 10,000 = 123.4567 → one decimal at ≥ 100
        (250_000_000, "¥250.0M", "¥2.50亿"),  # 2.5e8 / 1e8
        (3_100_000_000, "¥3.10B", "¥31.00亿"),
        (Decimal("-52000.00"), "-¥52.00K", "-¥5.20万"),
    ],
)
def test_money(value, en: str, zh: str) -> None:
    assert fmt.money(value, "en") == en
    assert fmt.money(value, "zh") == zh


def test_exact_money_and_missing_values() -> None:
    assert fmt.money_exact(Decimal("1234567.8")) == "¥1,234,567.80"
    assert fmt.money(None) == fmt.percent(float("nan")) == fmt.count(None) == "—"


def test_percent_and_points() -> None:
    assert fmt.percent(0.12345) == "12.3%"
    assert fmt.percent(1.2) == "120.0%"
    assert fmt.percent(-0.051, signed=True) == "-5.1%"
    assert fmt.points(0.012) == "+1.2 pp"
    assert fmt.count(1234567) == "1,234,567"
    assert fmt.days(12.345, "zh") == "12.3 天"
