import uuid

import pytest
from celery.signals import before_task_publish
from kombu import Connection, Queue
from sqlalchemy import text

from cp_common.db import make_engine
from cp_reporting.app import create_app
from cp_reporting.database import get_session
from cp_reporting.documents import service
from cp_reporting.documents.models import Document
from cp_reporting.summaries.service import apply_dossier_event
from tests.conftest import AMQP_TEST_URL
from tests.reporting.conftest import TestClient, delete_rows
from tests.reporting.factories import dossier_event, snapshot


def overview_path(dossier_id) -> str:
    return f"/api/reporting/dossiers/{dossier_id}/overview-pdf"


def add_dossier(session, organisation_id, **values) -> uuid.UUID:
    dossier = snapshot(organisation_id, **values)
    apply_dossier_event(session, dossier_event(dossier))
    session.flush()
    return uuid.UUID(dossier["id"])


def take_task_message(queue_name: str):
    """Return the one Celery message on the queue, or None."""
    with Connection(AMQP_TEST_URL) as connection:
        message = Queue(queue_name)(connection.default_channel).get(no_ack=True)
        if message is None:
            return None
        return message.headers, message.decode()


class TestRequestOverview:
    def test_creates_pending_document_and_sends_task(self, client, session, organisation_id, headers_for, pdf_queue):
        dossier_id = add_dossier(session, organisation_id, number="2025-004211")
        user_id = uuid.uuid4()

        response = client.post(overview_path(dossier_id), headers=headers_for(organisation_id, user_id=user_id, language="en"))

        assert response.status_code == 202
        body = response.json()
        assert body["kind"] == "dossier_overview"
        assert body["dossier_id"] == str(dossier_id)
        assert body["status"] == "pending"
        assert body["finished_at"] is None
        assert body["filename"] == "dossier-2025-004211.pdf"
        document = session.get(Document, uuid.UUID(body["id"]))
        assert document.creditor_id == organisation_id
        assert document.requested_by == user_id
        assert document.language == "en"

        headers, (args, kwargs, _embed) = take_task_message(pdf_queue)
        assert headers["task"] == "pdf.render_dossier_overview"
        assert args == []
        assert kwargs == {"document_id": body["id"]}

    def test_dossier_of_other_organisation_is_404(self, client, session, organisation_id, headers_for, pdf_queue):
        dossier_id = add_dossier(session, uuid.uuid4())

        response = client.post(overview_path(dossier_id), headers=headers_for(organisation_id))

        assert response.status_code == 404
        assert response.json()["error"]["code"] == "dossier_not_found"
        assert session.scalar(text("select count(*) from documents where dossier_id = :id"), {"id": dossier_id}) == 0

    def test_unknown_dossier_is_404(self, client, organisation_id, headers_for):
        response = client.post(overview_path(uuid.uuid4()), headers=headers_for(organisation_id))

        assert response.status_code == 404
        assert response.json()["error"]["code"] == "dossier_not_found"
        assert "jouw organisatie" in response.json()["error"]["message"]


def test_task_is_sent_after_commit(settings, engine, committing_session_factory, organisation_id, headers_for, pdf_queue):
    """Without the test's rollback session: at publish time the document row must be visible to others."""
    seen_at_publish: dict[str, bool] = {}
    observer = make_engine(settings.database_url)

    def check_row_committed(headers=None, body=None, **_kwargs):
        document_id = body[1]["document_id"]
        with observer.connect() as connection:
            count = connection.scalar(text("select count(*) from documents where id = :id"), {"id": uuid.UUID(document_id)})
        seen_at_publish[document_id] = count == 1

    with committing_session_factory() as setup:
        dossier_id = add_dossier(setup, organisation_id)
        setup.commit()

    before_task_publish.connect(check_row_committed, weak=False)
    try:
        with TestClient(create_app(settings)) as client:
            response = client.post(overview_path(dossier_id), headers=headers_for(organisation_id))
        assert response.status_code == 202
        assert seen_at_publish == {response.json()["id"]: True}
    finally:
        before_task_publish.disconnect(check_row_committed)
        observer.dispose()
        document_ids = [uuid.UUID(key) for key in seen_at_publish]
        delete_rows(engine, dossier_ids=[dossier_id], document_ids=document_ids)


def test_unreachable_broker_fails_document(settings, session, organisation_id, headers_for, unused_port):
    dossier_id = add_dossier(session, organisation_id)
    app = create_app(settings.model_copy(update={"amqp_url": f"amqp://guest:guest@127.0.0.1:{unused_port}//"}))
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as client:
        response = client.post(overview_path(dossier_id), headers=headers_for(organisation_id))

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "pdf_queue_unavailable"
    status, error = session.execute(
        text("select status, error from documents where dossier_id = :id"), {"id": dossier_id}
    ).one()
    assert status == "failed"
    assert error.startswith("could not queue the rendering")


class TestDocument:
    @pytest.fixture
    def document(self, session, organisation_id) -> Document:
        document = Document(
            id=uuid.uuid4(),
            kind="dossier_overview",
            dossier_id=uuid.uuid4(),
            dossier_number="2025/004 211",
            creditor_id=organisation_id,
            requested_by=uuid.uuid4(),
            language="nl",
            status="pending",
            created_at=service.utcnow(),
        )
        session.add(document)
        session.flush()
        return document

    def test_read_pending_document(self, client, document, organisation_id, headers_for):
        response = client.get(f"/api/reporting/documents/{document.id}", headers=headers_for(organisation_id))

        assert response.status_code == 200
        body = response.json()
        assert body["id"] == str(document.id)
        assert body["status"] == "pending"
        assert body["filename"] == "dossier-2025-004-211.pdf"

    def test_file_of_pending_document_is_409(self, client, document, organisation_id, headers_for):
        response = client.get(f"/api/reporting/documents/{document.id}/file", headers=headers_for(organisation_id))

        assert response.status_code == 409
        assert response.json()["error"]["code"] == "document_not_ready"

    def test_file_of_failed_document_is_409_in_dutch(self, client, session, document, organisation_id, headers_for):
        service.mark_failed(document, "GET /internal/dossiers/... returned 404")
        session.flush()

        response = client.get(f"/api/reporting/documents/{document.id}/file", headers=headers_for(organisation_id))

        assert response.status_code == 409
        error = response.json()["error"]
        assert error["code"] == "document_failed"
        assert error["message"] == "De PDF kon niet worden gemaakt. Vraag de PDF opnieuw aan."

    def test_failed_message_in_english_on_request(self, client, session, document, organisation_id, headers_for):
        service.mark_failed(document, "rendering failed")
        session.flush()

        response = client.get(
            f"/api/reporting/documents/{document.id}/file",
            headers={**headers_for(organisation_id), "Accept-Language": "en"},
        )

        assert response.json()["error"]["message"] == "The PDF could not be created. Please request it again."

    def test_file_of_ready_document(self, client, session, document, organisation_id, headers_for):
        service.mark_ready(document, b"%PDF-1.7 test bytes")
        session.flush()

        response = client.get(f"/api/reporting/documents/{document.id}/file", headers=headers_for(organisation_id))

        assert response.status_code == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["content-disposition"] == 'attachment; filename="dossier-2025-004-211.pdf"'
        assert response.content == b"%PDF-1.7 test bytes"
        status = client.get(f"/api/reporting/documents/{document.id}", headers=headers_for(organisation_id)).json()
        assert status["status"] == "ready"
        assert status["finished_at"] is not None

    def test_document_of_other_organisation_is_404(self, client, session, document, headers_for):
        service.mark_ready(document, b"%PDF-1.7 test bytes")
        session.flush()
        stranger = headers_for(uuid.uuid4())

        metadata = client.get(f"/api/reporting/documents/{document.id}", headers=stranger)
        file = client.get(f"/api/reporting/documents/{document.id}/file", headers=stranger)

        assert metadata.status_code == 404
        assert metadata.json()["error"]["code"] == "document_not_found"
        assert file.status_code == 404
        assert file.json()["error"]["code"] == "document_not_found"
