"""CSV, GraphML and FollowTheMoney exports of the JSON export document, as text: the CLI (through
:mod:`lagebild.report.exporters`, which writes them to files) and the page serve the same bytes.

:data:`FORMATS` names what one download holds: ``json``, ``ftm``, ``graphml`` and ``facts.csv``."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterator
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from lagebild.model import events as events_model
from lagebild.model import timevalue


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def csv_tables(doc: dict[str, Any]) -> dict[str, str]:
    """The tables ``entities``, ``events`` and ``facts`` as CSV text."""
    tables = {
        "entities": (["id", "name", "type", "aliases", "mentions"],
                     [{**e, "aliases": "|".join(e["aliases"]), "mentions": len(e["mentions"])} for e in doc["entities"]]),
        "events": (["id", "type", "article", "start", "end", "text", "args", "time", "attribution", "status"],
                   doc["events"]),
        "facts": (["id", "type", "label", "args", "time", "events", "origins", "independent_origins",
                   "first_reported", "status"], doc["facts"]),
    }
    written = {}
    for name, (columns, rows) in tables.items():
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in columns})
        written[name] = buffer.getvalue()
    return written


def graph_edges(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Edges between canonical entities from the facts (or events, before linking)."""
    edges = []
    for item in doc["facts"] or doc["events"]:
        etype = events_model.TYPES.get(item["type"])
        args = item.get("args") or {}
        if etype is None:
            continue
        if etype.edge:
            sources, targets = (_entities(args.get(r)) for r in etype.edge)
            pairs = [(a, b) for a in sources for b in targets]
        else:  # symmetric: an edge between every two participants / parties
            members = list(dict.fromkeys(e for r in etype.side("who") for e in _entities(args.get(r))))
            pairs = [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]
        for a, b in pairs:
            if a != b:
                edges.append({"source": a, "target": b, "type": item["type"], "id": item["id"],
                              "label": item.get("label") or item.get("text", ""), "status": item.get("status"),
                              "independent_origins": item.get("independent_origins")})
    return edges


def _entities(value: Any) -> list[str]:
    """Entity ids of one role: an argument dict (events) or a list of them (facts)."""
    items = value if isinstance(value, list) else [value] if value else []
    return [x["entity"] for x in items if isinstance(x, dict) and x.get("entity")]


def graphml_text(doc: dict[str, Any]) -> str:
    """GraphML (for Gephi): entities as nodes, facts between them as directed edges."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
        '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
        '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
        '  <key id="etype" for="edge" attr.name="type" attr.type="string"/>',
        '  <key id="label" for="edge" attr.name="label" attr.type="string"/>',
        '  <key id="status" for="edge" attr.name="status" attr.type="string"/>',
        '  <key id="origins" for="edge" attr.name="independent_origins" attr.type="int"/>',
        '  <graph id="lagebild" edgedefault="directed">',
    ]
    for e in doc["entities"]:
        lines.append(f'    <node id={quoteattr(e["id"])}><data key="name">{_x(e["name"])}</data>'
                     f'<data key="type">{_x(e["type"])}</data></node>')
    known = {e["id"] for e in doc["entities"]}
    for i, edge in enumerate(graph_edges(doc)):
        if edge["source"] in known and edge["target"] in known:
            lines.append(
                f'    <edge id="e{i}" source={quoteattr(edge["source"])} target={quoteattr(edge["target"])}>'
                f'<data key="etype">{_x(edge["type"])}</data><data key="label">{_x(edge["label"])}</data>'
                f'<data key="status">{_x(edge["status"] or "")}</data>'
                f'<data key="origins">{int(edge["independent_origins"] or 0)}</data></edge>')
    lines += ["  </graph>", "</graphml>", ""]
    return "\n".join(lines)


def _x(text: Any) -> str:
    return escape(str(text))


# --- FollowTheMoney ---------------------------------------------------------------------------
#
# Entities and relations as FollowTheMoney (FtM) JSON Lines, one entity per line
# ({"id", "schema", "properties": {name: [values]}}), the format Aleph / OpenAleph and the ftm
# command line read.  Written as plain data: the followthemoney package is not needed to write,
# only the tests use it to validate.  A lagebild entity becomes a Person, an Organization, a
# PublicBody (a state) or an Address (a place); a name of another kind (MISC: a weapon's name, a
# war) a Mention in each article that names it.  An article becomes an Article, each article
# naming an entity a Documentation (role "mentioned"), a fact an Event with its participants,
# place, time, status and the articles it rests on as proof, and each directed pair of a fact
# (supplier -> recipient, attacker -> target) an UnknownLink.

#: lagebild entity type -> FtM schema
FTM_SCHEMA = {"PER": "Person", "ORG": "Organization", "GPE": "PublicBody", "LOC": "Address"}
#: the FtM schemata a fact's participants can be linked from (FtM's LegalEntity and below)
_FTM_LEGAL = {"Person", "Organization", "PublicBody"}
#: ISO 639-1 -> the ISO 639-3 codes FtM's language type takes
_FTM_LANGUAGE = {"de": "deu", "en": "eng"}
_FTM_ID_UNSAFE = re.compile(r"[^0-9A-Za-z.-]+")
_ISO_PREFIX = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_COUNTRY = re.compile(r"^(?:gpe:|loc:capital-)([A-Z]{2})$")


def ftm_id(*parts: str) -> str:
    """An FtM entity id (letters, digits, '.' and '-') for lagebild ids: ``gpe:US`` becomes
    ``lagebild.gpe.US``, parts are joined by '.'.  A part with other characters is cleaned and
    the id gets a short hash of the original, so ids stay distinct."""
    text = ".".join(part.replace(":", ".") for part in parts)
    clean = _FTM_ID_UNSAFE.sub("-", text).strip("-.")
    if clean != text or any(part.count(":") > 1 for part in parts):
        clean = f"{clean}.{hashlib.sha1(chr(31).join(parts).encode('utf-8')).hexdigest()[:10]}"
    return f"lagebild.{clean}"


def ftm_entities(doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The FtM entities of an export document, in a fixed order."""
    articles = {a["id"]: a for a in doc["articles"]}
    for article in doc["articles"]:
        yield _ftm_article(article)
    schema_of: dict[str, str] = {}
    for entity in doc["entities"]:
        schema = FTM_SCHEMA.get(entity["type"])
        named_in = sorted({m["article"] for m in entity.get("mentions") or [] if m.get("article") in articles})
        if schema is None:  # no FtM schema fits: a Mention of the name in each article
            for article in named_in:
                yield _ftm("Mention", ftm_id("mention", entity["id"], article),
                           name=[entity["name"]], document=[ftm_id("article", article)])
            continue
        schema_of[entity["id"]] = schema
        yield _ftm_entity(entity, schema)
        for article in named_in:
            yield _ftm("Documentation", ftm_id("doc", entity["id"], article),
                       document=[ftm_id("article", article)], entity=[ftm_id(entity["id"])],
                       role=["mentioned"])
    for fact in doc["facts"]:
        yield from _ftm_fact(fact, schema_of, articles)


def ftm_lines(doc: dict[str, Any]) -> Iterator[str]:
    """The FtM entities as JSON Lines, one line (with its newline) each."""
    for entity in ftm_entities(doc):
        yield json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n"


def _ftm(schema: str, entity_id: str, **properties: list[Any]) -> dict[str, Any]:
    """One FtM entity; empty and repeated values dropped, every value a string."""
    props = {}
    for name, values in properties.items():
        kept = list(dict.fromkeys(str(v) for v in values if v not in (None, "")))
        if kept:
            props[name] = kept
    return {"id": entity_id, "schema": schema, "properties": props}


def _ftm_article(article: dict[str, Any]) -> dict[str, Any]:
    url = article.get("url") or ""
    published = article.get("published") or ""
    return _ftm("Article", ftm_id("article", article["id"]),
                title=[article.get("title")], name=[article.get("name") or article.get("title")],
                publisher=[article.get("outlet")],
                publishedAt=[published if _ISO_PREFIX.match(str(published)) else None],
                language=[_FTM_LANGUAGE.get(article.get("language") or "")],
                sourceUrl=[url if url.startswith(("http://", "https://")) else None])


def _country(entity_id: str) -> str | None:
    import pycountry  # lazy: only the FtM export needs it

    match = _COUNTRY.match(entity_id)
    if match is None or pycountry.countries.get(alpha_2=match.group(1)) is None:
        return None
    return match.group(1).lower()


def _ftm_entity(entity: dict[str, Any], schema: str) -> dict[str, Any]:
    aliases = [a for a in entity.get("aliases") or [] if a != entity["name"]]
    country = _country(entity["id"])
    props: dict[str, list[Any]] = {"name": [entity["name"]], "alias": aliases}
    if schema == "Address":
        props["full"] = [entity["name"]]
        props["country"] = [country]
    elif schema == "PublicBody":
        props["jurisdiction"] = [country]
    return _ftm(schema, ftm_id(entity["id"]), **props)


def _ftm_time(value: str | None) -> dict[str, list[Any]]:
    """A TIMEX value as FtM dates: a year, month or day as it is; a week, season or quarter
    as the first and last day it covers."""
    parsed = timevalue.parse(value)
    if parsed is None:
        return {}
    if parsed.precision in ("day", "month", "year") and _ISO_PREFIX.match(parsed.value):
        return {"date": [parsed.value]}
    return {"startDate": [parsed.first.isoformat()], "endDate": [parsed.last.isoformat()]}


def _ftm_fact(fact: dict[str, Any], schema_of: dict[str, str],
              articles: dict[str, dict[str, Any]]) -> Iterator[dict[str, Any]]:
    args = fact.get("args") or {}
    participants = list(dict.fromkeys(e for value in args.values() for e in _entities(value)))
    involved = [e for e in participants if schema_of.get(e) in _FTM_LEGAL]
    places = [e for e in participants if schema_of.get(e) == "Address"]
    mentioned = list(dict.fromkeys(m["article"] for m in fact.get("mentions") or [] if m.get("article") in articles))
    proof = [ftm_id("article", a) for a in mentioned]
    urls = [articles[a].get("url") for a in mentioned]
    urls = [u for u in urls if u and u.startswith(("http://", "https://"))]
    when = _ftm_time(fact.get("time"))
    origins = fact.get("independent_origins")
    description = (f"{fact['type']}; status {fact.get('status') or 'unknown'}; independent origins "
                   f"{origins if origins is not None else 'unknown'}; time {fact.get('time') or 'unknown'}")
    yield _ftm("Event", ftm_id(fact["id"]),
               name=[fact.get("label") or fact["type"]], summary=[fact.get("corroboration")],
               description=[description], keywords=[fact["type"], *(fact.get("items") or [])],
               involved=[ftm_id(e) for e in involved],
               addressEntity=[ftm_id(e) for e in places],
               location=[_entity_name(fact, e) for e in places],
               proof=proof, sourceUrl=urls, **when)
    for edge in graph_edges({"facts": [fact], "events": []}):
        if schema_of.get(edge["source"]) in _FTM_LEGAL and schema_of.get(edge["target"]) in _FTM_LEGAL:
            yield _ftm("UnknownLink", ftm_id("link", fact["id"], edge["source"], edge["target"]),
                       subject=[ftm_id(edge["source"])], object=[ftm_id(edge["target"])],
                       role=[fact["type"].lower()], description=[fact.get("label")],
                       status=[fact.get("status")], proof=proof, sourceUrl=urls, **when)


def _entity_name(fact: dict[str, Any], entity_id: str) -> str | None:
    for value in (fact.get("args") or {}).values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and item.get("entity") == entity_id:
                return item.get("name")
    return None


#: one download each: name -> (media type, file suffix, the text of an export document)
FORMATS: dict[str, tuple[str, str, Callable[[dict[str, Any]], str]]] = {
    "json": ("application/json", ".json", lambda doc: json.dumps(doc, ensure_ascii=False, indent=1)),
    "ftm": ("application/x-ndjson", ".ftm.jsonl", lambda doc: "".join(ftm_lines(doc))),
    "graphml": ("application/graphml+xml", ".graphml", graphml_text),
    "facts.csv": ("text/csv; charset=utf-8", ".facts.csv", lambda doc: csv_tables(doc)["facts"]),
}
