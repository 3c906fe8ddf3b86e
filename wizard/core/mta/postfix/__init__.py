"""Everything that knows Postfix: its inspection from Postfix's own tools (postconf), the
plan made with postconf on copies, its reload, and where its SASL accounts live."""
