"""Ed25519 signing keys for identity tokens, stored as PEM files in one folder.

A service signs with ``<name>.key.pem`` and trusts every ``<name>.pub.pem``
beside it, so an operator grants or withdraws trust by adding or removing a
public key file.
"""

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def private_key_path(keys_dir: Path, name: str) -> Path:
    return keys_dir / f"{name}.key.pem"


def public_key_path(keys_dir: Path, name: str) -> Path:
    return keys_dir / f"{name}.pub.pem"


def ensure_key_pair(keys_dir: Path, name: str) -> None:
    """Create the key pair of ``name`` unless it exists; the private key is 0600."""
    keys_dir.mkdir(parents=True, exist_ok=True)
    private_path = private_key_path(keys_dir, name)
    if private_path.exists():
        return

    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    private_path.touch(mode=0o600)
    private_path.write_bytes(private_pem)
    public_key_path(keys_dir, name).write_bytes(public_pem)


def load_private_key(keys_dir: Path, name: str) -> Ed25519PrivateKey:
    path = private_key_path(keys_dir, name)
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        raise RuntimeError(f"signing key {path} is missing; run the key set-up first") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise RuntimeError(f"signing key {path} is not an Ed25519 key")
    return key


def load_public_keys(keys_dir: Path) -> dict[str, Ed25519PublicKey]:
    """Return every trusted issuer's public key, by issuer name."""
    keys: dict[str, Ed25519PublicKey] = {}
    for path in sorted(keys_dir.glob("*.pub.pem")):
        key = serialization.load_pem_public_key(path.read_bytes())
        if isinstance(key, Ed25519PublicKey):
            keys[path.name.removesuffix(".pub.pem")] = key
    return keys
