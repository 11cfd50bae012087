from cp_common.outbox import OutboxMessageMixin
from cp_dossiers.models.base import Base


class OutboxMessage(OutboxMessageMixin, Base):
    __tablename__ = "outbox_messages"
