"""The demo data file (deploy/local/demo.json): the agency, its case handlers and the organisations."""

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

DEBTOR_MIXES = ("business", "consumer")


class DemoFileError(ValueError):
    """The demo file is missing, not JSON, or lacks a field the seeder needs."""


@dataclass(frozen=True)
class AgencyContact:
    name: str
    email: str
    phone: str
    address: str
    website: str | None


@dataclass(frozen=True)
class CaseHandlerContact:
    name: str
    email: str
    phone: str | None


@dataclass(frozen=True)
class DemoOrganisation:
    id: uuid.UUID
    name: str
    # "business" (mostly companies, commercial interest) or "consumer".
    debtor_mix: str
    dossiers: int


@dataclass(frozen=True)
class DemoFile:
    agency: AgencyContact
    case_handlers: list[CaseHandlerContact]
    organisations: list[DemoOrganisation]


def load_demo_file(path: Path) -> DemoFile:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DemoFileError(f"demo file {path} not found; pass the path of demo.json") from None
    except json.JSONDecodeError as error:
        raise DemoFileError(f"demo file {path} is not valid JSON: {error}") from None

    try:
        agency = raw["agency"]
        organisations = [_organisation(entry) for entry in raw["organisations"]]
        return DemoFile(
            agency=AgencyContact(
                name=agency["name"],
                email=agency["email"],
                phone=agency["phone"],
                address=agency["address"],
                website=agency.get("website"),
            ),
            case_handlers=[
                CaseHandlerContact(name=entry["name"], email=entry["email"], phone=entry.get("phone"))
                for entry in raw.get("case_handlers", [])
            ],
            organisations=organisations,
        )
    except KeyError as error:
        raise DemoFileError(f"demo file {path} lacks the field {error.args[0]!r}") from None


def _organisation(entry: dict) -> DemoOrganisation:
    mix = entry.get("debtor_mix", "consumer")
    if mix not in DEBTOR_MIXES:
        raise DemoFileError(f"organisation {entry.get('name')!r} has debtor_mix {mix!r}; use one of {DEBTOR_MIXES}")
    count = entry.get("dossiers", 0)
    if not isinstance(count, int) or count < 0:
        raise DemoFileError(f"organisation {entry.get('name')!r} has dossiers {count!r}; use a whole number from 0")
    try:
        organisation_id = uuid.UUID(str(entry["id"]))
    except ValueError:
        raise DemoFileError(f"organisation {entry.get('name')!r} has id {entry['id']!r}, which is not a UUID") from None
    return DemoOrganisation(id=organisation_id, name=entry["name"], debtor_mix=mix, dossiers=count)


def target_sizes(organisations: list[DemoOrganisation], *, largest: int | None, scale: float) -> dict[uuid.UUID, int]:
    """Dossiers to seed per organisation.

    ``largest`` replaces the count of the biggest organisation, then
    ``scale`` multiplies every count; an organisation with dossiers keeps
    at least one.
    """
    counts = {organisation.id: organisation.dossiers for organisation in organisations}
    if largest is not None and organisations:
        biggest = max(organisations, key=lambda organisation: organisation.dossiers)
        counts[biggest.id] = largest
    return {
        organisation_id: max(1, round(count * scale)) if count > 0 else 0
        for organisation_id, count in counts.items()
    }
