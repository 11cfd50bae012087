"""Demo debtors: Dutch people and companies with addresses, phone numbers and KvK numbers.

Names and street names come from Faker's nl_NL provider, drawn once into
pools. Combining pool entries with the run's random generator is far
faster than asking Faker for every debtor, and it stays deterministic.
"""

import random
import re
import unicodedata
import uuid
from datetime import date, datetime

from faker import Faker

from cp_dossiers.demo.places import BUSINESS_STREETS, COMMON_STREETS, EXCLUDED_POSTCODE_LETTERS, PLACES, Place
from cp_dossiers.models import DebtorKind

POOL_SIZE = 1500
COMPANY_TRADES = (
    "Installatietechniek", "Bouw", "Transport", "Schilderwerken", "Metaalbewerking", "Groenvoorziening",
    "Elektrotechniek", "Interieurbouw", "Logistiek", "Schoonmaakdiensten", "Catering", "Dakwerken",
)
COMPANY_PREFIXES = (
    "Bouwbedrijf", "Autobedrijf", "Transportbedrijf", "Installatiebedrijf", "Schildersbedrijf",
    "Hoveniersbedrijf", "Bakkerij", "Restaurant", "Kapsalon", "Administratiekantoor",
)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class NamePools:
    """First names, surnames and street names drawn from Faker once per run."""

    def __init__(self, seed: int):
        faker = Faker("nl_NL")
        faker.seed_instance(seed)
        self.first_names = [faker.first_name() for _ in range(POOL_SIZE)]
        self.last_names = [faker.last_name() for _ in range(POOL_SIZE)]
        self.street_names = [faker.street_name() for _ in range(POOL_SIZE)] + list(COMMON_STREETS) * 20
        self.place_weights = [place.weight for place in PLACES]


def new_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def draw_place(rng: random.Random, pools: NamePools) -> Place:
    return rng.choices(PLACES, weights=pools.place_weights)[0]


def make_debtor(
    rng: random.Random, pools: NamePools, *, creditor_id: uuid.UUID, kind: DebtorKind, today: date, now: datetime
) -> dict:
    """Return a row for the debtors table."""
    place = draw_place(rng, pools)
    row = {
        "id": new_uuid(rng),
        "creditor_id": creditor_id,
        "kind": kind,
        "postal_code": _postcode(rng, place),
        "city": place.city,
        "country": "NL",
        "created_at": now,
        "updated_at": now,
    }
    if kind == DebtorKind.PERSON:
        first, last = rng.choice(pools.first_names), rng.choice(pools.last_names)
        row |= {
            "name": f"{first} {last}",
            "street": rng.choice(pools.street_names),
            "house_number": _house_number(rng),
            "email": f"{_slug(first)}.{_slug(last).replace('-', '')}{rng.randint(1, 99)}@mail.example" if rng.random() < 0.7 else None,
            "phone": _mobile_number(rng) if rng.random() < 0.75 else _landline_number(rng, place),
            "chamber_of_commerce_number": None,
            "date_of_birth": _date_of_birth(rng, today),
        }
    else:
        name = _company_name(rng, pools, place)
        row |= {
            "name": name,
            "street": rng.choice(BUSINESS_STREETS) if rng.random() < 0.6 else rng.choice(pools.street_names),
            "house_number": str(rng.randint(1, 180)),
            "email": f"{rng.choice(('info', 'administratie', 'facturen'))}@{_domain(name)}.example",
            "phone": _landline_number(rng, place),
            "chamber_of_commerce_number": str(rng.randint(10_000_000, 99_999_999)),
            "date_of_birth": None,
        }
    return row


def _company_name(rng: random.Random, pools: NamePools, place: Place) -> str:
    last = _capitalise(rng.choice(pools.last_names))
    pattern = rng.random()
    if pattern < 0.35:
        return f"{last} {rng.choice(COMPANY_TRADES)} B.V."
    if pattern < 0.6:
        suffix = rng.choice((" B.V.", " B.V.", " V.O.F.", ""))
        return f"{rng.choice(COMPANY_PREFIXES)} {last}{suffix}"
    if pattern < 0.8:
        other = _capitalise(rng.choice(pools.last_names))
        return f"{last} & {other} V.O.F."
    if pattern < 0.9:
        return f"{place.city} {rng.choice(COMPANY_TRADES)} B.V."
    return f"{last} Holding B.V."


def _capitalise(surname: str) -> str:
    # "van Dijk" is written "Van Dijk" when no first name precedes it.
    return surname[:1].upper() + surname[1:]


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _domain(company_name: str) -> str:
    return _slug(re.sub(r" (B\.V\.|V\.O\.F\.)$", "", company_name))


def _postcode(rng: random.Random, place: Place) -> str:
    digits = rng.randint(place.postcode_from, place.postcode_to)
    while True:
        letters = rng.choice(LETTERS) + rng.choice(LETTERS)
        if letters not in EXCLUDED_POSTCODE_LETTERS:
            return f"{digits} {letters}"


def _house_number(rng: random.Random) -> str:
    number = str(int(rng.paretovariate(1.2) * 3))
    addition = rng.random()
    if addition < 0.08:
        return number + rng.choice("ABC")
    if addition < 0.12:
        return f"{number}-{rng.randint(1, 3)}"
    if addition < 0.14:
        return f"{number} hs"
    return number


def _mobile_number(rng: random.Random) -> str:
    return f"06-{rng.randint(10_000_000, 99_999_999)}"


def _landline_number(rng: random.Random, place: Place) -> str:
    # Area code and subscriber number always make ten digits.
    subscriber_digits = 10 - len(place.area_code)
    subscriber = rng.randint(2 * 10 ** (subscriber_digits - 1), 10**subscriber_digits - 1)
    return f"{place.area_code}-{subscriber}"


def _date_of_birth(rng: random.Random, today: date) -> date:
    age_days = int(rng.triangular(19, 85, 38) * 365.25)
    return date.fromordinal(today.toordinal() - age_days)
