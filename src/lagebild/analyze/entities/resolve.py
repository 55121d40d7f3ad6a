"""Combining the trained tagger with the gazetteer, and resolving mentions within an article.

All functions here are pure: spans and text in, :class:`EntityMention` records out.

* :func:`combine` — the model finds names; the gazetteer has the last word on states, their
  capitals used for governments ("Moskau hat …" → GPE Russia), metonyms ("der Kreml"),
  adjectives and demonyms ("nordkoreanische" → North Korea) and curated organizations.
* :func:`resolve` — surnames ("Budanow") link to the full name in the same article; acronyms
  introduced in parentheses ("Hauptverwaltung für Aufklärung (HUR)") link both ways and their
  later uses link to the expansion; definite role phrases ("der US-Außenminister") link to the
  person the article introduced with that role ("US-Außenminister Antony Blinken").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from lagebild.analyze.entities import gazetteer
from lagebild.analyze.entities.ner import Tagged
from lagebild.analyze.entities.features import Lexicon
from lagebild.model import EntityMention

_ADJ_END = re.compile(r"(isch|ische|ischen|ischer|isches|ischem)$")


def _part_span(text: str, t: Tagged, lex: Lexicon | None) -> tuple[int, int]:
    """The name inside a compound token tagged ``…part`` ("US" in "US-Außenminister")."""
    token = text[t.start:t.end]
    if "-" in token.strip("-"):
        pos, best = 0, None
        for piece in token.split("-"):
            if piece[:1].isupper() and best is None:
                best = (t.start + pos, t.start + pos + len(piece))
            if lex is not None and piece and _known_name(lex, piece):
                return t.start + pos, t.start + pos + len(piece)
            pos += len(piece) + 1
        if best is not None and best[1] - best[0] < len(token):
            return best
    if lex is not None:
        for k in range(len(token) - 2, 2, -1):
            piece = token[:k]
            if _known_name(lex, piece):
                return t.start, t.start + k
    return t.start, t.end


TITLES = {"president", "secretary", "of", "state", "minister", "prime", "foreign", "defense", "defence",
          "mr.", "mrs.", "ms.", "dr.", "general", "gen.", "chancellor", "senator", "sen.", "rep.", "gov.",
          "governor", "king", "queen", "prince", "pope", "chief", "spokesman", "spokeswoman", "leader",
          "sir", "präsident", "präsidentin", "bundeskanzler", "bundeskanzlerin", "kanzler", "kanzlerin",
          "außenminister", "außenministerin", "herr", "frau", "us-präsident", "staatschef", "machthaber",
          "deputy", "vice", "ambassador", "envoy", "vize"}
#: courtesy titles: stripped from a name, but no role of their own
COURTESY = {"mr.", "mrs.", "ms.", "dr.", "herr", "frau", "sir", "prof.", "mr", "mrs", "ms", "dr"}
#: name particles that may stand lower-case inside a person's name
PARTICLES = {"von", "van", "de", "der", "den", "da", "di", "du", "la", "le", "bin", "al", "el", "ibn", "zu", "ter"}
_EN_ADJ = re.compile(r"[A-Z][a-z]+(?:an|ean|ian|ern|ish|ese|ic)")


def _is_title(word: str, language: str) -> bool:
    low = word.lower().rstrip(",")
    return low in TITLES or _role_head(word.rstrip(","), language) is not None


def _split_title(text: str, start: int, end: int, label: str, language: str) -> tuple[int, int | None]:
    """Where the name starts after leading titles and roles, and where the role phrase ends
    (``None`` for no role): "Russian President Vladimir Putin" → "Vladimir Putin" with the role
    "Russian President"; "Foreign Minister Sergei Lavrov" (tagged MISC) likewise."""
    words = list(re.finditer(r"\S+", text[start:end]))
    last = None
    for k, w in enumerate(words[:-1]):
        if _is_title(w.group(0), language):
            last = k
    if last is None:
        return start, None
    name = [w.group(0) for w in words[last + 1:]]
    if not all(n[:1].isupper() or n in PARTICLES for n in name) or not name[0][:1].isupper():
        return start, None
    if label != "PER" and not (2 <= len(name) <= 4 and any(
            _role_head(r, language) not in (None, "general") for r in (w.group(0) for w in words[:last + 1]))):
        return start, None  # "GNU General Public License" names no person
    role = [w.group(0) for w in words[:last + 1]]
    has_role = any(_is_title(r, language) and r.lower().rstrip(",") not in COURTESY for r in role)
    return start + words[last + 1].start(), (start + words[last].end() if has_role else None)


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'„“‚‘«»(")
    return not before or before[-1] in ".!?:\n"


def _common_word(text: str, word: str, lex: Lexicon) -> bool:
    """A capitalized word that is a common word: seen in lower case (in training or in this text)
    and rarely or never part of a name in training."""
    low = word.lower()
    if low == word or (low not in lex.lower and not re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", text)):
        return False
    total = lex.labels.get(word, (0, {}))[0]
    return total < 5 or _entity_share(lex, word) < 0.3


#: words that make up the names of world regions ("Indo-Pacific", "Asia-Pacific", "Euro-Atlantic",
#: "Far East"): a generic vocabulary of continents, oceans and compass words, not a list of names
REGION_WORDS = frozenset("""
indo asia asian pacific atlantic euro eurasia eurasian europe arctic antarctic baltic balkans caucasus
mediterranean sahel nordic transatlantic east eastern west western north northern south southern far
middle near central sub saharan levant maghreb indopazifik pazifik atlantik arktis nahost fernost
""".split())
#: determiners and contracted prepositions that stand before a German noun phrase
_DE_DETERMINERS = r"(?:im|am|ins|vom|zum|zur|beim|der|die|das|dem|den|des|ein|eine|einem|einen|einer|eines)"
#: a determiner (any case: "Im", "Der" open sentences) and an inflected adjective (lower case: not
#: a noun, "des Landes Niedersachsen")
_DE_ADJ_BEFORE = re.compile(rf"(?<![\w-])(?i:{_DE_DETERMINERS}) [a-zäöüß]+(?:e|en|em|er|es) $")
_EN_PLURAL = re.compile(r"[A-Z][a-z]{3,}[^s'’]s")


#: region words that name a region on their own; the others ("euro", "indo", "west", "far") only
#: in a compound ("Euro-Atlantic", "Far East"): alone they are a currency, a surname, an adjective
REGION_ALONE = frozenset("""
asia europe eurasia arctic antarctic baltic balkans caucasus mediterranean sahel levant maghreb
indopazifik pazifik atlantik arktis nahost fernost
""".split())


def region_name(surface: str) -> bool:
    """Whether a name is made of region words only ("Indo-Pacific", "Far East"), or is one of the
    region words that stand alone ("Sahel"); not "Euro" or "West"."""
    parts = [p for p in re.split(r"[\s-]+", surface.lower()) if p]
    if len(parts) == 1:
        return parts[0] in REGION_ALONE
    return bool(parts) and all(p in REGION_WORDS for p in parts)


def _not_a_name(text: str, start: int, end: int, label: str, language: str, lex: Lexicon,
                surnames: set[str]) -> bool:
    """A lone word the tagger took for a name that the context shows to be a common noun:

    * English: a plural noun opening a sentence ("Analysts noted …") tagged as a person, never
      seen in training and not the surname of a person named in the article;
    * German: a noun after a determiner and an inflected adjective ("im ukrainischen Hinterland")
      that training never saw and that ends in a common noun of the training data ("…land").
    """
    word = text[start:end]
    if " " in word or word in lex.labels or word in gazetteer.entries(language):
        return False
    if language == "en":
        return label == "PER" and bool(_EN_PLURAL.fullmatch(word)) and word not in surnames \
            and _sentence_initial(text, start)
    if "-" in word or not _DE_ADJ_BEFORE.search(text[max(0, start - 40):start]):
        return False
    if any(_known_name(lex, word[:-len(e)]) for e in ("s", "es", "n", "en") if word.endswith(e)):
        return False  # an inflected name: "des modernen Griechenlandes"
    return any(_common_noun(lex, word[k:].capitalize()) for k in range(3, len(word) - 3))


def _person_before_state(text: str, start: int, end: int, names: set[str], language: str,
                         default: int) -> int:
    """The end of a span the tagger ran from a person's surname on into a state's name ("will Putin
    Nordkorea besuchen", "sicherte Choe Russland … zu"): the surname's end when the first word is
    the family name of a person named in full in the article and the rest is a state in the gazetteer."""
    first, _, rest = text[start:end].partition(" ")
    entry = gazetteer.entries(language).get(rest) if rest else None
    if first in names and entry is not None and entry.label == "GPE" and entry.form == "name":
        return start + len(first)
    return default


def _common_noun(lex: Lexicon, word: str) -> bool:
    """A word seen often in training and rarely inside a name ("Land", "Gebiet")."""
    total = lex.labels.get(word, (0, {}))[0]
    return total >= 5 and _entity_share(lex, word) < 0.3


def _extend_name(text: str, end: int, single: bool, lex: Lexicon | None, english: bool = True) -> int:
    """A person's name cut short by the tagger: a hyphenated last part ("Linda Thomas-Greenfield"),
    or after a lone given name the surname the tagger left out ("Lloyd Austin")."""
    match = re.match(r"-[A-ZÄÖÜ][\w]+(?![\w-])", text[end:])
    if match:
        return end + match.end()
    if single and lex is not None and english:  # German nouns are capitalized: "Brians Sohn"
        match = re.match(r" ([A-ZÄÖÜ][a-zäöüß]+)(?=[\s,.;:!?)])", text[end:])
        if match:
            word = match.group(1)
            known = word in lex.labels or word.lower() in lex.lower
            if word not in lex.gazetteer and word not in gazetteer.entries("de") \
                    and word not in gazetteer.entries("en") and (not known or _entity_share(lex, word) >= 0.3):
                return end + match.end()
    return end


def _known_name(lex: Lexicon, piece: str) -> bool:
    for form in (piece, piece[:1].upper() + piece[1:]):
        if form in lex.gazetteer or _entity_share(lex, form) >= 0.5:
            return True
    return False


def _entity_share(lex: Lexicon, word: str) -> float:
    stats = lex.labels.get(word)
    if not stats:
        return 0.0
    total, counts = stats
    return sum(counts.values()) / total


def from_model(text: str, tagged: Sequence[Tagged], stage: str, lex: Lexicon | None = None,
               language: str = "de") -> list[EntityMention]:
    """Tagged spans as entity mentions: OTH → MISC; ``deriv`` → form adjective/demonym (LOC)
    or ``deriv``; ``part`` → the name inside the compound, form ``part``.

    Names are tidied where the tagger's span is not the name: leading titles and roles become a
    role phrase of their own ("Russian President" + "Vladimir Putin"), an English "The" before a
    known name or at a sentence start goes ("The Kremlin"), a name cut short is completed
    ("Linda Thomas-Greenfield"), English adjectives ("Western officials") take the form
    ``adjective``, and a capitalized common word at a sentence start ("Analysts noted") is dropped.
    """
    out: list[EntityMention] = []
    full = [text[t.start:t.end].split() for t in tagged if t.label == "PER" and " " in text[t.start:t.end]]
    surnames = {words[-1] for words in full}
    family = surnames | {words[0] for words in full}  # East Asian names put the family name first
    for t in tagged:
        base = t.label.replace("deriv", "").replace("part", "")
        label = {"OTH": "MISC"}.get(base, base)
        start, end = t.start, t.end
        form = "name"
        if t.label.endswith("deriv"):
            surface = text[start:end]
            if label == "LOC":
                form = "adjective" if surface[:1].islower() or _ADJ_END.search(surface) else "demonym"
            else:
                form = "adjective"  # "gotische" (OTHderiv), "Schröder'sche" (PERderiv)
        elif t.label.endswith("part"):
            start, end = _part_span(text, t, lex)
            form = "part"
        else:
            if language == "en" and text.startswith("The ", start) and end - start > 4:
                rest = text[start + 4:end]
                if _sentence_initial(text, start) or rest in gazetteer.entries(language):
                    start += 4
            if label in ("PER", "MISC", "ORG"):
                name_start, role_end = _split_title(text, start, end, label, language)
                if name_start > start:
                    if role_end is not None:
                        out.append(EntityMention(start, role_end, text[start:role_end], "PER", None, None, None,
                                                 "role", stage))
                    start, label = name_start, "PER"
            if label in ("PER", "ORG", "MISC"):
                end = _person_before_state(text, start, end, family, language, end)
                if end < t.end:
                    label = "PER"  # "will Putin Nordkorea besuchen": the person, then the state
            if label == "PER":
                end = _extend_name(text, end, " " not in text[start:end], lex, language == "en")
            surface = text[start:end]
            if language == "en" and label in ("MISC", "LOC") and " " not in surface and (
                    re.match(r"-[a-z]", text[end:end + 2])
                    or _EN_ADJ.fullmatch(surface) and re.match(r" [a-z]", text[end:end + 2])):
                form = "adjective"  # "Western officials", "Korean peninsula", "Soviet-standard shells"
            elif language == "en" and " " not in surface and _sentence_initial(text, start) and lex is not None \
                    and _common_word(text, surface, lex) and surface not in gazetteer.entries(language):
                continue  # "Foreign ministers …": a common word, capitalized
            elif lex is not None and _not_a_name(text, start, end, label, language, lex, surnames):
                continue  # "Analysts noted …", "im ukrainischen Hinterland"
            if label in ("ORG", "PER", "MISC") and region_name(surface):
                label = "LOC"  # "the Indo-Pacific", "Asia-Pacific": a region, not a body
        out.append(EntityMention(start, end, text[start:end], label, None, None, None, form, stage))
    return out


_COMPOUND = re.compile(r"(?<![\w.-])([A-ZÄÖÜ]\w+)-([A-ZÄÖÜ]\w{2,})(?![\w-])")
#: heads that make a compound a place's or a building's own name ("Kirow-Straße", "Gaza-Streifen",
#: "Hoover-Schule"): the whole token is the name, not a name inside a common noun
PLACE_HEADS = re.compile(
    r"(?:Straße|Strasse|Stadt|Platz|Allee|Weg|Ufer|Brücke|Kanal|Tal|See|Berg|Gebirge|Insel|Inseln|Streifen|"
    r"Park|Kirche|Kapelle|Dom|Denkmal|Hof|Schule|Gymnasium|Halle|Stadion|Bahnhof|Turm|Fälle|Haus|Preis)"
    r"(?:s|es|n|en)?")


def compound_parts(text: str, mentions: Sequence[EntityMention], lex: Lexicon | None,
                   stage: str) -> list[EntityMention]:
    """``mentions`` plus the names that open a two-part hyphenated compound the tagger left
    alone ("Nokia-Werkes", "Island-Reiseführer", "Hitler-Biografie"), form ``part``: the first
    part must be a name the training data labels one way (PER, LOC or ORG for seven in ten of
    its uses, an entity for seven in ten), the head a common noun, and no place's own name
    ("Kirow-Straße")."""
    if lex is None:
        return list(mentions)
    out = list(mentions)
    for match in _COMPOUND.finditer(text):
        first, head = match.group(1), match.group(2)
        if any(m.start < match.end() and match.start() < m.end for m in mentions):
            continue
        if PLACE_HEADS.fullmatch(head) or not _noun(lex, head) or len(first) < 3 and not first.isupper():
            continue  # "Co-Regie": a short prefix, not a name
        label = _one_label(lex, first)
        if label is not None:
            out.append(EntityMention(match.start(1), match.end(1), first, label, None, None, None, "part", stage))
    return sorted(out, key=lambda m: (m.start, -m.end))


def _noun(lex: Lexicon, word: str) -> bool:
    """A common noun by the training data: seen and rarely in a name, or unseen and not a word
    that is written in lower case (an adjective like "Weiß")."""
    stats = lex.labels.get(word)
    if stats is not None:
        return _entity_share(lex, word) < 1 / 3
    return word.lower() not in lex.lower


def _one_label(lex: Lexicon, word: str) -> str | None:
    stats = lex.labels.get(word)
    if stats is None or stats[0] < 2:
        return None
    total, counts = stats
    names = {k: v for k, v in counts.items() if k in ("PER", "LOC", "ORG")}
    entity = sum(counts.values())
    if not names or entity * 10 < 7 * total:
        return None
    best = max(names, key=names.get)
    return best if names[best] * 10 >= 7 * entity else None


def place_genitives(mentions: Sequence[EntityMention], lex: Lexicon | None) -> list[EntityMention]:
    """A one-word person the training data never saw that is the genitive of a place it knows
    ("Hannovers Oberbürgermeister", "Bremens Stürmer") is that place (LOC)."""
    if lex is None:
        return list(mentions)
    return [dataclasses.replace(m, label="LOC")
            if m.label == "PER" and m.form == "name" and _place_genitive(lex, m.text) else m for m in mentions]


def _place_genitive(lex: Lexicon, word: str) -> bool:
    if len(word) < 5 or not word.endswith("s") or " " in word or word in lex.labels:
        return False
    stem = word[:-1]
    counts = lex.labels.get(stem, (0, {}))[1]
    if counts:
        return max(counts, key=counts.get) == "LOC" and counts.get("PER", 0) * 4 < counts["LOC"]
    return any(t.startswith(("LOC:", "GPE:")) for t in lex.gazetteer.get(stem, ()))


def _overlaps(a: EntityMention, b: EntityMention) -> bool:
    return a.start < b.end and b.start < a.end


def combine(model: Sequence[EntityMention], gazetteer: Sequence[EntityMention]) -> list[EntityMention]:
    """Model mentions merged with gazetteer mentions, without overlaps, sorted by offset.

    Same span: the gazetteer's label, key and form win (states, metonyms, adjectives).  A
    gazetteer match inside a longer model mention ("Deutsche" in "Deutsche Bank") gives way,
    except that a compound part takes the gazetteer's key; a longer gazetteer match replaces
    the model mentions inside it ("Hauptverwaltung für Aufklärung").
    """
    parts = [g for g in gazetteer if g.form == "part"]
    gazetteer = [g for g in gazetteer if g.form != "part"]
    kept: list[EntityMention | None] = [_fit(m, gazetteer) for m in model]
    extra: list[EntityMention] = []
    for g in gazetteer:
        hits = [i for i, m in enumerate(kept) if m is not None and m.form != "role" and _overlaps(m, g)]
        if not hits:
            extra.append(g)
            continue
        inside = all(g.start <= kept[i].start and kept[i].end <= g.end for i in hits)  # type: ignore[union-attr]
        if inside:
            first = kept[hits[0]]
            same = len(hits) == 1 and first.start == g.start and first.end == g.end  # type: ignore[union-attr]
            label = g.label
            if same and g.label == "LOC" and first.label != "LOC":  # type: ignore[union-attr]
                label = first.label  # type: ignore[union-attr]
            for i in hits:
                kept[i] = None
            kept[hits[0]] = dataclasses.replace(g, label=label, stage=first.stage or g.stage)  # type: ignore[union-attr]
            continue
        if len(hits) == 1:
            m = kept[hits[0]]
            assert m is not None
            if m.start <= g.start and g.end <= m.end and m.form == "part" and g.key:
                kept[hits[0]] = dataclasses.replace(m, key=g.key, name=g.name)
    out = [m for m in kept if m is not None] + extra
    compounds = {(m.start, m.end) for m in out if m.key}
    # the name opening a compound the gazetteer knows ("UN" in "UN-Expertengremium") stays nested in it
    out += [p for p in parts if any(a == p.start and b > p.end for a, b in compounds)]
    return sorted(out, key=lambda m: (m.start, -m.end))


def unambiguous(gazetteer: Sequence[EntityMention], model: Sequence[EntityMention],
                lex: Lexicon | None) -> list[EntityMention]:
    """Gazetteer mentions without the organizations whose one-word name is also a common noun
    ("Bild", "Spiegel") where the tagger saw no name: "ein düsteres Bild" is no newspaper."""
    if lex is None:
        return list(gazetteer)
    return [g for g in gazetteer
            if not (g.label == "ORG" and g.form == "name" and " " not in g.text and _common_noun(lex, g.text)
                    and not any(_overlaps(g, m) for m in model))]


_CONNECTORS = {"and", "und", "or", "oder", "sowie", "&", ",", "/", "-"}


def _fit(m: EntityMention, gazetteer: Sequence[EntityMention]) -> EntityMention | None:
    """A model mention measured against the gazetteer matches inside it: ``None`` when they
    cover it but for connectors ("US and South Korean"); a person's name without a state or
    capital run into it ("Sergej Schoigu Pjöngjang besuchte" → "Sergej Schoigu")."""
    if m.form == "role":
        return m
    inner = [g for g in gazetteer if m.start <= g.start and g.end <= m.end and (g.start, g.end) != (m.start, m.end)]
    if not inner:
        return m
    rest = list(m.text)
    for g in inner:
        rest[g.start - m.start:g.end - m.start] = " " * (g.end - g.start)
    between = "".join(rest).split()
    if between and all(w in _CONNECTORS for w in between):
        return None  # "US and South Korean"; not "Financial Times Deutschland"
    if between and m.label != "PER" and all(w.islower() for w in between):
        return None  # "Pjöngjangs für Moskau": names joined by a preposition are no name of their own
    if not between and len(inner) > 1 and inner[-1].label == "ORG" and all(g.label == "GPE" for g in inner[:-1]):
        return None  # a state before its body: "US State Department"
    last = inner[-1]
    head = m.text[:last.start - m.start].rstrip()
    if m.label == "PER" and last.end == m.end and last.label == "GPE" and len(head.split()) >= 2:
        return dataclasses.replace(m, end=m.start + len(head), text=head)
    return m


# --- within-article resolution ---------------------------------------------------------------

ROLE_HEADS = {
    "de": ("minister", "ministerin", "präsident", "präsidentin", "kanzler", "kanzlerin", "chef", "chefin",
           "sprecher", "sprecherin", "leiter", "leiterin", "machthaber", "botschafter", "botschafterin",
           "general", "kommandeur", "diktator", "premier", "premierminister", "berater", "beraterin",
           "koordinator", "koordinatorin", "staatschef", "vorsitzende", "vorsitzender", "direktor",
           "direktorin", "sekretär", "sekretärin", "führer", "oberbefehlshaber"),
    "en": ("minister", "president", "secretary", "spokesman", "spokeswoman", "spokesperson", "chief",
           "head", "leader", "director", "ambassador", "general", "commander", "adviser", "advisor",
           "coordinator", "chancellor", "premier", "chairman", "chairwoman"),
}
DETERMINERS = {"de": ("der", "die", "dem", "den", "des"), "en": ("the",)}
_WORD = re.compile(r"[\w][\w.'’-]*")


@dataclasses.dataclass
class _M:
    """A mutable mention while references are resolved (``ref`` points at another ``_M``)."""

    m: EntityMention
    ref: "_M | None" = None
    name: str | None = None
    form: str | None = None
    label: str | None = None
    key: str | None = None


_ROLE_RE = {
    "de": re.compile(r"\w*(?:" + "|".join(ROLE_HEADS["de"]) + ")", re.IGNORECASE),
    "en": re.compile(r"(?:" + "|".join(ROLE_HEADS["en"]) + ")", re.IGNORECASE),
}
#: whether a text holds a role head at all (no leading ``\w*``: a search with it backtracks at
#: every position of the text)
_ROLE_ANY = {lang: re.compile("|".join(heads), re.IGNORECASE) for lang, heads in ROLE_HEADS.items()}


@lru_cache(maxsize=65536)
def _role_head(word: str, language: str) -> str | None:
    low = word.rsplit("-", 1)[-1]
    if _ROLE_RE["en" if language == "en" else "de"].fullmatch(low):
        return low.lower()
    return None


_NAME_WORD = re.compile(r"[A-ZÄÖÜ][\w'’-]*[^\W\d_]")


def _surname_keys(name: str) -> list[str]:
    """The words of a person's full name that may stand for it alone: the last and, when
    capitalized, the first ("Kim" of "Kim Jong Un"); only words that look like names (not "."
    of "Chr .", not an initial)."""
    parts = name.split()
    if len(parts) < 2:
        return []
    keys = [parts[-1], parts[0]] if parts[0][:1].isupper() else [parts[-1]]
    return [k for k in keys if _NAME_WORD.fullmatch(k)]


def resolve(text: str, mentions: Sequence[EntityMention], language: str, stage: str) -> list[EntityMention]:
    """Mentions with ``ref``/``name`` set by surname, acronym and role resolution (new mentions
    for later acronym uses, untagged surnames and role phrases are added)."""
    items = [_M(m) for m in mentions]
    _appositions(text, items)
    _acronyms(text, items, stage)
    _surnames(text, items, stage)
    _places(text, items)
    _roles(text, items, language, stage)
    items.sort(key=lambda x: (x.m.start, -x.m.end))
    index = {id(x): i for i, x in enumerate(items)}
    out = []
    for x in items:
        m = x.m
        out.append(dataclasses.replace(
            m, ref=index[id(x.ref)] if x.ref is not None else m.ref, name=x.name or m.name,
            form=x.form or m.form, label=x.label or m.label, key=x.key or m.key))
    return out


def _appositions(text: str, items: list[_M]) -> None:
    """A role phrase right before a person's name refers to that person ("Russian President" →
    "Vladimir Putin")."""
    starts = {x.m.start: x for x in items if x.m.label == "PER" and x.m.form == "name"}
    for x in items:
        if x.m.form != "role" or x.m.label != "PER" or x.ref is not None or x.m.ref is not None:
            continue
        gap = re.match(r"\s+", text[x.m.end:])
        person = starts.get(x.m.end + (gap.end() if gap else 0))
        if person is not None:
            x.ref, x.name = person, person.m.text


#: nouns for a kind of place before its name ("Hafen Rajin", "port of Rajin", "region of Kursk")
PLACE_NOUNS = {"hafen", "stadt", "region", "provinz", "gebiet", "dorf", "ort", "insel", "port", "city",
               "town", "village", "province", "island", "oblast"}
#: German compound heads for a kind of place ("Weltraumbahnhof Wostotschny", "Flughafen X")
PLACE_HEADS_DE = ("hafen", "bahnhof", "flugplatz", "stützpunkt", "gebiet", "region", "provinz", "werk")
#: English nouns for a kind of place after its name ("the Vostochny cosmodrome", "the X airbase")
FACILITY_NOUNS = {"cosmodrome", "spaceport", "airport", "airfield", "airbase", "port", "harbour", "harbor",
                  "base", "plant", "factory", "facility", "complex", "shipyard", "refinery", "reactor",
                  "dam", "station", "region", "province", "district", "oblast", "peninsula"}
#: nouns for a kind of thing before its name ("vom Typ Shahed")
TYPE_NOUNS = {"typ", "typs", "modell", "klasse", "type", "model", "class"}


def _places(text: str, items: list[_M]) -> None:
    """A lone capitalized word the tagger took for a person, but that stands where places or
    types stand: after a locative preposition or a place noun ("in Kazan", "Hafen Rajin") it is a
    place; after a type noun ("vom Typ Shahed") a thing.  Surnames of the article's people stay."""
    locative = {"in", "im", "near", "nahe", "outside", "around", "into", "of"}  # not "nach X" (= per X)
    for x in items:
        m = x.m
        if m.label != "PER" or m.form != "name" or " " in m.text or x.ref is not None or m.ref is not None:
            continue
        after = re.match(r" ([a-z]+)\b", text[m.end:m.end + 20])
        if after and after.group(1) in FACILITY_NOUNS:
            x.label = "LOC"  # "the Vostochny cosmodrome"
            continue
        before = re.findall(r"[\w-]+", text[max(0, m.start - 40):m.start])
        if not before or re.search(r"[.!?;:,]\s*$", text[max(0, m.start - 3):m.start]):
            continue
        prev = before[-1].lower()
        if prev in TYPE_NOUNS:
            x.label = "MISC"
        elif prev in PLACE_NOUNS or prev.endswith(PLACE_HEADS_DE) and prev[:1].isalpha() or prev in locative and (prev != "of" or len(before) > 1
                                                          and before[-2].lower() in PLACE_NOUNS):
            x.label = "LOC"


def _covering(items: list[_M], start: int, end: int) -> _M | None:
    for x in items:
        if x.m.start <= start and end <= x.m.end:
            return x
    return None


def _free(items: list[_M], start: int, end: int) -> bool:
    return all(x.m.end <= start or x.m.start >= end for x in items)


def _acronyms(text: str, items: list[_M], stage: str) -> None:
    for match in re.finditer(r"\(\s*([A-ZÄÖÜ][A-Za-zÄÖÜ&.-]{1,9})\s*\)", text):
        acr = match.group(1)
        if sum(c.isupper() for c in acr) < 2:
            continue
        before = text[:match.start()].rstrip()
        full = next((x for x in items if x.m.end == len(before) and x.m.form != "role"), None)
        if full is None or full.m.text == acr or full.m.label == "PER":
            continue  # "Angela Merkel (CDU)" names a party, not an expansion
        acr_key = _key_of(items, match)
        if full.m.key is None and acr_key and full.m.label in ("ORG", "MISC"):
            full.key, full.label = acr_key, "ORG"  # "Main Intelligence Directorate (HUR)": a curated acronym
        elif full.m.text[:1].upper() != acr[0] and not (full.m.key and full.m.key == acr_key):
            continue
        long_name = full.name or full.m.text
        a0, a1 = match.start(1), match.end(1)
        acr_item = _covering(items, a0, a1)
        if acr_item is None:
            acr_item = _M(EntityMention(a0, a1, acr, full.m.label, full.m.key, None, None, "acronym", stage))
            items.append(acr_item)
        acr_item.ref, acr_item.name, acr_item.form = full, long_name, "acronym"
        acr_item.label = full.label or full.m.label
        full.ref = acr_item
        # later uses of the acronym link to the expansion
        for use in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w])", text[match.end():]):
            u0, u1 = match.end() + use.start(), match.end() + use.end()
            x = _covering(items, u0, u1)
            if x is None:
                if not _free(items, u0, u1):
                    continue
                x = _M(EntityMention(u0, u1, acr, full.m.label, full.m.key, None, None, "acronym", stage))
                items.append(x)
            elif (x.m.start, x.m.end) != (u0, u1):
                continue
            x.ref, x.name, x.form, x.label = full, long_name, "acronym", full.label or full.m.label


def _key_of(items: list[_M], match: re.Match) -> str | None:
    x = _covering(items, match.start(1), match.end(1))
    return x.m.key if x is not None else None


def _surnames(text: str, items: list[_M], stage: str) -> None:
    people = [x for x in items if x.m.label == "PER" and x.m.form == "name" and len(x.m.text.split()) > 1]
    keys: dict[str, _M] = {}
    for x in people:
        for key in _surname_keys(x.m.text):
            keys.setdefault(key, x)
    if not keys:
        return
    for x in list(items):
        if x.m.form not in ("name",) or " " in x.m.text or x.m.key is not None:
            continue
        word = x.m.text
        full = keys.get(word) or (keys.get(word[:-1]) if word.endswith("s") else None)
        if full is None or full is x:
            continue
        x.ref, x.name, x.label = full, full.m.text, "PER"
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
                         + r")(s?)(?![\w-])")
    for match in pattern.finditer(text):
        s0, s1 = match.start(), match.end()
        if _free(items, s0, s1):
            full = keys[match.group(1)]
            items.append(_M(EntityMention(s0, s1, text[s0:s1], "PER", None, None, None, "name", stage),
                            ref=full, name=full.m.text))


_ADJ_INFL = re.compile(r"(e|en|er|es|em)$")


def _states(items: list[_M], start: int, end: int) -> set[str]:
    """Keys of the states mentioned in ``[start, end)`` ("US" in "US-Außenminister")."""
    return {x.m.key for x in items if x.m.key and x.m.key.startswith("gpe:")
            and start <= x.m.start and x.m.end <= end}


def _compatible(a: set[str], b: set[str]) -> bool:
    return not a or not b or bool(a & b)


def _roles(text: str, items: list[_M], language: str, stage: str) -> None:
    lang = "en" if language == "en" else "de"
    if not any(x.m.label == "PER" and " " in x.m.text for x in items) or not _ROLE_ANY[lang].search(text):
        return
    words = [(w.start(), w.end(), w.group(0)) for w in _WORD.finditer(text)]
    people = sorted((x for x in items if x.m.label == "PER" and x.m.form == "name" and x.ref is None
                     and " " in x.m.text), key=lambda x: x.m.start)
    starts = {x.m.start: x for x in people}
    intros: list[tuple[int, str, _M, set[str]]] = []  # (offset, role head, person, state keys)
    for k, (w0, w1, word) in enumerate(words):
        head = _role_head(word, lang)
        if head is None:
            continue
        if k + 1 < len(words) and words[k + 1][0] in starts and text[w1:words[k + 1][0]].strip() == "":
            intros.append((w0, head, starts[words[k + 1][0]], _states(items, w0 - 16, w1)))
            continue
        # "der Leiter des Militärgeheimdienstes HUR, Kyrylo Budanow," / "the spokesman, John Kirby"
        later = next((x for x in people if 0 < x.m.start - w1 <= 80), None)
        if later is not None:
            gap = text[w1:later.m.start]
            if gap.rstrip().endswith(",") and gap.count(",") == 1 and not re.search(r"[.!?;:]", gap):
                intros.append((w0, head, later, _states(items, w0 - 16, later.m.start)))
                continue
        # "Antony Blinken, der US-Außenminister," / "John Kirby, spokesman of …"
        for x in people:
            gap = text[x.m.end:w0]
            if 0 <= w0 - x.m.end <= 40 and gap.lstrip().startswith(",") and gap.count(",") == 1:
                intros.append((w0, head, x, _states(items, x.m.end, w1)))
                break
    if not intros:
        return
    dets = DETERMINERS[lang]
    for k, (w0, w1, word) in enumerate(words):
        if word.lower() not in dets:
            continue
        j = k + 1
        while j < len(words) and j - k <= 3 and _role_head(words[j][2], lang) is None and words[j][2][:1].islower():
            j += 1
        if j >= len(words) or _role_head(words[j][2], lang) is None:
            continue
        head = _role_head(words[j][2], lang)
        end = words[j][1]
        nxt = words[j + 1] if j + 1 < len(words) else None
        if nxt is not None and nxt[2][:1].isupper() and text[end:nxt[0]].strip() == "":
            continue  # an apposition introducing a name ("Außenminister Choe Son Hui"), not a reference
        # a genitive complement: "des ukrainischen Militärgeheimdienstes", "des Weißen Hauses", "of State"
        if nxt is not None and nxt[2].lower() in ("des", "der", "of") and text[end:nxt[0]] == " ":
            q = j + 2
            while q < len(words) and q - j < 6 and text[words[q - 1][1]:words[q][0]] == " " and (
                    words[q][2][:1].islower() or (
                        q + 1 < len(words) and words[q + 1][2][:1].isupper() and _ADJ_INFL.search(words[q][2])
                        and text[words[q][1]:words[q + 1][0]] == " ")):
                q += 1
            if q < len(words) and words[q][2][:1].isupper() and text[words[q - 1][1]:words[q][0]] == " ":
                end = words[q][1]
        states = _states(items, w0, end)
        candidates = [p for off, h, p, st in intros if h == head and _compatible(st, states) and off < w0]
        if not candidates:
            candidates = [p for off, h, p, st in intros if h == head and _compatible(st, states)]
        if not candidates:
            continue
        person = candidates[-1]
        items.append(_M(EntityMention(w0, end, text[w0:end], "PER", None, None, None, "role", stage),
                        ref=person, name=person.m.text))


# --- name patterns the training data rarely shows ---------------------------------------------

#: common Korean and Chinese family names in their usual romanizations (a generic resource,
#: not a list of people): "Kim Jong Un", "Choe Son Hui", "Xi Jinping", "Wang Yi"
EAST_ASIAN_SURNAMES = frozenset(
    "Kim Lee Ri Yi Park Pak Choe Choi Jung Jeong Kang Cho Jo Yoon Yun Jang Chang Lim Im Han Shin Sin "
    "Oh O Seo Kwon Hwang Ahn An Song Hong Jeon Ko Moon Mun Yang Son Bae Baek Paek Heo Nam Ro Roh No "
    "Xi Wang Li Zhang Liu Chen Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma Luo Liang Song Zheng "
    "Xie Han Tang Feng Yu Dong Xiao Cheng Cao Yuan Deng Fu Shen Zeng Peng Lu Su Jiang Cai Jia Ding Wei "
    "Xue Ye Yan Pan Du Dai Xia Zhong Tian Ren Fan Fang Shi Yao Tan Qin Qian".split())
_SYL = r"[A-Z][a-z]{1,3}"
_EA_NAME = re.compile(
    rf"(?<![\w-])([A-Z][a-z]{{0,5}}) (?:({_SYL}) ({_SYL})|({_SYL}-[a-z]{{2,4}})|([A-Z][a-z]{{1,6}}))(?![\w-])")


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches that may overlap: the next search starts after the first word of the last match
    ("Auch Ri Son-gwon" must not hide "Ri Son-gwon")."""
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        yield match
        pos = match.end(1) + 1


def east_asian_names(text: str, mentions: Sequence[EntityMention], stage: str) -> list[EntityMention]:
    """Mentions with East Asian personal names fixed: a known family name followed by a
    two-syllable given name ("Choe Son Hui", "Kim Jong-un") is a person, replacing overlapping
    model guesses ("Kim Jong" → "Kim Jong Un"); states and curated names are kept."""
    out = list(mentions)
    for match in _overlapping(_EA_NAME, text):
        if match.group(1) not in EAST_ASIAN_SURNAMES:
            continue
        single = match.group(5)
        if single is not None:
            # one-word given names only for the Chinese pattern "Xi Jinping", "Wang Yi"
            if match.group(1) in ("Kim", "Lee", "Park", "Choe", "Choi", "Ri") or single in EAST_ASIAN_SURNAMES:
                continue
            if not any(m.label == "PER" and m.start == match.start() for m in out):
                continue
        a, b = match.start(), match.end()
        hits = [m for m in out if m.start < b and a < m.end]
        if any(m.key is not None or m.end > b or m.start < a for m in hits):
            continue
        out = [m for m in out if m not in hits]
        out.append(EntityMention(a, b, text[a:b], "PER", None, None, None, "name", stage))
    return sorted(out, key=lambda m: (m.start, -m.end))


# The noun before a quoted name says what the name is: a work ("die Sendereihe „oper kompakt“",
# "der Song "Till Death Do Us Part"") or a newspaper, magazine or firm ("die Tageszeitung „Junge
# Welt“").  The heads are those GermEval 2014 train mostly labels the quoted name after as OTH /
# ORG, plus the other kinds of works; compounds count by their last part ("Dokumentationssendung").
QUOTED_HEADS = {
    "de": {**dict.fromkeys((
        "titel", "sendung", "sendereihe", "serie", "film", "buch", "roman", "album", "song", "single", "lied",
        "musical", "artikel", "thriller", "oper", "theaterstück", "gedicht",
        "spiel", "kolumne", "ausstellung", "ouvertüre", "hörspiel", "dokumentation"), "MISC"),
        **dict.fromkeys(("zeitung", "zeitschrift", "magazin", "fachblatt", "wochenblatt",
                         "hotel", "firma"), "ORG")},
    "en": {**dict.fromkeys(("film", "movie", "book", "novel", "album", "song", "single", "series", "show",
                            "documentary", "programme", "play", "opera", "musical"),
                           "MISC"),
           **dict.fromkeys(("newspaper", "magazine", "daily", "weekly", "tabloid"), "ORG")},
}
NOT_HEADS = ("beispiel", "zusammenspiel", "wechselspiel", "vorspiel", "nachspiel", "rollenspiel", "ehrentitel")
_QUOTED = re.compile(r"(?<![\w-])([A-Za-zÄÖÜäöüß][\w-]*[a-zäöüß]) +(„|\"|»|“)([^\"„“”»«\n]{1,80}?)(“|\"|«|”)")


def _quoted_head(word: str, language: str) -> str | None:
    heads = QUOTED_HEADS.get(language, {})
    low = word.lower()
    if low.endswith(NOT_HEADS):
        return None
    forms = [low] + [low[:-len(end)] for end in ("s", "es", "n", "en") if low.endswith(end)]  # "Films", "Serien"
    for form in forms:
        for head, label in heads.items():
            if form == head or (language == "de" and form.endswith(head) and len(form) > len(head) + 2):
                return label
    return None


def quoted_titles(text: str, mentions: Sequence[EntityMention], language: str, stage: str) -> list[EntityMention]:
    """Quoted names after a noun that says what they name (:data:`QUOTED_HEADS`) become one
    mention with the head's label (MISC for works, ORG for newspapers), replacing the model's
    mentions inside the quotes ("Till Death Do Us Part" as ORG) or filling a gap ("oper kompakt");
    a mention that crosses the quotes leaves the span alone."""
    out = list(mentions)
    for match in _QUOTED.finditer(text):
        label = _quoted_head(match.group(1), language)
        inner = match.group(3).strip()
        if label is None or not inner or not (inner[0].isupper() or inner[0].isdigit()) \
                or len(inner.split()) > 8 or inner[-1] in ".,;:!?":
            continue
        a = match.start(3) + (len(match.group(3)) - len(match.group(3).lstrip()))
        b = a + len(inner)
        hits = [m for m in out if m.start < b and a < m.end]
        if any(m.start < a or m.end > b for m in hits):
            continue
        out = [m for m in out if m not in hits]
        out.append(EntityMention(a, b, inner, label, None, None, None, "name", stage))
    return sorted(out, key=lambda m: (m.start, -m.end))


def harmonize(mentions: Sequence[EntityMention]) -> list[EntityMention]:
    """One label per name within an article: the majority label of the model's mentions of the
    same text (ties keep each mention's own label)."""
    from collections import Counter

    votes: dict[str, Counter] = {}
    for m in mentions:
        if m.form == "name":
            votes.setdefault(m.text, Counter())[m.label] += 1
    out = []
    for m in mentions:
        c = votes.get(m.text)
        if m.form == "name" and c and len(c) > 1:
            (best, n), *rest = c.most_common()
            if n > rest[0][1] and best != m.label:
                m = dataclasses.replace(m, label=best)
        out.append(m)
    return out
