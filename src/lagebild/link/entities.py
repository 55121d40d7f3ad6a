"""Canonical entities: mentions across articles and languages resolved into entities with aliases.

Rules, in order, each recorded as the mention's evidence:

* ``key`` — the gazetteer or NER gave a knowledge key (``gpe:KP`` for Nordkorea, Pjöngjang,
  nordkoreanisch; ``org:hur`` for HUR): the key is the entity.
* ``ref`` — a role phrase, acronym or surname that the article ties to another mention
  (``ref``) shares that mention's entity.
* ``name`` — a full person name is compared (:func:`~lagebild.link.names.compare_persons`)
  with the known persons of the same surname; other names match on their folded form.
* ``surname`` — a bare surname joins a person of that surname named in the same article, else
  one that already appears in the same story, else the corpus's only full-named person of that
  surname when the article shares other entities with that person's articles; two people with
  one surname in different stories and contexts stay apart.
* ``judgement`` — a user's "same" wins over every score; "different" vetoes every merge.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from lagebild.link.names import (
    EAST_ASIAN_SURNAMES, PERSON_THRESHOLD, PersonName, compare_names, compare_persons, fold, geo_key, jaro_winkler,
    person_name, tokens,
)
from lagebild.link.state import LinkState
from lagebild.model.gazetteer import entries

#: forms whose text is an alias of the entity only when it is a name-like form
ALIAS_FORMS = ("name", "acronym", "metonym", "role", "capital")
#: keys from the curated gazetteer ("gpe:KP", "org:ft"); NER keys from surfaces look like "loc:Kreml"
_CURATED_KEY = re.compile(r"gpe:[A-Z]{2}|org:[a-z0-9_]+|loc:capital-[A-Z]{2}")
MAX_STORIES = 50
MAX_EVIDENCE = 30
#: how many co-occurring entity ids a person keeps, and how many a bare surname must share with them
MAX_CONTEXT = 60
MIN_SHARED_CONTEXT = 2


def new_id(prefix: str, value: str) -> str:
    return f"{prefix}:{hashlib.sha1(value.encode('utf-8')).hexdigest()[:12]}"


def key_id(key: str) -> str:
    return key if len(key) <= 32 else new_id(key.split(":", 1)[0], key)


def token(value: str) -> str:
    """What a judgement names: an entity id (``gpe:KP``) or a folded alias (``n:budanov``)."""
    return value if ":" in value else "n:" + fold(value)


@dataclass
class Judgements:
    """User verdicts over entity ids and alias names; "same" groups, "different" vetoes."""

    parent: dict[str, str] = field(default_factory=dict)
    different: set[frozenset[str]] = field(default_factory=set)
    speaks_for: dict[str, str] = field(default_factory=dict)  # person (id or folded alias) → body named

    @classmethod
    def from_rows(cls, rows: list[tuple[str, str, str]]) -> "Judgements":
        out = cls()
        for a, b, verdict in rows:
            if verdict == "same":
                out._union(token(a), token(b))
        for a, b, verdict in rows:
            if verdict == "different":
                out.different.add(frozenset((out.root(token(a)), out.root(token(b)))))
            elif verdict == "speaks_for":
                out.speaks_for[token(a)] = b
        return out

    def root(self, x: str) -> str:
        while self.parent.get(x, x) != x:
            x = self.parent[x]
        return x

    def _union(self, a: str, b: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def group(self, x: str) -> list[str]:
        """The other members of ``x``'s "same" group (empty when ``x`` was never judged same)."""
        members = set(self.parent) | set(self.parent.values())
        if x not in members:
            return []
        r = self.root(x)
        return sorted(y for y in members if y != x and self.root(y) == r)

    def vetoed(self, tokens_a: set[str], tokens_b: set[str]) -> bool:
        if not self.different:
            return False
        roots_a = {self.root(x) for x in tokens_a}
        roots_b = {self.root(x) for x in tokens_b}
        return any(frozenset((ra, rb)) in self.different for ra in roots_a for rb in roots_b if ra != rb)


def entity_tokens(entity: dict[str, Any]) -> set[str]:
    return {entity["id"], *("n:" + fold(a) for a in entity["aliases"])}


def mention_name(mentions: list[dict[str, Any]], i: int) -> str:
    m = mentions[i]
    return (m.get("name") or m["text"]).strip()


@dataclass
class ArticleEntities:
    """The resolution of one article's mentions: mention index → (entity id, score, evidence)."""

    assigned: dict[int, tuple[str, float, dict[str, Any]]] = field(default_factory=dict)
    pending: list[int] = field(default_factory=list)  # bare surnames waiting for the story

    def entity_ids(self) -> list[str]:
        return list(dict.fromkeys(e for e, _, _ in self.assigned.values()))


class Resolver:
    """Resolves mentions against the entities in a :class:`LinkState`."""

    def __init__(self, state: LinkState, judgements: Judgements) -> None:
        self.state = state
        self.judgements = judgements
        self.language = "de"  # of the article being resolved

    # --- entities -----------------------------------------------------------------------------

    def _create(self, eid: str, name: str, label: str) -> dict[str, Any]:
        entity = {"id": eid, "name": name, "type": label, "aliases": [],
                  "data": {"names": [], "counts": {}, "forms": {}, "labels": {}, "stories": [],
                           "df": 0, "evidence": [], "articles": []}}
        self.state.put("entities", entity)
        return entity

    def _add_alias(self, entity: dict[str, Any], alias: str, form: str, label: str) -> None:
        data = entity["data"]
        data["counts"][alias] = data["counts"].get(alias, 0) + 1
        data["labels"][label] = data["labels"].get(label, 0) + 1
        if alias not in entity["aliases"]:
            entity["aliases"].append(alias)
            data["forms"][alias] = form
            if form != "role":  # "Foreign Minister" names many people over time
                self.state.add_index("name", "n:" + fold(alias), entity["id"])
            if label == "LOC" and (geo := geo_key(alias)) is not None:
                self.state.add_index("name", "geo:" + geo, entity["id"])  # "Caspian Sea" for "Kaspische Meer"
        if label == "PER" and form in ("name", "surname"):
            pn = person_name(alias)
            if pn is not None:
                if [pn.surname, pn.given] not in data["names"]:
                    data["names"].append([pn.surname, pn.given])
                self.state.add_index("name", "sur:" + pn.surname, entity["id"])
        entity["name"] = _canonical(entity)
        entity["type"] = max(data["labels"].items(), key=lambda kv: (kv[1], kv[0]))[0]
        self.state.put("entities", entity)

    def _evidence(self, entity: dict[str, Any], evidence: dict[str, Any]) -> None:
        if evidence.get("rule") in ("name", "surname", "judgement") and evidence.get("created") is None:
            log = entity["data"]["evidence"]
            if len(log) < MAX_EVIDENCE and evidence not in log:
                log.append(evidence)

    # --- resolution ---------------------------------------------------------------------------

    def undo_genitives(self, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """German mentions in the genitive ("Rudolf Hundstorfers Sozialministerium", "Van der
        Bellens Kampagne", "Sloweniens") named by their base form, where that base form is known:
        another mention of the article, a name linked before, or the gazetteer.  The mention keeps
        its text (an alias of form ``genitive``, never the entity's name); the others are unchanged."""
        if self.language != "de":
            return mentions
        stems: dict[int, str] = {}
        for i, m in enumerate(mentions):
            name = mention_name(mentions, i)
            last = name.rsplit(" ", 1)[-1]
            if m.get("key") or m.get("name") or m.get("form") not in (None, "name") or not is_entity(m) or len(last) < 5 \
                    or not last.endswith("s") or last.endswith(("ss", "'s")) or not last[0].isupper():
                continue
            stems[i] = name[:-1]
        if not stems:
            return mentions
        here = {fold(mention_name(mentions, i)) for i in range(len(mentions)) if i not in stems}
        surnames = {p.surname for i in range(len(mentions)) if i not in stems and mentions[i]["label"] == "PER"
                    and (p := person_name(mention_name(mentions, i))) is not None}
        keys = {i: ["n:" + fold(stem)] + ([f"sur:{p.surname}"] if mentions[i]["label"] == "PER"
                                           and (p := person_name(stem)) is not None else [])
                for i, stem in stems.items()}
        known = self.state.lookup("name", sorted({k for ks in keys.values() for k in ks}))
        out = list(mentions)
        for i, stem in stems.items():
            pn = person_name(stem) if mentions[i]["label"] == "PER" else None
            if fold(stem) in here or (pn is not None and pn.surname in surnames) \
                    or any(known[k] for k in keys[i]) or _gazetteer_key(stem, self.language):
                out[i] = {**mentions[i], "name": stem, "form": "genitive"}
        return out

    def resolve(self, article: str, mentions: list[dict[str, Any]]) -> ArticleEntities:
        """First pass: keys, names and same-article references; bare surnames wait for the story."""
        out = ArticleEntities()
        order = sorted(range(len(mentions)), key=lambda i: (mentions[i].get("ref") is not None, i))
        for i in order:
            m = mentions[i]
            if m.get("ref") is not None and m.get("form") in ("role", "acronym", "pronoun", "surname") \
                    and not m.get("key"):
                continue  # after its referent
            self._resolve_one(article, mentions, i, out)
        for i in order:
            m = mentions[i]
            if i in out.assigned or i in out.pending:
                continue
            ref = m.get("ref")
            if ref is not None and ref in out.assigned:
                eid, score, _ = out.assigned[ref]
                self._assign(out, i, mentions, eid, score, {"rule": "ref", "form": m.get("form"), "ref": ref})
            elif i not in out.assigned:
                self._resolve_one(article, mentions, i, out)
        return out

    def _assign(self, out: ArticleEntities, i: int, mentions: list[dict[str, Any]], eid: str,
                score: float, evidence: dict[str, Any]) -> None:
        m = mentions[i]
        entity = self.state.one("entities", eid)
        if entity is None:
            entity = self._create(eid, mention_name(mentions, i), m["label"])
        form = m.get("form") or "name"
        if form in ("adjective", "demonym", "pronoun"):
            if m.get("name"):
                self._add_alias(entity, m["name"], "name", m["label"])
            else:
                entity["data"]["labels"][m["label"]] = entity["data"]["labels"].get(m["label"], 0) + 1
        else:
            alias_form = "surname" if form == "name" and m["label"] == "PER" and len(
                m["text"].split()) == 1 else form
            self._add_alias(entity, m["text"], alias_form, m["label"])
            if m.get("name") and m["name"] != m["text"]:
                self._add_alias(entity, m["name"], "name", m["label"])
            if m.get("name") and m.get("key"):  # the knowledge base's own name counts double
                entity["data"]["counts"][m["name"]] += 1
                entity["name"] = _canonical(entity)
        self._evidence(entity, evidence)
        out.assigned[i] = (eid, score, evidence)

    def _judged_same(self, name: str) -> str | None:
        tok = "n:" + fold(name)
        for other in self.judgements.group(tok):
            if not other.startswith("n:"):
                if self.state.one("entities", other) is not None:
                    return other
            else:
                for eid in sorted(self.state.lookup("name", [other])[other]):
                    return eid
        return None

    def _resolve_one(self, article: str, mentions: list[dict[str, Any]], i: int,
                     out: ArticleEntities) -> None:
        m = mentions[i]
        if not is_entity(m):
            return
        name = mention_name(mentions, i)
        judged = self._judged_same(name)
        if judged:
            self._assign(out, i, mentions, judged, 1.0, {"rule": "judgement", "verdict": "same", "name": name})
            return
        if m.get("key"):
            key = m["key"]
            if not _CURATED_KEY.fullmatch(key):  # a key the NER made from the surface: a metonym?
                key = _gazetteer_key(m["text"], self.language) or key
            self._assign(out, i, mentions, key_id(key), 1.0, {"rule": "key", "key": key})
            return
        if m["label"] == "PER":
            pn = person_name(name)
            if pn is None:
                return
            if not pn.is_full:
                local = self._same_article_person(mentions, i, pn, out)
                if local is not None:
                    eid, match = local
                    self._assign(out, i, mentions, eid, match.score,
                                 {"rule": "surname", "scope": "article", "name": name, **match.to_dict()})
                else:
                    out.pending.append(i)
                return
            best = self._best_person(pn, name)
            if best is not None:
                eid, match = best
                self._assign(out, i, mentions, eid, match.score,
                             {"rule": "name", "name": name, **match.to_dict()})
            elif not out.pending and self._surname_only(pn) or any(
                    (pp := person_name(mention_name(mentions, j))) is not None and pp.surname == pn.surname
                    for j in out.pending):
                out.pending.append(i)  # a bare surname seen before may be this person: ask the story
            else:
                self._assign(out, i, mentions, new_id("per", pn.full), 1.0, {"rule": "name", "created": True})
            return
        known = _gazetteer_key(name, self.language)
        if known:
            self._assign(out, i, mentions, key_id(known), 1.0, {"rule": "key", "key": known, "via": "gazetteer"})
            return
        keys = ["n:" + fold(name)]
        if m["label"] == "LOC" and (geo := geo_key(name)) is not None:
            keys.append("geo:" + geo)
        found = self.state.lookup("name", keys)
        for eid in [e for k in keys for e in sorted(found[k])]:
            entity = self.state.one("entities", eid)
            if entity is None or entity["type"] == "PER" and len(tokens(name)) < 2:
                continue  # a one-word name of another label is no person
            if self.judgements.vetoed({keys[0]}, entity_tokens(entity)):
                continue
            match = compare_names(name, entity["name"])
            self._assign(out, i, mentions, eid, 1.0, {"rule": "name", "name": name, **match.to_dict()})
            return
        prefix = {"ORG": "org", "LOC": "loc", "GPE": "gpe", "MISC": "misc"}.get(m["label"], "ent")
        self._assign(out, i, mentions, new_id(prefix, fold(name) or name), 1.0, {"rule": "name", "created": True})

    def _same_article_person(self, mentions: list[dict[str, Any]], i: int, pn: PersonName,
                             out: ArticleEntities) -> tuple[str, Any] | None:
        for j, (eid, _, _) in out.assigned.items():
            other = mentions[j]
            if other["label"] != "PER":
                continue
            po = person_name(mention_name(mentions, j))
            entity = self.state.one("entities", eid)
            if entity is not None and self.judgements.vetoed({"n:" + fold(pn.text)}, entity_tokens(entity)):
                continue
            if po is not None and po.is_full and jaro_winkler(po.surname, pn.surname) >= 0.92:
                return eid, compare_persons(po, pn)
        return None

    def _best_person(self, pn: PersonName, name: str) -> tuple[str, Any] | None:
        key = "sur:" + pn.surname
        mtok = {"n:" + fold(name)}
        best: tuple[str, Any] | None = None
        for eid in sorted(self.state.lookup("name", [key])[key]):
            entity = self.state.one("entities", eid)
            if entity is None or self.judgements.vetoed(mtok, entity_tokens(entity)):
                continue
            for surname, given in entity["data"]["names"]:
                if not given:
                    continue
                match = compare_persons(pn, PersonName("", surname, given, pn.east_asian))
                if match.score >= PERSON_THRESHOLD and (best is None or match.score > best[1].score):
                    best = (eid, match)
        return best

    def _surname_only(self, pn: PersonName) -> bool:
        key = "sur:" + pn.surname
        for eid in self.state.lookup("name", [key])[key]:
            entity = self.state.one("entities", eid)
            if entity is not None and entity["data"]["names"] and not any(g for _, g in entity["data"]["names"]):
                return True
        return False

    def resolve_pending(self, mentions: list[dict[str, Any]], out: ArticleEntities, story: str) -> None:
        """Second pass: bare surnames join a person of that surname in the same story, else stand alone;
        a full name joins a bare-surname person of the same story."""
        for i in sorted(out.pending, key=lambda j: -len(tokens(mention_name(mentions, j)))):
            name = mention_name(mentions, i)
            pn = person_name(name)
            assert pn is not None
            key = "sur:" + pn.surname
            if pn.is_full and (best := self._best_person(pn, name)) is not None:
                self._assign(out, i, mentions, best[0], best[1].score,
                             {"rule": "name", "name": name, **best[1].to_dict()})
                continue
            local = None if pn.is_full else self._same_article_person(mentions, i, pn, out)
            if local is not None:
                self._assign(out, i, mentions, local[0], local[1].score,
                             {"rule": "surname", "scope": "article", "name": name, **local[1].to_dict()})
                continue
            chosen: tuple[str, Any] | None = None
            for eid in sorted(self.state.lookup("name", [key])[key]):
                entity = self.state.one("entities", eid)
                if entity is None or story not in entity["data"]["stories"]:
                    continue
                if pn.is_full and any(g for _, g in entity["data"]["names"]):
                    continue  # full names were compared already
                if self.judgements.vetoed({"n:" + fold(name)}, entity_tokens(entity)):
                    continue
                full = [g for _, g in entity["data"]["names"] if g]
                score = 0.9 if full else 0.8
                if chosen is None or score > chosen[1]:
                    chosen = (eid, score)
            if chosen is not None:
                self._assign(out, i, mentions, chosen[0], chosen[1],
                             {"rule": "surname", "scope": "story", "story": story, "name": name,
                              "score": chosen[1]})
            elif not pn.is_full and (ctx := self._context_person(pn, name, out)) is not None:
                self._assign(out, i, mentions, ctx[0], 0.8,
                             {"rule": "surname", "scope": "context", "name": name, "shared": ctx[1], "score": 0.8})
            elif pn.is_full:
                self._assign(out, i, mentions, new_id("per", pn.full), 1.0, {"rule": "name", "created": True})
            else:
                self._assign(out, i, mentions, new_id("per", pn.surname + "@" + story), 1.0,
                             {"rule": "surname", "created": True})
        out.pending = []

    def _context_person(self, pn: PersonName, name: str, out: ArticleEntities) -> tuple[str, list[str]] | None:
        """The one full-named person of this surname anywhere in the corpus, when the article shares
        at least :data:`MIN_SHARED_CONTEXT` other entities with that person's articles ("Budanow"
        beside the FT and HUR in a story of its own).  Korean and Chinese family names are shared
        by too many people to join without the story."""
        if pn.surname in EAST_ASIAN_SURNAMES:
            return None
        key = "sur:" + pn.surname
        here = set(out.entity_ids())
        found: list[tuple[str, list[str]]] = []
        for eid in sorted(self.state.lookup("name", [key])[key]):
            entity = self.state.one("entities", eid)
            if entity is None or not any(g for _, g in entity["data"]["names"]):
                continue
            if self.judgements.vetoed({"n:" + fold(name)}, entity_tokens(entity)):
                continue
            found.append((eid, sorted(here & set(entity["data"].get("context", [])))))
        if len(found) == 1 and len(found[0][1]) >= MIN_SHARED_CONTEXT:
            return found[0]
        return None

    def finish_article(self, article: str, out: ArticleEntities, story: str) -> None:
        """Count the article once per entity, remember the story it appears in and, for persons,
        the other entities beside them."""
        ids = out.entity_ids()
        for eid in ids:
            entity = self.state.one("entities", eid)
            if entity is None:
                continue
            data = entity["data"]
            data["df"] = data.get("df", 0) + 1
            if story not in data["stories"]:
                data["stories"] = (data["stories"] + [story])[-MAX_STORIES:]
            if entity["type"] == "PER":
                context = [e for e in data.get("context", []) if e not in ids] + [e for e in ids if e != eid]
                data["context"] = context[-MAX_CONTEXT:]
            self.state.put("entities", entity)


def is_entity(m: dict[str, Any]) -> bool:
    """Whether a mention names an entity of its own.  Not: a role phrase whose person is unknown,
    an adjective or demonym no gazetteer state claims ("sowjetischer", "Western"), a lower-case
    phrase the tagger took for a name ("ersten Schritt zu einem Weltkrieg")."""
    if m.get("key"):
        return True
    form = m.get("form") or "name"
    if form == "role":
        return False
    if form in ("adjective", "demonym"):
        return bool(m.get("name"))
    first = (m.get("text") or "").split(" ", 1)[0]
    return not (form == "name" and m["label"] != "PER" and first and not any(c.isupper() for c in first))


def _gazetteer_key(name: str, language: str) -> str | None:
    """The knowledge key of a state, metonym or organization name the NER left without one."""
    entry = entries(language).get(name) or entries("en" if language == "de" else "de").get(name)
    if entry is None or entry.form in ("capital", "adjective", "demonym"):
        return None
    return entry.key


def _canonical(entity: dict[str, Any]) -> str:
    """The most frequent name-form alias; for persons the most frequent full name, then the longest."""
    data = entity["data"]
    counts: Counter[str] = Counter(data["counts"])
    forms = data["forms"]
    pool = [a for a in counts if forms.get(a) == "name"] or [a for a in counts if forms.get(a) != "role"] \
        or list(counts)
    if not pool:
        return entity["name"]
    if data["labels"].get("PER"):
        full = [a for a in pool if len(a.split()) >= 2]
        pool = full or pool
    return max(pool, key=lambda a: (counts[a], len(a), a))
