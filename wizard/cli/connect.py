"""Connecting over SSH as the command line's arguments say, asking when a terminal is there.

Passwords come from the environment (:data:`ENV_SSH_PASSWORD`...), the keyring when the
admin asked to remember them, or a prompt; never from the command line.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING

from wizard.cli.console import ENV_KEY_PASSPHRASE, ENV_SSH_PASSWORD, ENV_SUDO_PASSWORD
from wizard.core.errors import AuthError, HostKeyUnknown, SudoPasswordNeeded, WizardError
from wizard.core.local.credentials import CredentialStore, CredentialStoreError
from wizard.core.remote.hostkeys import KnownHosts
from wizard.core.remote.login import Credentials
from wizard.core.remote.session import SshSession
from wizard.core.target import Target, parse_target

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from wizard.cli.console import Console


def credentials_from(args: argparse.Namespace) -> Credentials:
    return Credentials(
        password=os.environ.get(ENV_SSH_PASSWORD) or None,
        key_file=args.identity,
        key_passphrase=os.environ.get(ENV_KEY_PASSPHRASE) or None,
        use_agent=not args.no_agent,
        sudo_password=os.environ.get(ENV_SUDO_PASSWORD) or None,
    )


def connect(
    args: argparse.Namespace,
    console: Console,
    connector: Callable[..., SshSession] = SshSession.connect,
) -> SshSession:
    """Connect as the arguments say; ask the person when a terminal is there to ask.

    Passwords the admin asked to remember (``--remember-ssh``) come from the keyring when
    none is given; after a successful connection with ``--remember-ssh`` the SSH and sudo
    passwords used are saved there.
    """
    target: Target = parse_target(args.target)
    creds = credentials_from(args)
    known = KnownHosts(args.known_hosts or KnownHosts.default_path())
    accept: bool | str = args.accept_new_host_key
    looked_up = False
    for _ in range(5):
        try:
            session = connector(
                target, creds, known, accept_new_host_key=accept, timeout=args.timeout
            )
            if getattr(args, "remember_ssh", False):
                _remember_ssh(console, target, creds)
            return session
        except (AuthError, SudoPasswordNeeded) as exc:
            if not looked_up:  # passwords the admin asked to remember, once
                looked_up = True
                ssh_pw, sudo_pw = _remembered(console, target)
                remembered = replace(
                    creds,
                    password=creds.password or ssh_pw,
                    sudo_password=creds.sudo_password or sudo_pw,
                )
                if remembered != creds:
                    creds = remembered
                    continue
            creds = ask(console, target, creds, exc)
        except HostKeyUnknown as exc:
            if accept is not False or not console.interactive:
                raise
            console.say(exc.message)
            if not console.confirm("Accept this key and save it?"):
                raise
            accept = exc.fingerprint
    raise WizardError("Could not connect after several attempts.")


def ask(console: Console, target: Target, creds: Credentials, exc: WizardError) -> Credentials:
    """Prompt for the password the failure asks for, or raise ``exc`` again."""
    sudo = isinstance(exc, SudoPasswordNeeded)
    given = creds.sudo_password if sudo else creds.password
    prompt = (
        f"sudo password for {target.user} on {target.host}: "
        if sudo
        else f"SSH password for {target.user}@{target.host}: "
    )
    password = console.secret(prompt) if given is None else None
    if password is None:
        raise exc
    return replace(creds, sudo_password=password) if sudo else replace(creds, password=password)


def _remembered(console: Console, target: Target) -> tuple[str | None, str | None]:
    """(SSH password, sudo password) remembered in the keyring, or Nones."""
    try:
        store = CredentialStore()
        return (
            store.ssh_password(target.host, target.port, target.user),
            store.sudo_password(target.host, target.port, target.user),
        )
    except CredentialStoreError:
        return None, None


def _remember_ssh(console: Console, target: Target, creds: Credentials) -> None:
    try:
        store = CredentialStore()
        if creds.password:
            store.remember_ssh_password(target.host, target.port, target.user, creds.password)
        if creds.sudo_password:
            store.remember_sudo_password(target.host, target.port, target.user, creds.sudo_password)
        console.say(f"The SSH passwords are saved in {store.location()}.")
    except CredentialStoreError as exc:
        console.error(exc, "the passwords were not saved: ")
