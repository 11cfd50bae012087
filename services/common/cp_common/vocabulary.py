"""The domain's fixed vocabulary: phases and closing codes, with their labels.

Codes are what services store and send; labels are what people read. The
order of ``Phase`` is the order in which a dossier normally moves.
"""

from enum import StrEnum


class Phase(StrEnum):
    PRE_COLLECTION = "pre_collection"
    AMICABLE = "amicable"
    JUDICIAL = "judicial"
    ENFORCEMENT = "enforcement"
    MONITORING = "monitoring"


PHASE_LABELS: dict[Phase, dict[str, str]] = {
    Phase.PRE_COLLECTION: {"nl": "Pre-incasso", "en": "Pre-collection"},
    Phase.AMICABLE: {"nl": "Minnelijk", "en": "Amicable"},
    Phase.JUDICIAL: {"nl": "Gerechtelijk", "en": "Judicial"},
    Phase.ENFORCEMENT: {"nl": "Executie", "en": "Enforcement"},
    Phase.MONITORING: {"nl": "Bewaking", "en": "Monitoring"},
}


class ClosingCode(StrEnum):
    PAID_IN_FULL = "paid_in_full"
    PAID_TO_CREDITOR = "paid_to_creditor"
    SETTLED = "settled"
    WITHDRAWN = "withdrawn"
    DISPUTED = "disputed"
    UNCOLLECTABLE = "uncollectable"
    DEBTOR_UNTRACEABLE = "debtor_untraceable"
    BANKRUPTCY = "bankruptcy"
    DEBT_RESTRUCTURING = "debt_restructuring"


CLOSING_CODE_LABELS: dict[ClosingCode, dict[str, str]] = {
    ClosingCode.PAID_IN_FULL: {"nl": "Volledig betaald", "en": "Paid in full"},
    ClosingCode.PAID_TO_CREDITOR: {"nl": "Rechtstreeks aan jou betaald", "en": "Paid directly to you"},
    ClosingCode.SETTLED: {"nl": "Getroffen schikking", "en": "Settled"},
    ClosingCode.WITHDRAWN: {"nl": "Ingetrokken door opdrachtgever", "en": "Withdrawn by creditor"},
    ClosingCode.DISPUTED: {"nl": "Vordering betwist", "en": "Claim disputed"},
    ClosingCode.UNCOLLECTABLE: {"nl": "Oninbaar", "en": "Uncollectable"},
    ClosingCode.DEBTOR_UNTRACEABLE: {"nl": "Debiteur onvindbaar", "en": "Debtor untraceable"},
    ClosingCode.BANKRUPTCY: {"nl": "Faillissement", "en": "Bankruptcy"},
    ClosingCode.DEBT_RESTRUCTURING: {"nl": "Schuldsanering (WSNP)", "en": "Debt restructuring (WSNP)"},
}


def phase_label(code: str, language: str = "nl") -> str:
    return PHASE_LABELS[Phase(code)].get(language, PHASE_LABELS[Phase(code)]["nl"])


def closing_code_label(code: str | None, language: str = "nl") -> str:
    if code is None:
        return ""
    labels = CLOSING_CODE_LABELS[ClosingCode(code)]
    return labels.get(language, labels["nl"])
