"""The wizard without Qt: typed state, navigation, the rules the pages apply, worker results.

Nothing here imports PySide6 (``tests/unit/ui/test_model.py`` checks it), so every rule of
the wizard can be tested as plain Python; the pages in :mod:`wizard.ui.pages` only move
values between widgets and this model.
"""
