"""Dutch texts of demo actions, bookings and invoices, as an agency would write them."""

from datetime import date, timedelta

from cp_common.formatting import format_day

MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)

BUSINESS_INVOICE_TEXTS = (
    "Levering volgens order {order}",
    "Levering goederen, pakbon {order}",
    "Onderhoudscontract {quarter}e kwartaal {year}",
    "Dienstverlening {month} {year}",
    "Levering en montage, order {order}",
    "Huur materieel {month} {year}",
)
CONSUMER_INVOICE_TEXTS = (
    "Factuur {month} {year}",
    "Abonnement {month} {year}",
    "Nota {order}",
    "Geleverde diensten {month} {year}",
    "Achterstallige betaling {month} {year}",
)

PHONE_CALL_TEXTS = (
    "Debiteur gebeld, geen gehoor",
    "Debiteur gebeld en voicemail ingesproken",
    "Telefonisch contact met debiteur, betaling toegezegd",
    "Telefonisch contact met debiteur, die om een betalingsregeling vraagt",
    "Debiteur gebeld, nummer niet in gebruik",
)

CLOSING_TEXTS = {
    "paid_in_full": "De vordering is volledig betaald. Het dossier is gesloten.",
    "paid_to_creditor": "De debiteur heeft rechtstreeks aan jou betaald. Het dossier is gesloten.",
    "settled": "Er is een schikking getroffen en het schikkingsbedrag is betaald. Het dossier is gesloten.",
    "withdrawn": "Je hebt de opdracht ingetrokken. Het dossier is gesloten.",
    "disputed": "De debiteur betwist de vordering. Op jouw verzoek is het dossier gesloten.",
    "uncollectable": "Er is geen verhaal mogelijk. Het dossier is als oninbaar gesloten.",
    "debtor_untraceable": "De debiteur is onvindbaar, ook na adresonderzoek. Het dossier is gesloten.",
    "bankruptcy": "De debiteur is failliet verklaard. De vordering is ingediend bij de curator en het dossier is gesloten.",
    "debt_restructuring": "De debiteur is toegelaten tot de schuldsanering (WSNP). "
    "De vordering is aangemeld bij de bewindvoerder en het dossier is gesloten.",
}


def money_text(cents: int) -> str:
    """Format cents as Dutch money text, ``€ 1.234,56``, as cp_common.formatting.format_money does.

    Babel takes about 0.1 ms a call, which adds up over the millions of
    texts a large seed writes; a test checks that both agree.
    """
    if cents < 0:
        raise ValueError(f"amount {cents} cents is negative")
    euros, rest = divmod(cents, 100)
    return f"€\xa0{euros:,}".replace(",", ".") + f",{rest:02d}"


def invoice_description(template: str, invoice_date: date, order: int) -> str:
    return template.format(
        order=order,
        month=MONTHS_NL[invoice_date.month - 1],
        year=invoice_date.year,
        quarter=(invoice_date.month - 1) // 3 + 1,
    )


def instalment_text(number: int, count: int) -> str:
    return f"Termijnbetaling {number} van {count}"


def arrangement_made_text(count: int, instalment_cents: int, frequency: str) -> str:
    period = {"weekly": "per week", "monthly": "per maand", "quarterly": "per kwartaal"}[frequency]
    return f"Betalingsregeling getroffen: {count} termijnen van {money_text(instalment_cents)} {period}"


def payment_received_text(amount_cents: int) -> str:
    return f"Betaling ontvangen van {money_text(amount_cents)}"


def running_status_text(
    phase: str,
    *,
    letter_sent_on: date | None = None,
    demand_letter: bool = False,
    arrangement_next_due: date | None = None,
    arrangement_behind: int = 0,
    next_hearing: date | None = None,
    court: str | None = None,
    judgment_on: date | None = None,
    garnishment: bool = False,
) -> str:
    """Write the stand van zaken (status text) of a running dossier."""
    if phase == "pre_collection":
        letter = "sommatiebrief" if demand_letter else "veertiendagenbrief"
        if letter_sent_on is None:
            return f"De {letter} wordt verstuurd."
        deadline = format_day(letter_sent_on + timedelta(days=15))
        if demand_letter:
            return f"De sommatiebrief is verstuurd. De debiteur moet uiterlijk {deadline} betalen."
        return f"De veertiendagenbrief is verstuurd. De debiteur kan tot en met {deadline} betalen zonder extra kosten."
    if phase == "amicable":
        if arrangement_next_due is not None:
            text = (
                "De debiteur betaalt in termijnen volgens een betalingsregeling. "
                f"De volgende termijn vervalt op {format_day(arrangement_next_due)}."
            )
            if arrangement_behind:
                text += " De debiteur loopt één termijn achter en heeft een herinnering gekregen."
            return text
        return (
            "De debiteur heeft nog niet betaald. We benaderen de debiteur schriftelijk en telefonisch "
            "om tot betaling of een regeling te komen."
        )
    if phase == "judicial":
        if judgment_on is not None:
            return (
                f"De rechter heeft op {format_day(judgment_on)} vonnis gewezen. "
                "De deurwaarder laat het vonnis betekenen aan de debiteur."
            )
        if next_hearing is not None and court is not None:
            return (
                f"De dagvaarding is betekend en de zaak dient bij de {court}. "
                f"De volgende zitting is op {format_day(next_hearing)}."
            )
        return "De dagvaarding is betekend. We wachten op de uitspraak van de rechter."
    if phase == "enforcement":
        if garnishment:
            return (
                "De deurwaarder voert het vonnis uit. Er ligt loonbeslag en "
                "de ingehouden bedragen verwerken we elke maand."
            )
        return "De deurwaarder voert het vonnis uit en onderzoekt de verhaalsmogelijkheden bij de debiteur."
    return (
        "Er is op dit moment geen verhaal mogelijk. We houden het dossier in bewaking "
        "en controleren periodiek of de financiële situatie van de debiteur verandert."
    )
