"""Notifications service: sends the portal's emails and logs every delivery.

The Celery worker (queue ``email``) renders and sends the mails over SMTP;
the HTTP app shows the delivery log to the agency's administrators.
"""
