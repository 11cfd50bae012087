"""Rendering emails from Jinja2 templates and sending them over SMTP."""
