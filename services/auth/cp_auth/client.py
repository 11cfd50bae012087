from dataclasses import dataclass

from fastapi import Request

USER_AGENT_MAX_LENGTH = 512


@dataclass(frozen=True)
class ClientInfo:
    """Client address and user agent of a request, as recorded in sessions and the login history.

    The address is the one uvicorn reports; behind the gateway, uvicorn's
    ``--proxy-headers`` makes it the client's, not Traefik's.
    """

    ip: str | None = None
    user_agent: str | None = None

    @classmethod
    def from_request(cls, request: Request) -> "ClientInfo":
        user_agent = request.headers.get("user-agent")
        return cls(
            ip=request.client.host if request.client else None,
            user_agent=user_agent[:USER_AGENT_MAX_LENGTH] if user_agent else None,
        )
