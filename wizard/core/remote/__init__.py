"""What runs on the server: the remote scripts (``remote/scripts``) and their loader."""
