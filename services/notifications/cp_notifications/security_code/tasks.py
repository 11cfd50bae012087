import structlog
from sqlalchemy.exc import OperationalError

from cp_notifications.security_code import service
from cp_notifications.worker import app, worker_context

# Retried tasks are published again; keep the code out of the readable
# argument summary that Celery adds to the message headers and events.
REDACTED_KWARGS = "{'recipient': ..., 'code': '<redacted>', ...}"


class TransientDeliveryError(Exception):
    """The SMTP server was unreachable or replied with a 4xx code, so the task is retried with backoff."""


@app.task(
    name="email.send_security_code",
    queue="email",
    bind=True,
    # SMTP failures are sorted into transient and permanent before they get
    # here. A database that is away is worth another try.
    autoretry_for=(TransientDeliveryError, OperationalError),
    retry_kwargs={"kwargsrepr": REDACTED_KWARGS},
)
def send_security_code(
    self,
    *,
    recipient: str,
    recipient_name: str,
    code: str,
    expires_at: str,
    language: str = "nl",
) -> str:
    """Email a login security code; return the outcome (sent, failed or skipped).

    A transient failure raises ``TransientDeliveryError`` after its attempt is
    recorded, and Celery retries the task with exponential backoff. On the
    last try the delivery is marked failed instead.
    """
    if self.request.id is None:
        raise RuntimeError("email.send_security_code needs a task id; send it through Celery or run it with apply()")

    context = worker_context()
    arguments = {
        "recipient": recipient,
        "recipient_name": recipient_name,
        "code": code,
        "expires_at": expires_at,
        "language": language,
    }
    final_attempt = self.request.retries >= self.max_retries

    with structlog.contextvars.bound_contextvars(task_id=self.request.id, task=self.name):
        with context.session_factory() as session:
            result = service.send_security_code(
                session,
                context.mailer,
                context.settings,
                task_id=self.request.id,
                arguments=arguments,
                final_attempt=final_attempt,
            )
            session.commit()

    if result.outcome is service.Outcome.RETRY:
        raise TransientDeliveryError(result.error)
    return result.outcome.value
