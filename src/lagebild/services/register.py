"""The transfer register (as SIPRI keeps one for arms): one row per SUPPLY fact and item class,
supplier → recipient → item class → quantity (with its bounds and rate) → time → status →
independent origins, sortable and filterable, exported as CSV and XLSX.

A fact holds one item class ("shells and missiles are two facts", DESIGN §3); a fact whose item
could not be classed stands in the register as "(unclassed)" with its item words.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from lagebild.link import views
from lagebild.model import items as item_model
from lagebild.model import timevalue
from lagebild.services.queries import arg_label, arg_values, fact_roles
from lagebild.services.kept import kept
from lagebild.services.workbench import to_csv
from lagebild.store import Store

#: the register's columns, in order
COLUMNS = ("supplier", "recipient", "item_class", "item", "quantity", "low", "high", "approximate", "unit",
           "rate", "time", "precision", "status", "independent_origins", "origins", "mentions", "first_reported",
           "fact_url")
SORTS = ("supplier", "recipient", "item_class", "quantity", "time", "status", "independent_origins", "mentions")
UNCLASSED = "(unclassed)"


def item_class_names(language: str | None = "en") -> list[tuple[str, str]]:
    """(key, name) of every item class, in the table's order."""
    return [(c.key, c.name(language)) for c in item_model.classes()]


def _names(values: Sequence[dict[str, Any]]) -> str:
    return "; ".join(dict.fromkeys(arg_label(v) for v in values if arg_label(v)))


def register_row(fact: dict[str, Any]) -> dict[str, Any]:
    """One SUPPLY fact (its list form) as a register row."""
    roles = fact_roles(fact)
    quantity = next(iter(arg_values((fact.get("args") or {}).get("quantity"))), {}) or {}
    classes = [k for k in (fact.get("extra") or {}).get("items") or [] if isinstance(k, str)]
    names = [(item_model.by_key(k).name("en") if item_model.by_key(k) else k) for k in classes]
    span = fact.get("time_span") or {}
    origins = dict.fromkeys(str(o.get("label") or views.UNNAMED) if isinstance(o, dict) else views.origin_name(str(o), {})
                            for o in fact.get("origins") or [])
    value = quantity.get("value")
    return {
        "supplier": _names(roles["who"]), "recipient": _names(roles["whom"]),
        "item_class": "; ".join(names) or UNCLASSED, "item_keys": classes, "item": _names(roles["what"]),
        "quantity": value if isinstance(value, (int, float)) else None,
        "low": quantity.get("low"), "high": quantity.get("high"),
        "amount": next((v for v in (value, quantity.get("low"), quantity.get("high"))
                        if isinstance(v, (int, float))), None),  # what the quantity sorts by
        "approximate": bool(quantity.get("approximate")) if quantity else None,
        "unit": quantity.get("unit") or "", "quantity_text": quantity.get("text") or "",
        "rate": f"per {quantity['per']}" if quantity.get("per") else "",
        "time": fact.get("time") or "", "precision": span.get("precision") or "", "start": span.get("start") or "",
        "status": fact.get("status") or "", "independent_origins": fact.get("independent_origins") or 0,
        "origins": "; ".join(origins), "mentions": fact.get("mention_count", len(fact.get("mentions") or [])),
        "first_reported": fact.get("first_reported") or "", "fact_url": f"/facts/{fact['id']}", "fact": fact["id"],
        "first": (fact.get("mentions") or [None])[0],
    }


def transfer_register(store: Store, *, supplier: str = "", recipient: str = "", item: str = "", status: str = "",
                      since: str = "", until: str = "", sort: str = "time", descending: bool = False
                      ) -> list[dict[str, Any]]:
    """The register's rows: every SUPPLY fact, filtered (``supplier``/``recipient``: a name or
    alias contained, case-insensitive; ``item``: an item class key; ``since``/``until``: the
    fact's time meets the range) and sorted by ``sort`` (a :data:`SORTS` column; rows without a
    value last).  Raises ValueError for a time bound that is not a date."""
    window = timevalue.window(since or None, until or None) if (since or until) else None
    rows = kept(store, "register", lambda: _all_rows(store))
    if supplier:
        rows = [r for r in rows if supplier.casefold() in r["supplier"].casefold()]
    if recipient:
        rows = [r for r in rows if recipient.casefold() in r["recipient"].casefold()]
    if item:
        rows = [r for r in rows if (item in r["item_keys"]) or (item == "unclassed" and not r["item_keys"])]
    if status:
        rows = [r for r in rows if r["status"] == status]
    if window is not None:
        rows = [r for r in rows if timevalue.in_window(r["time"] or None, window)]
    key = {"time": "start", "quantity": "amount"}.get(sort, sort if sort in SORTS else "start")
    present = [r for r in rows if r[key] not in (None, "")]
    missing = [r for r in rows if r[key] in (None, "")]
    as_key = (lambda r: r[key].casefold()) if isinstance(present[0][key] if present else 0, str) else (lambda r: r[key])
    present = sorted(present, key=as_key, reverse=descending)  # a new list: the kept rows stay in order
    return present + missing


def _all_rows(store: Store) -> list[dict[str, Any]]:
    """A row per SUPPLY fact, in the store's fact order."""
    ids = store.fact_ids(type="SUPPLY")
    docs = views.read_fact_docs(store, ids)
    return [register_row(docs[i]) for i in ids if i in docs]


def register_csv(rows: Sequence[dict[str, Any]]) -> str:
    return to_csv(rows, COLUMNS)


def register_xlsx(rows: Sequence[dict[str, Any]]) -> bytes:
    """The register as an Excel workbook: one sheet, a bold frozen header, numbers as numbers."""
    from openpyxl import Workbook  # lazy: the XLSX export alone needs openpyxl
    from openpyxl.styles import Font  # lazy: as above

    book = Workbook()
    sheet = book.active
    sheet.title = "transfers"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([_xlsx_value(row.get(c)) for c in COLUMNS])
    for column, width in zip("ABCDEFGHIJKLMNOPQR", (18, 18, 20, 24, 12, 10, 10, 11, 16, 12, 12, 10, 12, 10, 30, 9, 13, 30)):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str) and value[:1] == "=":  # text, never a formula
        return "'" + value
    return value
