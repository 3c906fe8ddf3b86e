"""certbot on the server: the step that obtains a certificate (a dry run first), and what its
output means when it fails, in one plain sentence with the fix. Pure but for the step's run."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.core.change.steps import ScriptStep
from wizard.core.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wizard.core.change.outcome import StepOutcome

# What certbot (and the ACME server's problem document it quotes) says, most telling first:
# each pattern with the sentence and the fix an admin can act on.
_CAUSES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(r"rateLimited|too many (certificates|failed authorizations|requests)", re.I),
        QT_TRANSLATE_NOOP(
            "Certbot",
            "The certificate authority refused because too many certificates or attempts "
            "were asked for this name recently (its rate limit).",
        ),
        QT_TRANSLATE_NOOP(
            "Certbot",
            "Wait for the time the authority names (often an hour, for new certificates up "
            "to a week), then apply again; the existing certificate stays in use meanwhile.",
        ),
    ),
    (
        re.compile(r"certbot is not installed|certbot: (command )?not found", re.I),
        QT_TRANSLATE_NOOP("Certbot", "certbot is not installed on the server."),
        QT_TRANSLATE_NOOP(
            "Certbot", "Install the certbot package on the server, then apply again."
        ),
    ),
    (
        re.compile(
            r"NXDOMAIN|DNS problem|no valid A records|urn:ietf:params:acme:error:(dns|unauthorized)"
            r"|Invalid response from|unauthorized",
            re.I,
        ),
        QT_TRANSLATE_NOOP(
            "Certbot",
            "The certificate authority could not confirm that {name} is this server: the "
            "name does not point at this server's address, or another server answered.",
        ),
        QT_TRANSLATE_NOOP(
            "Certbot",
            "Make the DNS record of {name} point at this server's public address (and wait "
            "for it to spread), or give the name staff use that does; then apply again.",
        ),
    ),
    (
        re.compile(
            r"Requesting \S+: |Unable to reach|Failed to establish a new connection"
            r"|Max retries exceeded"
            r"|Name or service not known|certificate verify failed|Error creating new account",
            re.I,
        ),
        QT_TRANSLATE_NOOP(
            "Certbot",
            "certbot could not reach the certificate authority at {url} from the server.",
        ),
        QT_TRANSLATE_NOOP(
            "Certbot",
            "Check the authority's address and that the server may open HTTPS connections "
            "to the internet (proxy, firewall), then apply again.",
        ),
    ),
    (
        re.compile(r"Could not bind|Address already in use|Problem binding to port 80", re.I),
        QT_TRANSLATE_NOOP(
            "Certbot",
            "Another program holds port 80 on the server, so certbot could not answer the "
            "authority's check there.",
        ),
        QT_TRANSLATE_NOOP(
            "Certbot",
            "Give the folder that web server serves, so certbot answers through it, or stop "
            "that program while the certificate is obtained.",
        ),
    ),
    (
        re.compile(
            r"urn:ietf:params:acme:error:connection|Connection refused|Timeout during connect"
            r"|timed out|Fetching http://",
            re.I,
        ),
        QT_TRANSLATE_NOOP(
            "Certbot",
            "The certificate authority could not reach this server on port 80 for {name}.",
        ),
        QT_TRANSLATE_NOOP(
            "Certbot",
            "Open port 80 to the internet in the server's firewall and the office router "
            "(only while certificates are obtained or renewed), then apply again. Without "
            "port 80, obtain the certificate with a DNS challenge yourself and choose the "
            "certificate certbot keeps.",
        ),
    ),
)


def diagnose_certbot(output: str, name: str, url: str) -> tuple[str, str]:
    """certbot's failure in one plain sentence and its fix (("", "") when not recognised).
    ``output``: what it printed; ``name``: the name asked for; ``url``: the ACME directory."""
    for pattern, sentence, fix in _CAUSES:
        if pattern.search(output):
            return sentence.format(name=name, url=url), fix.format(name=name, url=url)
    return "", ""


@dataclass(frozen=True)
class ObtainStep(ScriptStep):
    """certbot-obtain.sh: a dry run, then the certificate; a failure says why in words."""

    cert_name: str = ""
    acme_server: str = ""

    def failure(self, outcomes: Sequence[StepOutcome]) -> str:
        detail = outcomes[-1].detail if outcomes else ""
        sentence, fix = diagnose_certbot(detail, self.cert_name, self.acme_server)
        if not sentence:
            return super().failure(outcomes)
        return QT_TRANSLATE_NOOP("Certbot", "{sentence} {fix} (certbot said: {detail})").format(
            sentence=sentence, fix=fix, detail=detail
        )


def obtain_step(name: str, url: str, email: str, webroot: str) -> ObtainStep:
    """certbot obtains a certificate for ``name`` from the ACME directory ``url``."""
    return ObtainStep(
        "certbot-obtain",
        QT_TRANSLATE_NOOP("Steps", "Obtain a certificate for {name} with certbot").format(
            name=name
        ),
        (name, url, email, webroot),
        note="a dry run first",
        about=QT_TRANSLATE_NOOP(
            "Steps",
            "certbot on the server asks the certificate authority for a certificate, after a "
            "trial run that costs nothing; the authority checks the name through port 80. "
            "The certificate stays on the server even if the change is undone.",
        ),
        cert_name=name,
        acme_server=url,
    )
