"""Small stand-ins shared by tests that run the command line without a keyring."""


class NoSecrets:
    """A credential store with nothing saved: every forget finds nothing."""

    def forget_sasl_password(self, host: str, user: str) -> bool:
        return False

    def forget_ssh_password(self, host: str, port: int, user: str) -> bool:
        return False

    def forget_sudo_password(self, host: str, port: int, user: str) -> bool:
        return False
