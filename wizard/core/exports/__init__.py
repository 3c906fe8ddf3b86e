"""Client settings, the handout and the Ansible playbook: see ARCHITECTURE.md.

:data:`FORMATS` lives here, not in :mod:`.clients`, so that the command line's grammar
names them without importing the writers.
"""

# The client settings formats by name. handout-pdf is handout-html rendered through Qt,
# outside the core.
FORMATS: tuple[str, ...] = (
    "thunderbird",
    "mobileconfig",
    "msmtp",
    "mutt",
    "handout-html",
    "handout-pdf",
    "srv",
)
