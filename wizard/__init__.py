"""Relay Wizard: turn a sendmail server into a safe authenticated relay."""

__version__ = "0.1.0"
