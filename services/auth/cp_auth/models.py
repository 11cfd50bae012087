"""Every table of the auth service, for Alembic and tests."""

from cp_auth.base import Base
from cp_auth.login_event.models import LoginEvent, LoginEventKind
from cp_auth.organisation.models import Organisation, OrganisationKind
from cp_auth.session.models import UserSession
from cp_auth.user.models import User, UserRole

__all__ = [
    "Base",
    "LoginEvent",
    "LoginEventKind",
    "Organisation",
    "OrganisationKind",
    "User",
    "UserRole",
    "UserSession",
]
