from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from cp_common.formatting import cents_to_decimal, decimal_to_cents, format_day, format_moment, format_money


@pytest.mark.parametrize(
    ("cents", "expected"),
    [(123456, "€ 1.234,56"), (0, "€ 0,00"), (5, "€ 0,05"), (100000000, "€ 1.000.000,00")],
)
def test_money_in_dutch(cents, expected):
    assert format_money(cents).replace("\xa0", " ") == expected


def test_money_in_english():
    assert format_money(123456, "en") == "€1,234.56"


def test_cents_round_trip():
    assert cents_to_decimal(123456) == Decimal("1234.56")
    assert decimal_to_cents(Decimal("1234.56")) == 123456
    assert decimal_to_cents("-0.05") == -5


def test_more_than_two_decimals_rejected():
    with pytest.raises(ValueError, match="more than two decimals"):
        decimal_to_cents("1.005")


def test_dutch_day_without_leading_zeros():
    assert format_day(date(2026, 12, 4)) == "4-12-2026"


def test_moment_shown_in_amsterdam_time():
    # 13:05 UTC is 14:05 in Amsterdam in winter.
    assert format_moment(datetime(2026, 12, 4, 13, 5, tzinfo=UTC)) == "4-12-2026 14:05"
