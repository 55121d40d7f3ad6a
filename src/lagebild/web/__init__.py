"""The server-rendered web page over the store (templates and static files)."""
