"""Dossier queries. Every creditor-facing query takes the creditor id, so
tenant scoping happens here and not in each route."""

import uuid
from collections.abc import Sequence

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from cp_common.vocabulary import Phase
from cp_dossiers.models import AgencyProfile, CourtCase, Debtor, Dossier, DossierStatus


class DossierRepository:
    def __init__(self, session: Session):
        self.session = session

    def count_for_creditor(self, creditor_id: uuid.UUID, status: DossierStatus, phase: Phase | None = None) -> int:
        statement = select(func.count()).select_from(Dossier).where(*_list_filters(creditor_id, status, phase))
        return self.session.scalar(statement) or 0

    def list_summaries_for_creditor(
        self,
        creditor_id: uuid.UUID,
        status: DossierStatus,
        phase: Phase | None = None,
        *,
        limit: int,
        offset: int,
    ) -> Sequence[Row]:
        """Return one page of summary rows, newest first, each with its debtor's name."""
        statement = (
            select(
                Dossier.id,
                Dossier.number,
                Dossier.creditor_reference,
                Debtor.name.label("debtor_name"),
                Dossier.phase,
                Dossier.status,
                Dossier.closing_code,
                Dossier.opened_on,
                Dossier.closed_on,
                Dossier.principal_cents,
                Dossier.interest_cents,
                Dossier.collection_costs_cents,
                Dossier.paid_cents,
            )
            .join(Debtor, Debtor.id == Dossier.debtor_id)
            .where(*_list_filters(creditor_id, status, phase))
            .order_by(Dossier.opened_on.desc(), Dossier.number)
            .limit(limit)
            .offset(offset)
        )
        return self.session.execute(statement).all()

    def get_detail_for_creditor(self, creditor_id: uuid.UUID, dossier_id: uuid.UUID) -> Dossier | None:
        """Load the dossier with everything its detail shows; None when another creditor owns it."""
        statement = _detail_query().where(Dossier.id == dossier_id, Dossier.creditor_id == creditor_id)
        return self.session.scalars(statement).one_or_none()

    def get_detail_of_any_creditor(self, dossier_id: uuid.UUID) -> Dossier | None:
        """Load the dossier without tenant scoping, for trusted services that check ownership themselves."""
        return self.session.scalars(_detail_query().where(Dossier.id == dossier_id)).one_or_none()

    def get_agency_profile(self) -> AgencyProfile | None:
        return self.session.get(AgencyProfile, 1)


def _detail_query() -> Select[tuple[Dossier]]:
    # Relationships are lazy="raise": everything the detail reads is loaded
    # here, in a fixed number of queries whatever the dossier's size.
    return select(Dossier).options(
        joinedload(Dossier.debtor),
        joinedload(Dossier.case_handler),
        joinedload(Dossier.creditor),
        selectinload(Dossier.invoices),
        selectinload(Dossier.bookings),
        selectinload(Dossier.actions),
        selectinload(Dossier.arrangements),
        selectinload(Dossier.court_case).selectinload(CourtCase.hearings),
    )


def _list_filters(creditor_id: uuid.UUID, status: DossierStatus, phase: Phase | None) -> list:
    filters = [Dossier.creditor_id == creditor_id, Dossier.status == status]
    if phase is not None:
        filters.append(Dossier.phase == phase)
    return filters
