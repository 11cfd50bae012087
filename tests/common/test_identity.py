import uuid
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from cp_common.identity import (
    AUDIENCE,
    IdentityKind,
    IdentityVerifier,
    InvalidIdentityToken,
    Role,
    sign_service_token,
    sign_user_token,
)
from cp_common.keys import ensure_key_pair, load_private_key, load_public_keys


@pytest.fixture
def verifier(public_keys) -> IdentityVerifier:
    return IdentityVerifier(public_keys)


def sign_user(keys_dir, now=None, organisation_id=None):
    return sign_user_token(
        load_private_key(keys_dir, "auth"),
        user_id=uuid.UUID(int=1),
        organisation_id=organisation_id or uuid.UUID(int=2),
        roles=frozenset({Role.CREDITOR_USER}),
        session_id="s1",
        name="Petra",
        language="en",
        now=now,
    )


def test_user_token_round_trip(keys_dir, verifier):
    identity = verifier.verify(sign_user(keys_dir))

    assert identity.kind is IdentityKind.USER
    assert identity.user_id == uuid.UUID(int=1)
    assert identity.organisation_id == uuid.UUID(int=2)
    assert identity.has_role(Role.CREDITOR_USER)
    assert identity.language == "en"


def sign_claims(keys_dir, signer: str, **claims) -> str:
    now = datetime.now(UTC)
    payload = {"iss": signer, "aud": AUDIENCE, "iat": now, "exp": now + timedelta(minutes=1), **claims}
    return jwt.encode(payload, load_private_key(keys_dir, signer), algorithm="EdDSA")


def test_user_token_signed_by_other_service_rejected(keys_dir, verifier):
    token = sign_claims(keys_dir, "reporting", kind="user", sub=str(uuid.UUID(int=1)), org=None)

    with pytest.raises(InvalidIdentityToken, match="may not sign user tokens"):
        verifier.verify(token)


def test_expired_token_rejected(keys_dir, verifier):
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)

    with pytest.raises(InvalidIdentityToken):
        verifier.verify(sign_user(keys_dir, now=an_hour_ago))


def test_token_of_unknown_key_rejected(keys_dir, tmp_path, verifier):
    ensure_key_pair(tmp_path, "auth")
    forged = sign_user(tmp_path)

    with pytest.raises(InvalidIdentityToken):
        verifier.verify(forged)


def test_tampered_token_rejected(keys_dir, verifier):
    header, payload, signature = sign_user(keys_dir).split(".")
    tampered = ".".join([header, payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB"), signature])

    with pytest.raises(InvalidIdentityToken):
        verifier.verify(tampered)


def test_missing_token_rejected(verifier):
    with pytest.raises(InvalidIdentityToken, match="no identity token"):
        verifier.verify(None)


def test_service_token_names_its_signer(keys_dir, verifier):
    identity = verifier.verify(sign_service_token(load_private_key(keys_dir, "reporting"), "reporting"))

    assert identity.kind is IdentityKind.SERVICE
    assert identity.subject == "reporting"


def test_service_token_for_another_service_rejected(keys_dir, verifier):
    impersonation = sign_claims(keys_dir, "reporting", kind="service", sub="dossiers")

    with pytest.raises(InvalidIdentityToken, match="signed by"):
        verifier.verify(impersonation)


def test_public_keys_listed_by_issuer(keys_dir):
    assert {"auth", "reporting"} <= set(load_public_keys(keys_dir))
