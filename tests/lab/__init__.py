"""The project's disposable real mail-server lab (see lab.py and docs/testing.md)."""
