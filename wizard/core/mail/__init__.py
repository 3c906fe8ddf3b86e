"""The wizard as a mail client, to prove a configuration from the outside.

smtp (the client: settings, replies, the session), transcript (the conversation, secrets
hidden), tls (certificates and pins), auth (the SASL mechanisms), send (the test send),
pool (a session kept open for the step that follows); tricks (the relay tricks as data),
vantage (whether the server trusts this client), audit (the open-relay audit) and
audit_report (what it found); diagnose (why a send failed, and the message's fate).
"""
