"""The envelope of every domain event that crosses RabbitMQ.

Events go to one durable topic exchange, routed by their type
(``dossier.created``, ``dossier.closed`` ...). Consumers bind queues with
patterns such as ``dossier.#``.
"""

import json
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from kombu import Exchange
from pydantic import BaseModel, Field

EVENTS_EXCHANGE = Exchange("cp.events", type="topic", durable=True)
DEAD_LETTER_EXCHANGE = Exchange("cp.events.dead", type="topic", durable=True)


class EventEnvelope(BaseModel):
    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    type: str
    version: int = 1
    occurred_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    producer: str
    organisation_id: uuid.UUID | None = None
    data: dict[str, Any]

    def to_json(self) -> str:
        return self.model_dump_json()

    @classmethod
    def from_json(cls, raw: str | bytes) -> "EventEnvelope":
        return cls.model_validate_json(raw)


def json_default(value: Any) -> Any:
    """Encode event payload values that plain JSON lacks; money stays exact."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__} in an event")


def plain_data(data: dict[str, Any]) -> dict[str, Any]:
    """Round-trip a payload through JSON so that it holds only JSON types."""
    return json.loads(json.dumps(data, default=json_default))
