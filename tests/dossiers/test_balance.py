from datetime import date
from decimal import Decimal

import pytest

from cp_common.formatting import format_money
from cp_dossiers.balance import estimate_interest, statutory_rate, wik_collection_costs
from cp_dossiers.demo.texts import money_text
from cp_dossiers.models import InterestKind


@pytest.mark.parametrize(
    ("principal_cents", "expected_cents"),
    [
        (0, 0),
        (1, 40_00),  # minimum
        (100_00, 40_00),  # 15 % would be € 15
        (266_67, 40_00),  # 15 % is € 40,0005, rounded to € 40
        (1_000_00, 150_00),
        (2_500_00, 375_00),  # end of the first bracket
        (3_000_00, 425_00),  # € 375 + 10 % of € 500
        (5_000_00, 625_00),
        (10_000_00, 875_00),  # € 625 + 5 % of € 5.000
        (12_345_67, 898_46),  # € 875 + 1 % of € 2.345,67
        (200_000_00, 2_775_00),  # € 875 + 1 % of € 190.000
        (300_000_00, 3_275_00),  # € 2.775 + 0,5 % of € 100.000
        (1_000_000_00, 6_775_00),  # reaches the maximum
        (5_000_000_00, 6_775_00),  # maximum
    ],
)
def test_wik_scale(principal_cents, expected_cents):
    assert wik_collection_costs(principal_cents) == expected_cents


def test_wik_rejects_negative_principal():
    with pytest.raises(ValueError):
        wik_collection_costs(-1)


class TestInterestEstimate:
    def test_one_year_at_one_rate(self):
        # 2 % consumer rate over 2021 on € 1.000.
        assert estimate_interest(InterestKind.CONSUMER, 1000_00, date(2021, 1, 1), date(2022, 1, 1)) == 20_00

    def test_across_rate_changes(self):
        # 12,5 % for 182 days, then 12,25 % for 184 days on € 1.000 (2024 has 366 days).
        expected = round(100000 * (12.5 * 182 + 12.25 * 184) / 100 / 365)
        assert estimate_interest(InterestKind.COMMERCIAL, 1000_00, date(2024, 1, 1), date(2025, 1, 1)) == expected

    def test_nothing_before_due_date(self):
        assert estimate_interest(InterestKind.CONSUMER, 1000_00, date(2026, 5, 1), date(2026, 4, 1)) == 0

    def test_rates(self):
        assert statutory_rate(InterestKind.CONSUMER, date(2024, 6, 1)) == 7
        assert statutory_rate(InterestKind.COMMERCIAL, date(2025, 8, 1)) == Decimal("10.15")
        assert statutory_rate(InterestKind.CONSUMER, date(2010, 1, 1)) == 3
        assert statutory_rate(InterestKind.CONSUMER, date(2026, 3, 1)) == 4
        assert statutory_rate(InterestKind.COMMERCIAL, date(2026, 7, 1)) == Decimal("10.40")

    def test_rate_before_first_change_is_first_rate(self):
        assert statutory_rate(InterestKind.CONSUMER, date(1990, 1, 1)) == statutory_rate(
            InterestKind.CONSUMER, date(1998, 1, 1)
        )


@pytest.mark.parametrize("cents", [0, 5, 99, 100, 1234_56, 1_000_000_00, 98_765_432_10])
def test_demo_money_text_matches_formatting(cents):
    assert money_text(cents) == format_money(cents, "nl")
