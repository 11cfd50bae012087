"""Extrajudicial collection costs by the WIK scale.

The scale of the Besluit vergoeding voor buitengerechtelijke incassokosten
(art. 6:96 BW), over the principal:

| part of the principal  | rate  |
| ---------------------- | ----- |
| first € 2.500          | 15 %  |
| next € 2.500           | 10 %  |
| next € 5.000           | 5 %   |
| next € 190.000         | 1 %   |
| above € 200.000        | 0,5 % |

with a minimum of € 40 and a maximum of € 6.775. The scale excludes VAT.
"""

from decimal import ROUND_HALF_UP, Decimal

MINIMUM_CENTS = 40_00
MAXIMUM_CENTS = 6_775_00

# (size of the bracket in cents or None for the rest, rate)
WIK_BRACKETS: tuple[tuple[int | None, Decimal], ...] = (
    (2_500_00, Decimal("0.15")),
    (2_500_00, Decimal("0.10")),
    (5_000_00, Decimal("0.05")),
    (190_000_00, Decimal("0.01")),
    (None, Decimal("0.005")),
)


def wik_collection_costs(principal_cents: int) -> int:
    """Return the WIK collection costs in cents for a principal in cents.

    Raises ValueError for a negative principal; a principal of zero owes no
    costs, because there is nothing to collect.
    """
    if principal_cents < 0:
        raise ValueError(f"principal {principal_cents} cents is negative")
    if principal_cents == 0:
        return 0

    remaining = principal_cents
    costs = Decimal(0)
    for size, rate in WIK_BRACKETS:
        part = remaining if size is None else min(remaining, size)
        costs += part * rate
        remaining -= part
        if remaining == 0:
            break

    cents = int(costs.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return min(max(cents, MINIMUM_CENTS), MAXIMUM_CENTS)
