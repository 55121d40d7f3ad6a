"""Stories: articles clustered incrementally from text, shared entities and time.

A new article is compared with the stories active around its date (found through
``link_index`` keys ``feature@YYYY-MM``), joins the best one when :func:`score` reaches
:data:`JOIN`, and opens a new story otherwise; nothing else is recomputed.  A near-duplicate
joins its original's story.  A story keeps running feature counts (terms, entities, languages,
date range) in ``stories.data``.  An undated article, which has no date to narrow the search,
looks among the stories of every month linked so far and the undated ones.  Terms weigh by their
rarity in general text (:data:`BACKGROUND`), entities by their rarity among the articles linked.
"""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache
from typing import Any

from lagebild import lexicons
from lagebild.model.titles import display_title

JOIN = 0.155  # dated article and dated story (time already keeps stories apart)
JOIN_UNDATED = 0.16  # an undated article (or story) has no time to tell stories apart: content alone, a stricter bar
TERM_IDF = True  # weigh terms by their rarity: in general text (BACKGROUND), else by how many stories are indexed under them
CORE_SHARE = 0.34  # a story's entity counts fully once this share of its articles name it (its core, not its fringe)
LOOKBACK_MONTHS = 6  # stories active in the article's month or the five before are candidates
GRACE_DAYS = 14  # no time penalty within this gap to a story's date range
DECAY_DAYS = 180
GRACE_SHARE = 0.25  # ... or this share of the story's own duration, if longer
NEAR_BONUS = 0.1  # a dated article within GRACE_DAYS of a dated story's range scores this share more
W_ENTITIES = 0.4  # the rest goes to terms
W_ENTITIES_ONLY = 0.8  # the entities' share where the story has no article in the article's language
ENTITY_SMOOTHING = 1.0
MIN_TERMS = 0.05
STRONG_ENTITIES = 0.3  # this much (idf-weighted) entity overlap needs no shared words
RARE_IDF = 5.0  # a shared entity this rare (idf: in under about 1 in 150 articles linked so far) ...
RARE_BONUS = 0.0  # ... adds this to the entity overlap (off: on the demo it merges the Iran story into the NK one)
SALIENCE = 0.25  # an entity the article names n times weighs 1 + SALIENCE·ln n times more: what it is about
MAX_TERMS = 80
MAX_ENTITIES = 60  # entities kept with their weights per story (the heaviest)
ARTICLE_TERMS = 40
INDEX_TERMS = 8
INDEX_ENTITIES = 8
STEM = 7

_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
STOPWORDS = frozenset("""
aber alle allen aller alles also andere anderen auch auf aus bald beim beide beiden bereits bisher
bleibt damit dann darauf darüber dass davon dabei dazu denn deren derzeit dessen diese diesem diesen
dieser dieses doch dort durch eine einem einen einer eines einige etwa etwas gegen gestern habe haben
hatte hatten heute hier immer jedoch jetzt kann keine könne könnte laut mehr mehrere nach nicht noch
nun oder ohne schon sein seine seiner seinen seien seit sich sind sagte sagt sollen soll sowie sowohl
über unter viel vier wann während waren wegen weil weiter welche wenn werde werden wieder will wird
wurde wurden zwei zwischen zudem zuletzt demnach jahr jahres jahre woche monat monaten
about after again against also among been before being between both could does during each from
have having here into just more most much must only other over said says same should since some
such than that their them then there these they this those through under until very were what when
where which while will with would year years week month told according
""".split())


def terms(text: str, title: str | None = None,
          names: list[tuple[int, int]] | None = None) -> dict[str, int]:
    """Crude cross-inflection terms: lower-cased words of four letters or more cut to seven.

    Words inside entity mentions (``names``: spans in ``text``) are left out, in the title too:
    entities are compared on their own, so the terms say what the article is about rather than
    who is in it ("Nordkorea" and "Russland" would otherwise count twice).
    """
    spans = sorted(names or [])
    named: set[str] = set()
    counts: Counter[str] = Counter()
    body: list[str] = []
    for match in _WORD.finditer(text):
        low = match.group().lower()
        if low in STOPWORDS:
            continue
        i = bisect_right(spans, (match.start(), 10 ** 12)) - 1
        if i >= 0 and spans[i][0] <= match.start() < spans[i][1]:
            named.add(low[:STEM])
            continue
        body.append(low[:STEM])
    for word in _WORD.findall(title or ""):
        low = word.lower()
        if low not in STOPWORDS and low[:STEM] not in named:
            counts[low[:STEM]] += 2
    counts.update(t for t in body if t not in named)
    return dict(counts.most_common(ARTICLE_TERMS))


def month(value: date | None, shift: int = 0) -> str:
    if value is None:
        return "none"
    y, m = value.year, value.month - shift
    while m <= 0:
        y, m = y - 1, m + 12
    return f"{y:04d}-{m:02d}"


def index_keys(features: dict[str, Any], when: date | None) -> list[str]:
    """The keys under which a story is found while it is active in ``when``'s month (``none``
    for an undated article)."""
    ents = features.get("entity_keys", [])[:INDEX_ENTITIES]
    toks = sorted(features["terms"], key=lambda t: -features["terms"][t])[:INDEX_TERMS]
    stamp = month(when)
    return [f"{e}@{stamp}" for e in ents] + [f"t:{t}@{stamp}" for t in toks]


def query_terms(features: dict[str, Any]) -> list[str]:
    """The article's terms that candidate stories are looked up by (its most frequent)."""
    return sorted(features["terms"], key=lambda t: -features["terms"][t])[:INDEX_TERMS * 2]


def query_keys(features: dict[str, Any], when: date | None, months: Iterable[str] = ()) -> list[str]:
    """The keys candidate stories are looked up by: for a dated article, those of stories active
    in its month or the months before, and of undated stories; for an undated article, which has
    no time to narrow the search, those of undated stories and of every month in ``months`` (the
    months articles were linked in)."""
    ents = features.get("entity_keys", [])[:INDEX_ENTITIES * 2]
    toks = query_terms(features)
    stamps = [month(when, s) for s in range(LOOKBACK_MONTHS)] + ["none"] if when else ["none", *sorted(months)]
    return [f"{e}@{s}" for s in stamps for e in ents] + [f"t:{t}@{s}" for s in stamps for t in toks]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def story_terms(data: dict[str, Any], language: str | None) -> dict[str, int]:
    """The story's term counts in one language (rows from before per-language terms: all of them)."""
    by_lang = data.get("lang_terms")
    if by_lang is None:
        return data.get("terms", {})
    return by_lang.get(language or "", {})


#: the table of how many sentences of general text hold each term, per language (built by
#: ``training/stories/term_df.py``); its ``<sentences>`` row is the number of sentences counted
BACKGROUND = "stories/{lang}/term_df.tsv"


@cache
def background(language: str | None) -> tuple[dict[str, float], float] | None:
    """The weight of each term by its rarity in general text in ``language`` (see
    :func:`rarity`), and the weight of a term the table lacks; None without a table."""
    try:
        rows = lexicons.table(BACKGROUND.format(lang=language or "de"))
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    counts = {row[0]: int(row[1]) for row in rows}
    total = counts.pop("<sentences>", 0)
    if not total:
        return None
    return {t: rarity(c, total) for t, c in counts.items()}, rarity(1, total)


def rarity(holding: int, sentences: int) -> float:
    """Idf of a term held by ``holding`` of ``sentences``: ``log((sentences + 1) / (holding + 1))``.
    The table lists terms held by two sentences or more, so a term it lacks counts as held by
    one: the rarest weigh most."""
    return math.log((sentences + 1) / (holding + 1))


def background_weight(term: str, table: tuple[dict[str, float], float]) -> float:
    """The weight of ``term`` in a :func:`background` table."""
    weights, unknown = table
    return weights.get(term, unknown)


def term_weights(terms: dict[str, int], story_freq: dict[str, int], total: int) -> dict[str, float]:
    """Idf-like weights for an article's terms from how many stories are indexed under each.

    ``story_freq`` holds, for each term that was looked up (the article's top terms), the number
    of stories found under it; the weight is ``log(1 + (total + 1) / (freq + 1))`` with ``total``
    the articles linked so far.  Terms not looked up get the median weight of those that were.
    """
    if not story_freq or not TERM_IDF:
        return {}
    weights = {t: math.log(1 + (total + 1) / (f + 1)) for t, f in story_freq.items()}
    ordered = sorted(weights.values())
    middle = ordered[len(ordered) // 2]
    return {t: weights.get(t, middle) for t in terms} | {"": middle}


def entity_weights(features: dict[str, Any], idf: dict[str, float]) -> dict[str, float]:
    """The weight of each of the article's entities: its rarity (``idf``) times its salience in
    the article, ``1 + SALIENCE·ln n`` for an entity named ``n`` times (``features["entity_counts"]``;
    once where not counted).  An article naming Hofer ten times is about him; one naming him once
    is not, and the entities it is about weigh more where it is compared with a story."""
    counts = features.get("entity_counts") or {}
    return {e: idf.get(e, 1.0) * (1.0 + SALIENCE * math.log(max(1, counts.get(e, 1)))) for e in features["entities"]}


def join_bar(when: date | None, story: dict[str, Any]) -> float:
    """The score an article needs to join ``story``: higher where time cannot help."""
    if when is None or story["data"].get("first") is None:
        return JOIN_UNDATED
    return JOIN


def score(features: dict[str, Any], when: date | None, story: dict[str, Any],
          idf: dict[str, float], term_idf: dict[str, float] | None = None) -> dict[str, float]:
    """Similarity of an article to a story, with its parts: entities, terms, time.

    Entities are weighted by ``idf`` (rare ones count most) and their salience in the article
    (:func:`entity_weights`), and each shared entity rarer than
    :data:`RARE_IDF` adds :data:`RARE_BONUS`: two articles naming the same spokesman and council
    months apart, across languages, are one story more surely than their shared states say.  Terms are
    compared with the story's articles in the article's language only; where the story has none
    in that language, the entities alone decide (with the weight :data:`W_ENTITIES_ONLY`).  Words
    that the story never uses veto a same-language join unless the entity overlap is strong.
    Time: a gap past the story's grace decays the score; a dated article within
    :data:`GRACE_DAYS` of a dated story's range scores :data:`NEAR_BONUS` more (``near``), so
    that reports of the same days, often in two languages with few shared words, hold together.
    """
    data = story["data"]
    weights = entity_weights(features, idf)
    total = sum(weights.values())
    if "entity_w" in data:  # the story's entities, each weighted by idf as its articles joined: its core weighs most
        ent = _cosine(weights, data["entity_w"])
    else:  # a row from before entity weights
        members = max(1, data.get("articles", 1))
        core = max(1.0, members * CORE_SHARE)
        shared = sum(w * min(1.0, data["entities"].get(e, 0) / core) for e, w in weights.items())
        ent = shared / (total + ENTITY_SMOOTHING) if total else 0.0  # one shared common entity is little evidence
    language = features.get("language")
    in_language = (data.get("languages") or {}).get(language or "", 0)
    table = background(language) if TERM_IDF else None
    if table is not None:  # rarity in general text: the same weight on both sides, for every term
        rarities, unknown = table
        weigh = lambda k: rarities.get(k, unknown)  # noqa: E731
    else:  # no table for the language: how many stories the article's terms found
        tw = term_idf or {}
        default = tw.get("", 1.0)
        weigh = lambda k: tw.get(k, default)  # noqa: E731
    art_terms = {k: math.log1p(v) * weigh(k) for k, v in features["terms"].items()}
    story_terms_ = {k: math.log1p(v) * weigh(k) for k, v in story_terms(data, language).items()}
    term = _cosine(art_terms, story_terms_)
    first, last = _date(data.get("first")), _date(data.get("last"))
    if when is None or first is None or last is None:
        gap = 0
    elif when < first:
        gap = (first - when).days
    elif when > last:
        gap = (when - last).days
    else:
        gap = 0
    grace = GRACE_DAYS
    if first is not None and last is not None:  # a story that has run for months pauses for weeks
        grace = max(grace, (last - first).days * GRACE_SHARE)
    decay = 1.0 if gap <= grace else math.exp(-(gap - grace) / DECAY_DAYS)
    near = when is not None and first is not None and gap <= GRACE_DAYS  # not the longer grace: long stories draw no more
    time = 1.0 + NEAR_BONUS if near else decay
    rare = sum(1 for e in weights if idf.get(e, 1.0) >= RARE_IDF and e in data["entities"])
    ent = min(1.0, ent + RARE_BONUS * rare)
    if in_language:
        total_score = (W_ENTITIES * ent + (1 - W_ENTITIES) * term) * time
        if term < MIN_TERMS and ent < STRONG_ENTITIES:
            total_score = 0.0  # in one language, a story shares words too, unless it shares its actors
    else:
        total_score = W_ENTITIES_ONLY * ent * time
    return {"score": round(total_score, 4), "entities": round(ent, 3), "rare": rare, "terms": round(term, 3),
            "gap_days": gap, "near": near}


def new_story(article: str, title: str | None, text: str | None = None,
              source: str | None = None) -> dict[str, Any]:
    """A story seeded by ``article``; titled by its title, else by its lead (``display_title``).

    A title taken from the lead is marked (``data["lead_title"]``) so that the first article
    with a real title later replaces it.
    """
    sid = "story:" + hashlib.sha1(article.encode("utf-8")).hexdigest()[:10]
    shown = display_title(title, text, source)
    return {"id": sid, "title": shown, "data": {
        "articles": 0, "first": None, "last": None, "entities": {}, "lang_terms": {}, "languages": {},
        "seed": article, "lead_title": not (title and title.strip())}}


def add_article(story: dict[str, Any], features: dict[str, Any], when: date | None,
                language: str | None, title: str | None) -> None:
    data = story["data"]
    data["articles"] += 1
    if when is not None:
        stamp = when.isoformat()
        data["first"] = min(filter(None, [data["first"], stamp]))
        data["last"] = max(filter(None, [data["last"], stamp]))
    weights = entity_weights(features, features.get("entity_weights") or {})
    entity_w = Counter(data.get("entity_w") or {})
    for e in features["entities"]:
        data["entities"][e] = data["entities"].get(e, 0) + 1
        entity_w[e] += weights[e]
    data["entity_w"] = {e: round(w, 3) for e, w in entity_w.most_common(MAX_ENTITIES)}
    if "lang_terms" not in data:  # a row from before per-language terms
        data["lang_terms"] = {story_language(story): data.pop("terms", {})}
    merged = Counter(data["lang_terms"].get(language or "", {}))
    merged.update(features["terms"])
    data["lang_terms"][language or ""] = dict(merged.most_common(MAX_TERMS))
    if language:
        data["languages"][language] = data["languages"].get(language, 0) + 1
    if title and title.strip() and (not story["title"] or data.get("lead_title")):
        story["title"] = title.strip()
        data["lead_title"] = False


def story_language(story: dict[str, Any]) -> str:
    langs = story["data"].get("languages") or {}
    return max(langs.items(), key=lambda kv: (kv[1], kv[0] == "de"))[0] if langs else "de"


def window(when: date | None, days: int) -> tuple[date, date] | None:
    return None if when is None else (when - timedelta(days=days), when + timedelta(days=days))
