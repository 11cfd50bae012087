"""Logging in (password, then security code), logging out and the page language."""
