"""Signed identity tokens: who is making a request, vouched for by its issuer.

The auth service responds to Traefik's ForwardAuth call with a user token in the
``X-Identity-Token`` header, and Traefik copies that header onto the request.
A service calling another service signs a service token with its own key.
Services trust that header only after checking its signature here.
"""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

IDENTITY_HEADER = "X-Identity-Token"
AUDIENCE = "cp-services"
USER_TOKEN_ISSUER = "auth"
USER_TOKEN_LIFETIME = timedelta(seconds=60)
SERVICE_TOKEN_LIFETIME = timedelta(seconds=60)


class Role(StrEnum):
    CREDITOR_USER = "creditor_user"
    CREDITOR_ADMIN = "creditor_admin"
    CASE_HANDLER = "case_handler"
    FRAUD_ANALYST = "fraud_analyst"
    AGENCY_ADMIN = "agency_admin"


class IdentityKind(StrEnum):
    USER = "user"
    SERVICE = "service"


class InvalidIdentityToken(Exception):
    """The token is missing, expired, forged or issued by an untrusted party."""


@dataclass(frozen=True)
class Identity:
    subject: str
    kind: IdentityKind
    organisation_id: uuid.UUID | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    session_id: str | None = None
    name: str | None = None
    language: str = "nl"

    @property
    def user_id(self) -> uuid.UUID:
        if self.kind is not IdentityKind.USER:
            raise InvalidIdentityToken(f"identity {self.subject} is not a user")
        return uuid.UUID(self.subject)

    def has_role(self, role: Role) -> bool:
        return role.value in self.roles


def sign_user_token(
    key: Ed25519PrivateKey,
    *,
    user_id: uuid.UUID,
    organisation_id: uuid.UUID | None,
    roles: frozenset[str],
    session_id: str,
    name: str,
    language: str,
    now: datetime | None = None,
) -> str:
    claims = {
        "kind": IdentityKind.USER.value,
        "sub": str(user_id),
        "org": str(organisation_id) if organisation_id else None,
        "roles": sorted(roles),
        "sid": session_id,
        "name": name,
        "lang": language,
    }
    return _sign(key, USER_TOKEN_ISSUER, claims, USER_TOKEN_LIFETIME, now)


def sign_service_token(key: Ed25519PrivateKey, service_name: str, now: datetime | None = None) -> str:
    claims = {"kind": IdentityKind.SERVICE.value, "sub": service_name}
    return _sign(key, service_name, claims, SERVICE_TOKEN_LIFETIME, now)


def _sign(key, issuer, claims, lifetime, now) -> str:
    issued_at = now or datetime.now(UTC)
    payload = {
        **claims,
        "iss": issuer,
        "aud": AUDIENCE,
        "iat": issued_at,
        "exp": issued_at + lifetime,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(payload, key, algorithm="EdDSA")


class IdentityVerifier:
    """Checks identity tokens against the public keys of trusted issuers."""

    def __init__(self, public_keys: dict[str, Ed25519PublicKey]):
        self._public_keys = public_keys

    def verify(self, token: str | None) -> Identity:
        if not token:
            raise InvalidIdentityToken("no identity token")

        issuer = self._unverified_issuer(token)
        key = self._public_keys.get(issuer)
        if key is None:
            raise InvalidIdentityToken(f"untrusted issuer {issuer!r}")

        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=["EdDSA"],
                audience=AUDIENCE,
                issuer=issuer,
                options={"require": ["exp", "iat", "iss", "sub", "aud"]},
                leeway=5,
            )
        except jwt.PyJWTError as error:
            raise InvalidIdentityToken(str(error)) from error

        return _identity_from_claims(issuer, claims)

    @staticmethod
    def _unverified_issuer(token: str) -> str:
        try:
            return str(jwt.decode(token, options={"verify_signature": False}).get("iss", ""))
        except jwt.PyJWTError as error:
            raise InvalidIdentityToken(str(error)) from error


def _identity_from_claims(issuer: str, claims: dict) -> Identity:
    kind = claims.get("kind")
    if kind == IdentityKind.USER.value:
        # Only the auth service may vouch for a user.
        if issuer != USER_TOKEN_ISSUER:
            raise InvalidIdentityToken(f"issuer {issuer!r} may not sign user tokens")
        organisation = claims.get("org")
        return Identity(
            subject=claims["sub"],
            kind=IdentityKind.USER,
            organisation_id=uuid.UUID(organisation) if organisation else None,
            roles=frozenset(claims.get("roles", [])),
            session_id=claims.get("sid"),
            name=claims.get("name"),
            language=claims.get("lang") or "nl",
        )
    if kind == IdentityKind.SERVICE.value:
        # A service vouches only for itself.
        if claims["sub"] != issuer:
            raise InvalidIdentityToken(f"service token for {claims['sub']!r} signed by {issuer!r}")
        return Identity(subject=claims["sub"], kind=IdentityKind.SERVICE)
    raise InvalidIdentityToken(f"unknown identity kind {kind!r}")
