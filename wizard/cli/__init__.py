"""The command line: a thin front on the core, like the GUI (``main`` is the entry)."""
