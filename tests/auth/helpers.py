"""Test data and the login steps that the auth tests share."""

import uuid
from dataclasses import dataclass

from httpx import Response
from kombu import Connection, Queue
from sqlalchemy.orm import Session

from cp_auth.organisation.models import Organisation, OrganisationKind
from cp_auth.user.models import User, UserRole
from cp_auth.user.passwords import hash_password
from cp_common.identity import Role
from tests.conftest import AMQP_TEST_URL

PASSWORD = "Correct-paard-batterij-7"


@dataclass
class SentCode:
    task: str
    kwargs: dict
    headers: dict


def read_sent_codes(queue_name: str) -> list[SentCode]:
    """Take every task message waiting in the queue."""
    messages = []
    with Connection(AMQP_TEST_URL) as connection:
        channel = connection.channel()
        queue = Queue(queue_name, no_declare=True).bind(channel)
        while (message := queue.get(no_ack=True)) is not None:
            _args, kwargs, _embed = message.decode()
            messages.append(SentCode(task=message.headers["task"], kwargs=kwargs, headers=message.headers))
        channel.close()
    return messages


def create_organisation(db: Session, name: str = "Groothandel Test B.V.", kind: OrganisationKind = OrganisationKind.CREDITOR) -> Organisation:
    organisation = Organisation(id=uuid.uuid4(), name=name, kind=kind.value)
    db.add(organisation)
    db.flush()
    return organisation


def create_user(
    db: Session,
    *,
    organisation: Organisation | None,
    email: str | None = None,
    roles: tuple[Role, ...] = (Role.CREDITOR_USER,),
    password: str = PASSWORD,
    name: str = "Petra de Zeeuw",
    language: str = "nl",
) -> User:
    user = User(
        email=email or f"user-{uuid.uuid4().hex[:8]}@example.test",
        name=name,
        language=language,
        organisation_id=organisation.id if organisation else None,
        password_hash=hash_password(password),
    )
    user.role_assignments = [UserRole(role=role.value) for role in roles]
    db.add(user)
    db.flush()
    return user


@dataclass
class StartedLogin:
    attempt_id: str
    code: str
    response: Response


def start_login(client, queue_name: str, email: str, password: str = PASSWORD) -> StartedLogin:
    """Pass the password step and read the emailed code from the queue."""
    response = client.post("/api/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    sent = read_sent_codes(queue_name)
    assert len(sent) == 1
    return StartedLogin(attempt_id=response.json()["attempt_id"], code=sent[0].kwargs["code"], response=response)


def log_in(client, queue_name: str, email: str, password: str = PASSWORD) -> str:
    """Go through both login steps; return the session token."""
    started = start_login(client, queue_name, email, password)
    response = client.post(f"/api/auth/login/{started.attempt_id}/code", json={"code": started.code})
    assert response.status_code == 200, response.text
    return response.json()["session_token"]
