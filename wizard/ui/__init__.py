"""The Qt front end. Imports PySide6 and the core; never paramiko, keyring or smtplib."""
