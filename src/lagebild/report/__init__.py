"""Views on the store: exporters (CSV, GraphML) and the self-contained HTML report."""
