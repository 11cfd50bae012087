import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

DeliveryStatusName = Literal["queued", "sent", "failed"]


class DeliveryRead(BaseModel):
    """One row of the delivery log, as agency administrators see it."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    template: str
    recipient: str
    status: DeliveryStatusName
    attempts: int
    created_at: datetime
    sent_at: datetime | None
    last_error: str | None


class DeliveryPage(BaseModel):
    items: list[DeliveryRead]
    page: int
    page_size: int
    total: int
