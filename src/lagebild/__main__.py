"""``python -m lagebild`` runs the command line, as the ``lagebild`` script does."""

from lagebild.cli.main import app

if __name__ == "__main__":
    app(prog_name="lagebild")
