from cp_common.db import Base as CommonBase
from cp_common.db import new_metadata


class Base(CommonBase):
    """Declarative base of the auth service's tables."""

    __abstract__ = True
    metadata = new_metadata()
