"""Property-based requests against the dossiers API, generated from its own OpenAPI document.

Schemathesis sends valid and unusual parameters and checks that every response
is documented. That means no server error, a declared status code, a declared
content type and a body that matches the schema.
"""

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from cp_common.identity import IDENTITY_HEADER
from cp_dossiers.app import create_app
from cp_dossiers.settings import Settings
from tests.dossiers.factories import create_creditor, open_dossier


def _published_schema() -> dict:
    """The OpenAPI document as the service publishes it; building it needs no database."""
    app = create_app(Settings(environment="test", database_url="sqlite://", keys_dir=Path("/nonexistent")))
    document = app.openapi()
    app.state.engine.dispose()
    return document


schema = schemathesis.openapi.from_dict(_published_schema())


@pytest.fixture
def creditor_with_dossier(session):
    creditor = create_creditor(session)
    open_dossier(session, creditor)
    return creditor


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_dossiers_api_matches_its_schema(case, app, creditor_with_dossier, user_token_factory):
    headers = {IDENTITY_HEADER: user_token_factory(creditor_with_dossier.id)}

    response = case.call(app=app, headers=headers)

    case.validate_response(response)
