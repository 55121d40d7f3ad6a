"""``python -m lagebild.cli`` runs the command line."""

from lagebild.cli.main import app

app()
