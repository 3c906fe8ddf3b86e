"""The planner's sentences (the checks Settings and Review show) reach the window whole:
each is one marked template, its values filled in by name, so the window can show it in
the admin's language; the command line keeps the English. Pure."""

from __future__ import annotations

import pytest

from tests.capture import stock_mc
from tests.corpus import CORPUS, DEBIAN_TLS
from wizard.core.change.options import RelayOptions
from wizard.core.mta.sendmail.mc import McFile, effective_daemons
from wizard.core.mta.sendmail.mcplan import McPlan, plan_mc
from wizard.core.translatable import Translatable

CLASSIC = RelayOptions("classic").validated()
MODERN = RelayOptions("modern").validated()


def bracketed(context: str, source: str) -> str:
    """A "translation" that shows where each template starts and ends."""
    return f"[{source}]"


def plans() -> list[tuple[str, McPlan]]:
    out = []
    for path in CORPUS:
        text = path.read_bytes().decode("utf-8", "surrogateescape")
        out.append((f"{path.name} classic", plan_mc(text, CLASSIC)))
        out.append((f"{path.name} modern", plan_mc(text, MODERN, DEBIAN_TLS, 0o640)))
    return out


@pytest.mark.parametrize(("case", "plan"), plans(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_check_is_one_whole_marked_sentence(case: str, plan: McPlan) -> None:
    for check in plan.checks:
        message = check.message
        assert isinstance(message, Translatable), (case, check.id, message)
        assert message.context, (case, check.id)
        shown = message.translated(bracketed)
        # one template from the first letter to the last: no English piece outside it
        assert shown.startswith("[") and shown.endswith("]"), (case, check.id, shown)
        assert not any(f"{{{name}}}" in shown for name in message.values), (case, shown)


def test_the_places_in_a_sentence_are_translated_too() -> None:
    plan = plan_mc(stock_mc(), MODERN, DEBIAN_TLS, 0o640)
    opened = next(c for c in plan.checks if c.id == "listener_opened_587")
    # the command line's English, as it always was
    assert opened.message == (
        "The submission port (MSP-v4) listens on port 587 on 127.0.0.1 today; it will "
        "accept connections from the network on port 587."
    )
    assert opened.message.translated(bracketed) == (
        "[The submission port (MSP-v4) listens on [port 587 on 127.0.0.1] today; it will "
        "accept connections from the network on port 587.]"
    )
    (msa,) = [d for d in effective_daemons(McFile.parse(stock_mc())) if d.port == 587]
    assert isinstance(msa.where(), Translatable) and msa.where() == "port 587 on 127.0.0.1"


def test_dropping_a_mechanism_names_the_one_to_switch_to() -> None:
    text = (
        "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`debian')dnl\n"
        "FEATURE(`no_default_msa')dnl\nDAEMON_OPTIONS(`Name=MTA, Port=smtp')dnl\n"
        "TRUST_AUTH_MECH(`CRAM-MD5')dnl\ndefine(`confAUTH_MECHANISMS', `CRAM-MD5')dnl\n"
        "MAILER(`local')dnl\nMAILER(`smtp')dnl\n"
    )
    options = RelayOptions("classic", ("DIGEST-MD5",), drop_mechanisms=("CRAM-MD5",))
    plan = plan_mc(text, options.validated())
    dropped = next(c for c in plan.checks if c.id == "mechanisms_dropped")
    assert dropped.message.endswith("will not be able to send until they switch to DIGEST-MD5.")
    assert dropped.message.source.endswith("until they switch to {still}.")
