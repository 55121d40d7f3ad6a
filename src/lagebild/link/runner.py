"""The link stage: incremental by default, a full re-link on request.

:func:`link` links the articles analysed since they were last linked, one at a time in
publication order: near-duplicate check (MinHash LSH), entity resolution, story assignment,
bare surnames resolved within the story, events merged into facts.  Then it recomputes, for
the facts, families and stories it touched only: labels, origins, disputes, discrepancies and
summaries.  Everything is written in one transaction (:class:`~lagebild.link.state.LinkState`).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from time import perf_counter
from typing import Any

from lagebild.link import corroboration, dedup, discrepancies, facts as fx, stories as st, summary, views
from lagebild.link.entities import Judgements, Resolver, mention_name, key_id, new_id
from lagebild.link.names import fold, person_name
from lagebild.link.state import LinkState, now
from lagebild.model import events as events_model, timevalue
from lagebild.store import Store

#: the layout and rules of what the link stage stores; a store linked by another version is
#: re-linked in full on the next ``link`` (bump it whenever stored link data or rules change)
LINK_VERSION = "27"  # 27: facts keep the ids they name (a column: the entity filter without their data);
# 26: a plan told in two stories is one fact (every core argument shared, reports within a
# year); a plan's time before its report is the plan's, not the happening's;
# 25: facts keep their confidence and whether rules back them (columns);
# 24: story entities weigh by their salience in the article (times named);
# 23: a pronoun (now an argument candidate) is no name in a label ("ACCUSE Türkei → Ihm");
# 22: an event naming no entity, quantity or thing makes no fact
MAX_STORY_CANDIDATES = 30
#: how many closing sentences of an article are checked for boilerplate
BOILERPLATE_TAIL = 2
FACT_WINDOW_DAYS = 21
#: how far apart two stories may report one plan with no date of its own ("Putin will visit Pyongyang")
PLAN_WINDOW_DAYS = 365
#: the bookkeeping mark of a run whose state is written and whose read models (views,
#: discrepancies, summaries) are not yet: a run killed between the two leaves it, and the next
#: run links anew
RESULTS_PENDING = "results_pending"


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def _meta(store: Store, key: str) -> str | None:
    """A bookkeeping value of the link stage (kept in link_index under kind "meta")."""
    return store.link_meta(key)


def _set_meta(state: LinkState, key: str, value: str | None) -> None:
    """Replace the bookkeeping value ``key`` (None removes it); an unchanged value stays put."""
    old = state.lookup("meta", [key])[key]
    if old == ({value} if value is not None else set()):
        return
    for previous in old.copy():
        state.drop_index("meta", key, previous)
    if value is not None:
        state.add_index("meta", key, value)


def _mark(store: Store) -> datetime | None:
    value = _meta(store, "analyzed_mark")
    return datetime.fromisoformat(value) if value else None


def _linked_version(store: Store) -> str | None:
    """The link version that linked this store; ``"1"`` for stores linked before versions were
    recorded; None for a store never linked."""
    version = _meta(store, "link_version")
    if version is not None:
        return version
    return "1" if store.has_linked_articles() else None


def _judgements(store: Store) -> Judgements:
    return Judgements.from_rows(store.judgements())


class Linker:
    """One link run over a :class:`LinkState`."""

    def __init__(self, store: Store, state: LinkState, judgements: Judgements, total: int,
                 min_confidence: float = 0.0) -> None:
        self.store = store
        self.min_confidence = min_confidence
        self.state = state
        self.resolver = Resolver(state, judgements)
        self.total = total  # articles linked so far, for entity idf
        self.touched_facts: set[str] = set()
        self.touched_stories: set[str] = set()
        self.stats: Counter[str] = Counter()

    def idf(self, ids: list[str]) -> dict[str, float]:
        ents = self.state.get("entities", ids)
        return {e: math.log(1 + (self.total + 1) / (1 + ents[e]["data"].get("df", 0)) if e in ents else 1.0)
                for e in ids}

    def _prefetch(self, mentions: list[dict[str, Any]]) -> None:
        keys = set()
        for i, m in enumerate(mentions):
            name = mention_name(mentions, i)
            keys.add("n:" + fold(name))
            if m["label"] == "PER" and (pn := person_name(name)) is not None:
                keys.add("sur:" + pn.surname)
        refs = self.state.lookup("name", sorted(keys))
        ids = {r for found in refs.values() for r in found}
        for i, m in enumerate(mentions):  # the ids new entities would get
            name = mention_name(mentions, i)
            if m.get("key"):
                ids.add(key_id(m["key"]))
            elif m["label"] == "PER" and (pn := person_name(name)) is not None:
                ids.add(new_id("per", pn.full))
            else:
                prefix = {"ORG": "org", "LOC": "loc", "GPE": "gpe", "MISC": "misc"}.get(m["label"], "ent")
                ids.add(new_id(prefix, fold(name) or name))
        self.state.get("entities", sorted(ids))

    def _duplicate(self, article: dict[str, Any], sig: list[int], keys: list[str]) -> tuple[str, float] | None:
        if not sig:
            return None
        found = self.state.lookup("lsh", keys)
        cands = sorted({a for refs in found.values() for a in refs} - {article["id"]})
        best: tuple[str, float, str] | None = None
        for cid, row in self.state.get("link_articles", cands).items():
            sim = dedup.similarity(sig, row.get("mh") or [])
            if sim < dedup.THRESHOLD:
                continue
            original = row.get("original") or cid
            when = row.get("published") or "9999"
            if best is None or (when, original) < (best[2], best[0]):
                best = (original, sim, when)
        return (best[0], round(best[1], 3)) if best else None

    def _story(self, article: dict[str, Any], features: dict[str, Any], when: date | None,
               original: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
        if original is not None:
            row = self.state.one("link_articles", original)
            story = self.state.one("stories", row["story"]) if row else None
            if story is not None:
                return story, {"rule": "duplicate", "original": original}
        counts: Counter[str] = Counter()
        by_term: dict[str, set[str]] = {t: set() for t in st.query_terms(features)}
        months = self.state.lookup("month", ["all"])["all"] if when is None else ()
        for key, refs in self.state.lookup("story", st.query_keys(features, when, months)).items():
            counts.update(refs)
            if key.startswith("t:"):
                by_term.setdefault(key[2:].rsplit("@", 1)[0], set()).update(refs)
        cands = [s for s, _ in counts.most_common(MAX_STORY_CANDIDATES)]
        idf = self.idf(features["entities"])
        term_idf = st.term_weights(features["terms"], {t: len(r) for t, r in by_term.items()}, self.total)
        best: tuple[dict[str, Any], dict[str, float]] | None = None
        for story in self.state.get("stories", cands).values():
            scored = st.score(features, when, story, idf, term_idf)
            scored["bar"] = st.join_bar(when, story)
            if best is None or scored["score"] - scored["bar"] > best[1]["score"] - best[1]["bar"]:
                best = (story, scored)
        if best is not None and best[1]["score"] >= best[1]["bar"]:
            return best[0], {"rule": "similar", **best[1]}
        story = st.new_story(article["id"], article.get("title"), article.get("text"),
                             article.get("outlet") or article.get("url"))
        return story, {"rule": "new", **(best[1] if best else {})}

    def _boilerplate(self, article: dict[str, Any], layers: dict[str, list[dict[str, Any]]]) -> list[tuple[int, int]]:
        """Closing sentences another article ended with word for word ("Der Volltext dieses …
        Artikels steht … nicht mehr zur Verfügung"): a footer, not what the article is about, so
        their words are no story terms.  Only the last sentences are filed, so the index stays small."""
        text = article["text"]
        tail = sorted(layers.get("sentences", []), key=lambda x: x["start"])[-BOILERPLATE_TAIL:]
        keyed = {}
        for sent in tail:
            words = fold(text[sent["start"]:sent["end"]])
            if len(words) >= 30:
                keyed["b:" + hashlib.sha1(words.encode("utf-8")).hexdigest()[:16]] = (sent["start"], sent["end"])
        seen = self.state.lookup("boiler", sorted(keyed))
        spans = [span for key, span in keyed.items() if seen[key] - {article["id"]}]
        for key in keyed:
            self.state.add_index("boiler", key, article["id"])
        return spans

    def link_article(self, article: dict[str, Any], layers: dict[str, list[dict[str, Any]]]) -> None:
        aid = article["id"]
        when = date.fromisoformat(article["published"]) if article.get("published") else None
        sig = dedup.signature(article["text"]) if dedup.shingles(article["text"]) else []
        lsh_keys = dedup.bands(sig) if sig else []
        dup = self._duplicate(article, sig, lsh_keys)
        original = dup[0] if dup else None
        if dup:
            self.state.duplicates[aid] = dup
            self.stats["duplicates"] += 1
        self.resolver.language = article.get("language") or "de"
        mentions = self.resolver.undo_genitives(layers.get("entities", []))
        self._prefetch(mentions)
        resolved = self.resolver.resolve(aid, mentions)
        ents = resolved.entity_ids()
        idf = self.idf(ents)
        features = {"entities": ents, "entity_keys": sorted(ents, key=lambda e: (-idf[e], e)), "entity_weights": idf,
                    "entity_counts": dict(Counter(e for e, _, _ in resolved.assigned.values())),
                    "language": article.get("language"),
                    "terms": st.terms(article["text"], article.get("title"),
                                      [(m["start"], m["end"]) for m in mentions] + self._boilerplate(article, layers))}
        story, why = self._story(article, features, when, original)
        st.add_article(story, features, when, article.get("language"), article.get("title"))
        self.state.put("stories", story)
        for key in st.index_keys(features, when):
            self.state.add_index("story", key, story["id"])
        if when is not None:  # the months an undated article searches
            self.state.add_index("month", "all", st.month(when))
        self.state.story_of[aid] = story["id"]
        self.touched_stories.add(story["id"])
        self.resolver.resolve_pending(mentions, resolved, story["id"])
        self.resolver.finish_article(aid, resolved, story["id"])
        self.state.mentions[aid] = [
            {"article_id": aid, "idx": i, "entity_id": eid, "score": round(score, 3), "evidence": ev}
            for i, (eid, score, ev) in sorted(resolved.assigned.items())]
        entity_of = {i: eid for i, (eid, _, _) in resolved.assigned.items()}
        names = {e: row["name"] for e, row in self.state.get("entities", set(entity_of.values())).items()}
        for mention in fx.event_mentions(article, layers, entity_of, names, original, self.min_confidence,
                                         speaks_for=self.resolver.judgements.speaks_for):
            self._merge_event(mention, story["id"], when)
        for key in lsh_keys:
            self.state.add_index("lsh", key, aid)
        leads = sorted(layers.get("sentences", []), key=lambda x: x["start"])[:3]
        data = {"mh": sig, "published": article.get("published"), "story": story["id"], "original": original,
                "language": article.get("language"), "entities": ents[:100], "story_evidence": why,
                "leads": [[x["start"], x["end"]] for x in leads]}
        self.state.link_articles[aid] = data
        self.state._rows[f"link_articles:{aid}"] = {"id": aid, **data}
        self.total += 1
        self.stats["articles"] += 1

    def _merge_event(self, mention: dict[str, Any], story: str, when: date | None) -> None:
        # same story: any fact sharing a core argument; other stories: only with a specific time of that year
        year = (mention["time"] or "")[:4]
        base = fx.lookup_keys(mention)
        plan = fx.planned(mention["status"])
        keys = [f"{k}#{story}" for k in base] + ([f"{k}@T{year}" for k in base] if year.isdigit() else []) \
            + ([f"{k}@plan" for k in base] if plan else [])
        found = self.state.lookup("fam", keys)
        cands = sorted({f for refs in found.values() for f in refs})
        best: tuple[dict[str, Any], dict[str, Any]] | None = None
        timed = timevalue.specific(mention["time"])
        for fact in self.state.get("facts", cands).values():
            dated = timed and timevalue.specific(fact.get("time"))
            told_here = fact.get("story_id") == story or story in fact["data"].get("told_in", ())
            same_plan = plan and not dated and not told_here and self._near(when, fact, PLAN_WINDOW_DAYS)
            if not told_here and not dated and not same_plan:
                continue  # across stories only with known, compatible times (or where this story told it before)
            if not dated and not same_plan and not self._near(when, fact):
                continue  # without times of month or day, only reports of about the same days
            evidence = fx.compatible(mention, fact)
            if evidence is None or same_plan and evidence["shared_roles"] < len(
                    events_model.identity_roles(mention["type"])):
                continue  # a plan told in another story: the same plan only with every core argument shared
            rank = (evidence["shared_roles"], len(fact["data"]["mentions"]))
            if best is None or rank > (best[1]["shared_roles"], len(best[0]["data"]["mentions"])):
                best = (fact, evidence)
        if best is None:
            fact, evidence = fx.new_fact(mention, story), None
            self.stats["facts"] += 1
        else:
            fact, evidence = best
        fx.add_mention(fact, mention, evidence)
        if story != fact["story_id"] and story not in fact["data"].setdefault("told_in", []):
            fact["data"]["told_in"].append(story)  # "when he and Putin met", undated, joins the summit it recalls
        self.state.put("facts", fact)
        for key in fx.lookup_keys(mention):
            self.state.add_index("fam", f"{key}#{fact['story_id']}", fact["id"])
            if story != fact["story_id"]:
                self.state.add_index("fam", f"{key}#{story}", fact["id"])
            if year.isdigit():
                self.state.add_index("fam", f"{key}@T{year}", fact["id"])
            if plan:
                self.state.add_index("fam", f"{key}@plan", fact["id"])
        buckets = fact["data"].setdefault("buckets", [])
        for bucket in discrepancies.bucket_keys(fact):
            if bucket not in buckets:
                self.state.add_index("fam", bucket, fact["id"])
                buckets.append(bucket)
        self.touched_facts.add(fact["id"])
        self.touched_stories.add(fact["story_id"])

    @staticmethod
    def _near(when: date | None, fact: dict[str, Any], days: int = FACT_WINDOW_DAYS) -> bool:
        first, last = fact.get("first_reported"), fact["data"].get("last_reported")
        if when is None or not first:
            return True
        lo = date.fromisoformat(first)
        hi = date.fromisoformat(last) if last else lo
        return (lo - when).days <= days and (when - hi).days <= days

    # --- after the articles ----------------------------------------------------------------------

    def _story_facts(self, stories: set[str], *, types: tuple[str, ...] | None = None,
                     top: int | None = None) -> dict[str, list[dict[str, Any]]]:
        """Facts of some stories (only ``types``; only the ``top`` by origins and mentions), stored or new."""
        ids: set[str] = set()
        if not self.state.fresh and stories:
            ids = self.store.story_fact_ids(stories, types=types, top=top)
        rows = dict(self.state.get("facts", sorted(ids)))
        for row in self.state.loaded("facts"):
            if row.get("story_id") in stories and (not types or row["type"] in types):
                rows[row["id"]] = row
        out: dict[str, list[dict[str, Any]]] = {}
        for row in rows.values():
            out.setdefault(row["story_id"], []).append(row)
        if top:
            for sid in out:
                out[sid] = sorted(out[sid], key=summary.importance, reverse=True)[:top]
        return out

    def finish(self) -> tuple[list[dict[str, Any]], list[str], list[dict[str, Any]]]:
        """Discrepancies, disputes, labels, statuses and summaries of what this run touched.

        Only the touched facts are compared with their family (same type and core arguments, filed
        under the months their figures hold for); a fact of the family is rewritten only when its
        discrepancies change.
        """
        touched = dict(self.state.get("facts", sorted(self.touched_facts)))
        search = {fid: discrepancies.search_keys(f) for fid, f in touched.items()}
        members = self.state.lookup("fam", sorted({k for keys in search.values() for k in keys}))
        family = self.state.get("facts", sorted({f for refs in members.values() for f in refs}))
        old_index = self.state.lookup("disc", sorted(touched))
        new_discs: dict[str, dict[str, Any]] = {}
        new_pairs: set[tuple[str, str, str]] = set()  # (fact, disc, other)
        for fid, fact in touched.items():
            others = [family[o] for o in sorted({o for k in search[fid] for o in members[k]}) if o in family]
            for disc in discrepancies.against(fact, others) + discrepancies.evolutions(fact, others):
                new_discs[disc["id"]] = disc
                x, y = disc["data"]["facts"]
                new_pairs.update({(x, disc["id"], y), (y, disc["id"], x)})
        old_pairs = {(fid, *ref.split("|", 1)) for fid, refs in old_index.items() for ref in refs}
        dropped = sorted({d for _, d, _ in old_pairs - new_pairs} - set(new_discs))
        changed: dict[str, dict[str, Any]] = dict(touched)
        for fid, did, other in sorted(old_pairs - new_pairs):
            self.state.drop_index("disc", fid, f"{did}|{other}")
            self.state.drop_index("disc", other, f"{did}|{fid}")
            row = self.state.one("facts", other)
            if row is not None:
                row["data"]["discrepancies"] = [d for d in row["data"].get("discrepancies", []) if d != did]
                changed[other] = row
        for fid, did, other in sorted(new_pairs):
            self.state.add_index("disc", fid, f"{did}|{other}")
            row = changed.get(fid) or self.state.one("facts", fid)
            if row is not None and did not in row["data"].setdefault("discrepancies", []):
                row["data"]["discrepancies"] = sorted(row["data"]["discrepancies"] + [did])
                changed[fid] = row
        deny_stories = {f["story_id"] for f in touched.values() if f["type"] == "DENY"}
        for facts in self._story_facts(deny_stories).values():  # a new denial can dispute older facts
            for fact in facts:
                changed.setdefault(fact["id"], fact)
        stories = {f["story_id"] for f in changed.values()}
        deny = [f for fs in self._story_facts(stories, types=("DENY",)).values() for f in fs]
        denied = corroboration.denials(deny + [f for f in changed.values() if f["type"] != "DENY"])
        deny_by_id = {d["id"]: d for d in deny}
        ids = {e for f in changed.values() for r in f["data"]["entities"].values() for e in r}
        ids |= {e for d in deny for e in d["data"]["entities"].get("speaker", [])}
        names = {e: row["name"] for e, row in self.state.get("entities", sorted(ids)).items()}
        fresh_articles = set(self.state.link_articles)
        for fact in changed.values():
            fact["label"] = fx.label(fact, names)
            by = denied.get(fact["id"]) or []
            fact["data"]["denied_by"] = by[0] if by else None
            fact["data"]["deniers"] = sorted({names.get(e, e) for d in by for e in
                                              deny_by_id[d]["data"]["entities"].get("speaker", [])}
                                             | set(fact["data"].get("denied_in") or []))
            disputed = discrepancies.disputing(fact["data"].get("discrepancies")) or fact["id"] in denied
            fact["status"] = fx.status(fact, disputed)
            fact["named_ids"] = fx.named_ids(fact["data"])
            self.state.put("facts", fact)
            self.touched_stories.add(fact["story_id"])
            for m in fact["data"]["mentions"]:
                if m["article"] in fresh_articles:  # older mentions keep their rows
                    self.state.fact_events[(m["article"], m["idx"], fact["id"])] = {
                        "article_id": m["article"], "idx": m["idx"], "fact_id": fact["id"],
                        "origin": m["origin"]["key"], "data": {"origin": m["origin"], "status": m["status"]}}
        return list(new_discs.values()), dropped, self._summaries(
            [f for fs in self._story_facts(self.touched_stories, top=3 * summary.MAX_SENTENCES).values()
             for f in fs])

    def _summaries(self, story_facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
        by_story: dict[str, list[dict[str, Any]]] = {}
        for fact in story_facts:
            by_story.setdefault(fact["story_id"], []).append(fact)
        stories = self.state.get("stories", sorted(self.touched_stories))
        members = self._members(set(stories))
        plans = []
        needed: set[str] = set()
        for sid, story in sorted(stories.items()):
            language = st.story_language(story)
            recent = sorted(members.get(sid, []), key=lambda a: (a[1] or "", a[0]), reverse=True)[:12]
            rows = self.state.get("link_articles", [a for a, _ in recent])
            leads = []
            for rank in range(3):  # first sentences of the recent articles, then their second ones
                for aid, published in recent:
                    spans = (rows.get(aid) or {}).get("leads") or []
                    if len(spans) > rank:
                        leads.append({"article": aid, "start": spans[rank][0], "end": spans[rank][1],
                                      "published": published, "time": published,
                                      "language": (rows.get(aid) or {}).get("language")})
            plans.append((sid, language, leads))
            needed.update(x["article"] for x in leads[:summary.MAX_SENTENCES])
            needed.update(m["article"] for f in by_story.get(sid, []) for m in f["data"]["mentions"][:6])
        texts = self._texts(sorted(needed))
        timexes = {aid: layers.get("timexes", []) for aid, layers in self.store.layers_of(sorted(needed)).items()}
        out = []
        for sid, language, leads in plans:
            sentences = summary.build(by_story.get(sid, []), language, texts.get, leads, timexes.get)
            out.append({"story_id": sid, "language": language, "data": {"sentences": sentences}})
        return out

    def _texts(self, ids: list[str]) -> dict[str, str]:
        return self.store.article_texts(ids)

    def _members(self, stories: set[str]) -> dict[str, list[tuple[str, str | None]]]:
        """Story → [(article, published)] for the stories given, stored and new."""
        out: dict[str, list[tuple[str, str | None]]] = {}
        seen: set[str] = set()
        for a, s in self.state.story_of.items():
            if s in stories:
                out.setdefault(s, []).append((a, self.state.link_articles[a].get("published")))
                seen.add(a)
        if not self.state.fresh and stories:
            for a, s, published in self.store.story_members(stories):
                if a not in seen:
                    out.setdefault(s, []).append((a, published))
        return out


def link(store: Store, *, full: bool = False, progress: Callable[[int, int], None] | None = None,
         min_confidence: float = 0.0) -> dict[str, Any]:
    """Link the articles analysed since the last link (all of them with ``full``); idempotent.

    Events whose confidence is below ``min_confidence`` stay stored but are not linked into
    facts; a run with another ``min_confidence`` than the last relinks everything."""
    started = perf_counter()
    new, changed, newest = store.link_pending(None if full else _mark(store))
    if changed and not full:
        full = True  # a re-analysed article can change everything it was merged with
    if _linked_version(store) not in (None, LINK_VERSION):
        full = True  # linked by another version of the rules: recompute everything
    if _meta(store, "event_min_confidence") not in (None, str(min_confidence)) and store.has_linked_articles():
        full = True  # another confidence threshold: other events make the facts
    if _meta(store, RESULTS_PENDING) is not None:
        full = True  # the last run stopped between its state and its read models: complete it anew
    if full:
        store.clear_link()
        new, _, newest = store.link_pending(None)
    if not new:
        return {"articles": 0, "full": full, "seconds": round(perf_counter() - started, 3)}
    state = LinkState(store, fresh=not store.has_linked_articles() and not store.has_entities())
    counted = state.lookup("meta", ["linked_count"])["linked_count"]
    total = int(next(iter(counted))) if counted else 0
    linker = Linker(store, state, _judgements(store), int(total), min_confidence)
    order = {a: i for i, a in enumerate(new)}
    articles = sorted(store.iter_articles(new), key=lambda a: order[a.id])
    batch = 200
    for start in range(0, len(articles), batch):
        chunk = articles[start:start + batch]
        layers = store.layers_of([a.id for a in chunk])
        for n, art in enumerate(chunk, start + 1):
            record = {"id": art.id, "text": art.text, "title": art.title, "outlet": art.outlet,
                      "published": _iso(art.published), "language": art.language}
            linker.link_article(record, layers.get(art.id, {}))
            if progress is not None:
                progress(n, len(articles))
    discs, dropped, summaries = linker.finish()
    _set_meta(state, "analyzed_mark", newest.isoformat() if newest is not None else None)
    _set_meta(state, "linked_count", str(linker.total))
    _set_meta(state, "link_version", LINK_VERSION)
    _set_meta(state, "event_min_confidence", str(min_confidence))
    _set_meta(state, RESULTS_PENDING, "1")  # with the state; the read models' transaction removes it
    fresh = sorted(state.link_articles)
    written = {row["id"] for row in state.dirty("facts")}  # new mentions, or a new status, label …
    state.flush()
    viewed = perf_counter()
    read_models = views.refresh(store, stories=linker.touched_stories, facts=written,
                                added_by=None if full else fresh)
    viewed = perf_counter() - viewed
    store.write_link_results(views=read_models, dropped=dropped, discrepancies=discs, summaries=summaries,
                             done=RESULTS_PENDING)
    stats = dict(linker.stats)
    stats.update({"full": full, "discrepancies": len(discs), "stories_touched": len(linker.touched_stories),
                  "views_seconds": round(viewed, 4), "seconds": round(perf_counter() - started, 3),
                  "at": now().isoformat()})
    return stats
