"""Human-readable tables for an evaluation result (the ``--json`` output is the dict itself)."""

from __future__ import annotations

from typing import Any

from rich.table import Table

_SCALARS = ("sentences", "tokens", "documents", "gold_quotes", "predicted_quotes", "gold_timexes",
            "predicted_timexes", "value_accuracy", "te3_value_accuracy", "gold_events", "predicted_events", "status_accuracy", "subset", "batch",
            "articles", "gold_stories", "predicted_stories", "largest_predicted_story", "blank_titles", "split",
            "system", "seconds")


def _prf_table(title: str, rows: dict[str, dict[str, Any]], first: str = "", bold: str | None = None) -> Table:
    table = Table(title=title)
    table.add_column(first)
    for name in ("P", "R", "F1"):
        table.add_column(name, justify="right")
    for name in ("TP", "FP", "FN"):
        table.add_column(name, justify="right", style="dim")
    for name, c in rows.items():
        style = "bold" if name == bold else None
        table.add_row(name, f"{c['precision']:.4f}", f"{c['recall']:.4f}", f"{c['f1']:.4f}",
                      str(c["tp"]), str(c["fp"]), str(c["fn"]), style=style)
    return table


def _official_table(official: dict[str, Any]) -> Table:
    """SpkAtt's own figures (macro over aligned quotes and parts): full task, then simplified."""
    table = Table(title="official SpkAtt-2023 task 2 measure (macro over quotes and roles)")
    table.add_column("task")
    table.add_column("figure")
    for name in ("P", "R", "F1"):
        table.add_column(name, justify="right")
    for task, part in official.items():
        for name, c in part["metrics"].items():
            table.add_row(task, name, f"{c['precision']:.4f}", f"{c['recall']:.4f}", f"{c['f1']:.4f}",
                          style="bold" if (task, name) == ("full", "joint") else None)
    table.caption = "full: every annotation (nested too), message + addr, cue, frame, source; " \
                    "simplified: non-nested, message + source.  The token table below is lagebild's own."
    return table


def format_table(result: dict[str, Any]) -> list[Table]:
    """Tables for ``result``: the named figures (headline in bold, counts in the caption), then
    per-label / per-type breakdowns where the task has them."""
    task = result.get("task", "?")
    headline = result.get("headline")
    main = _prf_table(f"lagebild eval {task} — {result.get('gold', '')}", result.get("metrics", {}),
                      "figure", headline)
    main.caption = "  ".join(f"{k}: {result[k]}" for k in _SCALARS if result.get(k) is not None)
    tables = [main]
    if result.get("official"):
        tables.insert(0, _official_table(result["official"]))
    if result.get("per_label"):
        tables.append(_prf_table("per label (outer chunks)", result["per_label"], "label"))
    if result.get("per_label_main4"):
        tables.append(_prf_table("per label, -deriv/-part folded", result["per_label_main4"], "label"))
    if result.get("per_type"):
        tables.append(_prf_table("per event type", result["per_type"], "type"))
    if result.get("by_language"):
        for lang, part in result["by_language"].items():
            rows = {k: v for k, v in part.items() if isinstance(v, dict)}
            table = _prf_table(f"{lang}", rows, "figure", "detection")
            table.caption = f"status accuracy: {part.get('status_accuracy')}"
            tables.append(table)
    if result.get("found_by_cue"):
        table = Table(title="gold attributions found, by cue (known: one of lagebild's English speech verbs)")
        for name in ("cue", "found", "gold", "share"):
            table.add_column(name, justify="left" if name == "cue" else "right")
        for kind, row in result["found_by_cue"].items():
            table.add_row(kind, str(row["found"]), str(row["gold"]), f"{row['share']:.4f}")
        tables.append(table)
    if result.get("message_recall_by_form"):
        table = Table(title="message-token recall by gold form")
        table.add_column("form")
        table.add_column("R", justify="right")
        for form, recall in result["message_recall_by_form"].items():
            table.add_row(form or "-", f"{recall:.4f}")
        tables.append(table)
    return tables
