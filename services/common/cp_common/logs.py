"""structlog set-up: readable console lines in development, JSON in production."""

import logging
import sys

import structlog


def configure_logging(service_name: str, log_format: str = "console", level: str = "INFO") -> None:
    """Route stdlib and structlog records through one structlog pipeline."""
    shared = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _add_service(service_name),
    ]

    renderer = (
        structlog.processors.JSONRenderer()
        if log_format == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )

    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
    )

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())

    # The gateway writes the access log, so uvicorn's own lines would repeat it.
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)


def _add_service(service_name: str):
    def processor(_logger, _method, event_dict):
        event_dict.setdefault("service", service_name)
        return event_dict

    return processor
