"""Declarative base of the notifications database."""

from cp_common.db import Base as CommonBase
from cp_common.db import new_metadata


class Base(CommonBase):
    __abstract__ = True
    metadata = new_metadata()
