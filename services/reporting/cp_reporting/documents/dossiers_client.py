"""Reads a dossier from the dossiers service's internal API with a service token."""

import uuid
from pathlib import Path

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from cp_common.identity import IDENTITY_HEADER, sign_service_token
from cp_common.keys import load_private_key
from cp_reporting.documents.dossier_detail import DossierDetail

SERVICE_NAME = "reporting"


class DossierFetchFailed(Exception):
    """The dossier cannot be read, and asking again will not help."""


class DossierMissing(DossierFetchFailed):
    """The dossiers service does not know the dossier (404)."""


class DossiersUnavailable(Exception):
    """The dossiers service is unreachable or failed (5xx); a later try may succeed."""


class DossierClient:
    def __init__(self, base_url: str, signing_key: Ed25519PrivateKey, *, timeout_seconds: float):
        self._signing_key = signing_key
        # trust_env=False: a proxy from the environment must not see internal calls.
        self._http = httpx.Client(base_url=base_url, timeout=timeout_seconds, trust_env=False)

    @classmethod
    def from_keys(cls, base_url: str, keys_dir: Path, *, timeout_seconds: float) -> "DossierClient":
        return cls(base_url, load_private_key(keys_dir, SERVICE_NAME), timeout_seconds=timeout_seconds)

    def fetch(self, dossier_id: uuid.UUID) -> DossierDetail:
        path = f"/internal/dossiers/{dossier_id}"
        token = sign_service_token(self._signing_key, SERVICE_NAME)
        try:
            response = self._http.get(path, headers={IDENTITY_HEADER: token})
        except httpx.TransportError as error:
            raise DossiersUnavailable(f"GET {path} failed: {type(error).__name__}: {error}") from error

        if response.status_code == 404:
            raise DossierMissing(f"GET {path} returned 404: the dossiers service does not know this dossier")
        if response.status_code >= 500:
            raise DossiersUnavailable(f"GET {path} returned {response.status_code}")
        if response.status_code != 200:
            raise DossierFetchFailed(f"GET {path} returned {response.status_code}: {response.text[:200]}")

        try:
            return DossierDetail.model_validate_json(response.content)
        except ValidationError as error:
            raise DossierFetchFailed(f"GET {path} returned an invalid dossier: {error}") from error

    def close(self) -> None:
        self._http.close()
