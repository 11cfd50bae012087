"""Statutory interest (wettelijke rente) as an estimate.

Consumer claims carry the rate of art. 6:119 BW, claims between businesses
the commercial rate of art. 6:119a BW. Both are set every half year by the
Besluit vaststelling wettelijke rente. The tables list the rate that took
effect on each date; a day before the first entry gets the first rate.
"""

import csv
import functools
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources

from cp_dossiers.models.dossier import InterestKind

RATES_FILE = "statutory_interest_rates.csv"


def load_rate_tables() -> dict[InterestKind, tuple[tuple[date, Decimal], ...]]:
    """Read the published rates, one row per change, from the package's CSV file.

    Columns: kind (consumer or commercial), effective_from, rate_percent and
    source (where the rate was read).
    """
    tables: dict[InterestKind, list[tuple[date, Decimal]]] = {kind: [] for kind in InterestKind}
    with resources.files(__package__).joinpath(RATES_FILE).open(encoding="utf-8") as rates_file:
        for row in csv.DictReader(rates_file):
            kind = InterestKind(row["kind"])
            tables[kind].append((date.fromisoformat(row["effective_from"]), Decimal(row["rate_percent"])))
    return {kind: tuple(sorted(rows)) for kind, rows in tables.items()}


# NOTE: rates after the last row are assumed unchanged; add each new
# half-yearly rate to the CSV file when it is published.
RATES = load_rate_tables()


def statutory_rate(kind: InterestKind, on: date) -> Decimal:
    """Return the yearly rate in percent that applies on a day."""
    return _rate_on(RATES[InterestKind(kind)], on)


def estimate_interest(kind: InterestKind, amount_cents: int, from_day: date, to_day: date) -> int:
    """Estimate the interest in cents on an amount owed from ``from_day`` up to ``to_day``.

    Simple interest per day (a year counted as 365 days), with the rate
    of each period between rate changes. Nothing is owed for a period that
    has not started.
    """
    # NOTE: an estimate. The exact art. 6:119/6:119a BW computation adds the
    # interest to the principal every year (compounding) and lowers the
    # principal as payments come in (art. 6:44 BW); that comes later.
    if amount_cents <= 0 or to_day <= from_day:
        return 0

    total = Decimal(amount_cents) * _percent_days(InterestKind(kind), from_day, to_day) / (100 * 365)
    return int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@functools.lru_cache(maxsize=65536)
def _percent_days(kind: InterestKind, from_day: date, to_day: date) -> Decimal:
    """Sum of rate × days over the periods between the two days; cached, because bulk callers repeat them."""
    return sum(
        (rate * (end - start).days for start, end, rate in _rate_periods(RATES[kind], from_day, to_day)),
        Decimal(0),
    )


def _rate_periods(
    table: tuple[tuple[date, Decimal], ...], from_day: date, to_day: date
) -> Iterable[tuple[date, date, Decimal]]:
    """Split [from_day, to_day) into periods of one rate each."""
    start = from_day
    rate = _rate_on(table, from_day)
    for effective_from, value in table:
        if effective_from <= start:
            continue
        if effective_from >= to_day:
            break
        yield start, effective_from, rate
        start, rate = effective_from, value
    yield start, to_day, rate


def _rate_on(table: tuple[tuple[date, Decimal], ...], on: date) -> Decimal:
    rate = table[0][1]
    for effective_from, value in table:
        if effective_from > on:
            break
        rate = value
    return rate
