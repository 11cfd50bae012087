"""Demo organisations and users from deploy/local/demo.json, loaded idempotently.

Loading the same file twice changes nothing: organisations keep the ids of
the file, users are matched by email address, and a password is hashed
again only when the file's password no longer matches the stored hash.
"""

import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import structlog
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from cp_auth.organisation.models import Organisation, OrganisationKind
from cp_auth.user import passwords
from cp_auth.user import repository as user_repository
from cp_auth.user.models import User, UserRole
from cp_common.db import utcnow
from cp_common.identity import Role

logger = structlog.get_logger(__name__)


class DemoUser(BaseModel):
    model_config = ConfigDict(extra="ignore")

    email: str
    name: str
    password: str
    roles: list[Role]
    language: Literal["nl", "en"] = "nl"


class DemoOrganisation(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID
    name: str
    users: list[DemoUser] = []


class DemoFile(BaseModel):
    model_config = ConfigDict(extra="ignore")

    organisations: list[DemoOrganisation]
    staff: list[DemoUser] = []


@dataclass
class SeedResult:
    created: int = 0
    updated: int = 0


def read_demo_file(path: Path) -> DemoFile:
    return DemoFile.model_validate(json.loads(path.read_text(encoding="utf-8")))


def seed_demo(db: Session, demo: DemoFile) -> SeedResult:
    """Create or update the demo's organisations and users; the caller commits."""
    result = SeedResult()
    for entry in demo.organisations:
        organisation = db.get(Organisation, entry.id)
        if organisation is None:
            db.add(Organisation(id=entry.id, name=entry.name, kind=OrganisationKind.CREDITOR.value))
            result.created += 1
        elif organisation.name != entry.name:
            organisation.name = entry.name
            result.updated += 1
        db.flush()

        for user_entry in entry.users:
            _seed_user(db, user_entry, entry.id, result)

    for user_entry in demo.staff:
        _seed_user(db, user_entry, None, result)

    logger.info("demo.seeded", created=result.created, updated=result.updated)
    return result


def _seed_user(db: Session, entry: DemoUser, organisation_id: uuid.UUID | None, result: SeedResult) -> None:
    email = user_repository.normalise_email(entry.email)
    roles = {role.value for role in entry.roles}
    user = user_repository.get_by_email(db, email)

    if user is None:
        user = User(
            email=email,
            name=entry.name,
            language=entry.language,
            organisation_id=organisation_id,
            password_hash=passwords.hash_password(entry.password),
        )
        user.role_assignments = [UserRole(role=role) for role in sorted(roles)]
        db.add(user)
        db.flush()
        result.created += 1
        return

    changed = False
    if (user.name, user.language, user.organisation_id) != (entry.name, entry.language, organisation_id):
        user.name = entry.name
        user.language = entry.language
        user.organisation_id = organisation_id
        changed = True
    if user.roles != roles:
        user.role_assignments = [assignment for assignment in user.role_assignments if assignment.role in roles]
        user.role_assignments.extend(UserRole(role=role) for role in sorted(roles - user.roles))
        changed = True
    if not passwords.verify_password(user.password_hash, entry.password):
        user.password_hash = passwords.hash_password(entry.password)
        user.password_changed_at = utcnow()
        changed = True
    if changed:
        db.flush()
        result.updated += 1
