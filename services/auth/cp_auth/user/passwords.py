"""Password hashing with argon2id (argon2-cffi's default parameters)."""

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()
# Made once at import, so that even the first unknown address costs one
# verification and no more.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(24))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except VerifyMismatchError:
        return False
    except (VerificationError, InvalidHashError):
        # A damaged stored hash must not let anyone in, nor crash the login.
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def spend_dummy_verification(password: str) -> None:
    """Verify against a hash of a random password, costing what a real check costs.

    Called for unknown email addresses so that the response time does not
    reveal whether an address has an account.
    """
    verify_password(_DUMMY_HASH, password)
