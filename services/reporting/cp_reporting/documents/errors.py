from cp_common.errors import Conflict, DomainError, NotFound


class DossierNotFound(NotFound):
    code = "dossier_not_found"
    message_nl = "Dit dossier bestaat niet of hoort niet bij jouw organisatie. Controleer het dossier en probeer het opnieuw."
    message_en = "This dossier does not exist or does not belong to your organisation. Check the dossier and try again."


class DocumentNotFound(NotFound):
    code = "document_not_found"
    message_nl = "Dit document bestaat niet of hoort niet bij jouw organisatie."
    message_en = "This document does not exist or does not belong to your organisation."


class DocumentNotReady(Conflict):
    code = "document_not_ready"
    message_nl = "De PDF wordt nog gemaakt. Probeer het over een paar seconden opnieuw."
    message_en = "The PDF is still being created. Try again in a few seconds."


class DocumentFailed(Conflict):
    code = "document_failed"
    message_nl = "De PDF kon niet worden gemaakt. Vraag de PDF opnieuw aan."
    message_en = "The PDF could not be created. Please request it again."


class RenderQueueUnavailable(DomainError):
    status_code = 503
    code = "pdf_queue_unavailable"
    message_nl = "Het maken van de PDF kan nu niet worden gestart. Probeer het over een paar minuten opnieuw."
    message_en = "Creating the PDF cannot be started right now. Try again in a few minutes."
