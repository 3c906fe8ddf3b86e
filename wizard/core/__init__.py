"""The core: SSH, sendmail, SASL, SMTP, keyring and exports. Never imports Qt."""
