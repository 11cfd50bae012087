"""The auth service's expected failures; codes are part of the public API."""

from cp_common.errors import DomainError, NotAuthenticated, NotFound, TooManyRequests


class InvalidCredentials(DomainError):
    # Unknown addresses and wrong passwords get the same response, so it does
    # not reveal which addresses have an account.
    status_code = 401
    code = "invalid_credentials"
    message_nl = "E-mailadres of wachtwoord onjuist. Controleer je gegevens en probeer het opnieuw."
    message_en = "Incorrect email address or password. Check your details and try again."


class AccountBlocked(DomainError):
    status_code = 403
    code = "account_blocked"
    message_nl = "Je account is geblokkeerd. Neem contact op met het incassobureau."
    message_en = "Your account has been blocked. Please contact the collection agency."


class LoginLocked(TooManyRequests):
    """Raised with ``retry_after`` (seconds) while an address is locked."""

    def __init__(self, retry_after: int):
        minutes = max(1, -(-retry_after // 60))
        super().__init__(
            f"Te veel mislukte inlogpogingen. Wacht {minutes} minuten en probeer het dan opnieuw.",
            f"Too many failed login attempts. Wait {minutes} minutes and try again.",
            retry_after=retry_after,
        )


class InvalidCode(DomainError):
    status_code = 400
    code = "invalid_code"
    message_nl = "Deze beveiligingscode klopt niet. Controleer de code in je e-mail en probeer het opnieuw."
    message_en = "This security code is incorrect. Check the code in your email and try again."


class AttemptExpired(DomainError):
    status_code = 410
    code = "attempt_expired"
    message_nl = "Deze beveiligingscode is verlopen. Log opnieuw in voor een nieuwe code."
    message_en = "This security code has expired. Log in again to receive a new code."


class CodeNotSent(DomainError):
    status_code = 503
    code = "code_not_sent"
    message_nl = "We konden je beveiligingscode nu niet versturen. Probeer het over een paar minuten opnieuw."
    message_en = "We could not send your security code just now. Try again in a few minutes."


class SessionInvalid(NotAuthenticated):
    pass


class UserNotFound(NotFound):
    code = "user_not_found"
    message_nl = "Deze gebruiker bestaat niet. Controleer het gebruikers-id."
    message_en = "This user does not exist. Check the user id."
