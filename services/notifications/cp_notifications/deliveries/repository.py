from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cp_notifications.deliveries.models import Delivery


def get_by_task_id(session: Session, task_id: str, *, for_update: bool = False) -> Delivery | None:
    statement = select(Delivery).where(Delivery.task_id == task_id)
    if for_update:
        statement = statement.with_for_update()
    return session.scalars(statement).one_or_none()


def list_page(
    session: Session, *, offset: int, limit: int, status: str | None = None
) -> tuple[Sequence[Delivery], int]:
    """Return one page of deliveries, newest first, and the total count."""
    statement = select(Delivery)
    count_statement = select(func.count()).select_from(Delivery)
    if status is not None:
        statement = statement.where(Delivery.status == status)
        count_statement = count_statement.where(Delivery.status == status)

    items = session.scalars(
        statement.order_by(Delivery.created_at.desc(), Delivery.id).offset(offset).limit(limit)
    ).all()
    total = session.scalar(count_statement) or 0
    return items, total
