"""Evolution vs discrepancy through the real link stage, in German and English.

Each pair of hand-written articles tells one supply (North Korea to Russia, artillery ammunition)
twice: a running total and a later yearly rate, two running totals months apart, two different
figures the same week, a monthly and a yearly rate that agree.  The link stage must dispute only
the incompatible figures for one time; the rest is an evolution (told by
:func:`lagebild.link.discrepancies.evolutions`, never a dispute) or agreement.
"""

from __future__ import annotations

from typing import Any

import pytest

from lagebild.link import discrepancies as dx
from lagebild.link import export_sections, link
from lagebild.model.records import Quantity
from lagebild.store.base import Store
from tests.link.conftest import Doc, span


def _qty(d: Doc, surface: str, value: float, unit: str, per: str | None = None, tally: str | None = None) -> int:
    s, e = span(d.text, surface)
    d.quantities.append(Quantity(s, e, surface, value, unit=unit, per=per, tally=tally))
    return len(d.quantities) - 1


def _supply(d: Doc, clause: str, trigger: str, q: int, *, supplier: str, recipient: str, time: str | None,
            speaker: str | None = None, source: str | None = None, status: str = "reported") -> None:
    kp = d.ent(supplier, "GPE", key="gpe:KP", name="Nordkorea" if d.article.language == "de" else "North Korea")
    ru = d.ent(recipient, "GPE", key="gpe:RU", name="Russland" if d.article.language == "de" else "Russia")
    who = d.ent(speaker, "PER") if speaker else None
    d.event("SUPPLY", clause, trigger, {"supplier": kp, "recipient": ru, "quantity": ("quantity", q)},
            time=time, status=status, speaker=who, source=source)


def article(text: str, published: str, language: str, outlet: str, surface: str, value: float, unit: str,
            clause: str, trigger: str, *, per: str | None = None, tally: str | None = None,
            time: str | None = None, speaker: str | None = None, source: str | None = None) -> Doc:
    d = Doc(text, published=published, language=language, outlet=outlet)
    q = _qty(d, surface, value, unit, per, tally)
    de = language == "de"
    _supply(d, clause, trigger, q, supplier="Nordkorea" if de else "North Korea",
            recipient="Russland" if de else "Russia", time=time, speaker=speaker, source=source)
    return d


# --- the pairs, German and English ----------------------------------------------------------------

def total_then_rate(language: str) -> list[Doc]:
    """A running total in January, a yearly rate in May (the issue's case)."""
    if language == "de":
        return [
            article("Nordkorea hat Russland nach Angaben aus Seoul bis Ende 2023 insgesamt rund eine Million "
                    "Schuss Artilleriemunition geliefert.", "2024-01-24", "de", "Hanse Tagesblick",
                    "rund eine Million Schuss Artilleriemunition", 1e6, "Schuss Artilleriemunition",
                    "Nordkorea hat Russland nach Angaben aus Seoul bis Ende 2023 insgesamt rund eine Million Schuss "
                    "Artilleriemunition geliefert", "geliefert", tally="total", time="2023",
                    source="Angaben aus Seoul"),
            article("John Kirby sagte, Nordkorea liefere Russland inzwischen jährlich rund drei Millionen Granaten.",
                    "2024-05-14", "de", "Mainufer Rundschau", "jährlich rund drei Millionen Granaten", 3e6,
                    "Granaten", "Nordkorea liefere Russland inzwischen jährlich rund drei Millionen Granaten",
                    "liefere", per="P1Y", time="2024", speaker="John Kirby"),
        ]
    return [
        article("North Korea has so far delivered about one million artillery shells to Russia, according to "
                "Seoul.", "2024-01-24", "en", "Northgate Wire", "about one million artillery shells", 1e6,
                "artillery shells", "North Korea has so far delivered about one million artillery shells to Russia",
                "delivered", tally="total", time="2023", source="Seoul"),
        article("John Kirby said North Korea is now sending Russia about three million shells a year.",
                "2024-05-14", "en", "The Quayside Dispatch", "about three million shells a year", 3e6, "shells",
                "North Korea is now sending Russia about three million shells a year", "sending", per="P1Y",
                time="2024", speaker="John Kirby"),
    ]


def growing_totals(language: str) -> list[Doc]:
    """A running total in January, a larger one in September."""
    if language == "de":
        return [
            article("Nordkorea hat Russland bisher rund eine Million Granaten geliefert, hieß es in Seoul.",
                    "2024-01-24", "de", "Hanse Tagesblick", "rund eine Million Granaten", 1e6, "Granaten",
                    "Nordkorea hat Russland bisher rund eine Million Granaten geliefert", "geliefert",
                    tally="total", source="Seoul"),
            article("Nach südkoreanischen Schätzungen hat Nordkorea inzwischen mehr als drei Millionen Granaten an "
                    "Russland geliefert.", "2024-09-14", "de", "Mainufer Rundschau",
                    "mehr als drei Millionen Granaten", 3e6, "Granaten",
                    "hat Nordkorea inzwischen mehr als drei Millionen Granaten an Russland geliefert", "geliefert",
                    tally="total", source="südkoreanischen Schätzungen"),
        ]
    return [
        article("North Korea has so far shipped about one million shells to Russia, officials in Seoul said.",
                "2024-01-24", "en", "Northgate Wire", "about one million shells", 1e6, "shells",
                "North Korea has so far shipped about one million shells to Russia", "shipped", tally="total",
                source="officials in Seoul"),
        article("North Korea has now shipped more than three million shells in total to Russia, South Korean "
                "estimates show.", "2024-09-14", "en", "The Quayside Dispatch", "more than three million shells",
                3e6, "shells", "North Korea has now shipped more than three million shells in total to Russia",
                "shipped", tally="total", source="South Korean estimates"),
    ]


def same_week(language: str) -> list[Doc]:
    """Two figures for the deliveries until the end of 2023, reported a day apart."""
    if language == "de":
        return [
            article("Nordkorea hat Russland bis Ende 2023 rund eine Million Granaten geliefert, teilte Seoul mit.",
                    "2024-01-24", "de", "Hanse Tagesblick", "rund eine Million Granaten", 1e6, "Granaten",
                    "Nordkorea hat Russland bis Ende 2023 rund eine Million Granaten geliefert", "geliefert",
                    tally="total", time="2023", source="Seoul"),
            article("Nordkorea hat Russland bis Ende 2023 etwa 1,5 Millionen Granaten geliefert, sagte ein "
                    "europäischer Beamter.", "2024-01-25", "de", "Mainufer Rundschau", "etwa 1,5 Millionen Granaten",
                    1.5e6, "Granaten", "Nordkorea hat Russland bis Ende 2023 etwa 1,5 Millionen Granaten geliefert",
                    "geliefert", tally="total", time="2023", source="ein europäischer Beamter"),
        ]
    return [
        article("North Korea delivered about one million shells to Russia by the end of 2023, Seoul said.",
                "2024-01-24", "en", "Northgate Wire", "about one million shells", 1e6, "shells",
                "North Korea delivered about one million shells to Russia by the end of 2023", "delivered",
                tally="total", time="2023", source="Seoul"),
        article("North Korea delivered some 1.5 million shells to Russia by the end of 2023, a European official "
                "said.", "2024-01-25", "en", "The Quayside Dispatch", "some 1.5 million shells", 1.5e6, "shells",
                "North Korea delivered some 1.5 million shells to Russia by the end of 2023", "delivered",
                tally="total", time="2023", source="a European official"),
    ]


def monthly_and_yearly(language: str) -> list[Doc]:
    """200,000 a month and 2.4 million a year, the same week: one rate."""
    if language == "de":
        return [
            article("Nordkorea liefert Russland monatlich rund 200.000 Granaten, sagte ein Beamter.", "2024-03-04",
                    "de", "Hanse Tagesblick", "monatlich rund 200.000 Granaten", 2e5, "Granaten",
                    "Nordkorea liefert Russland monatlich rund 200.000 Granaten", "liefert", per="P1M",
                    source="ein Beamter"),
            article("Nordkorea liefert Russland jährlich etwa 2,4 Millionen Granaten, schätzen Fachleute.",
                    "2024-03-06", "de", "Mainufer Rundschau", "jährlich etwa 2,4 Millionen Granaten", 2.4e6,
                    "Granaten", "Nordkorea liefert Russland jährlich etwa 2,4 Millionen Granaten", "liefert",
                    per="P1Y", source="Fachleute"),
        ]
    return [
        article("North Korea sends Russia about 200,000 shells a month, an official said.", "2024-03-04", "en",
                "Northgate Wire", "about 200,000 shells a month", 2e5, "shells",
                "North Korea sends Russia about 200,000 shells a month", "sends", per="P1M", source="an official"),
        article("North Korea sends Russia some 2.4 million shells a year, analysts estimate.", "2024-03-06", "en",
                "The Quayside Dispatch", "some 2.4 million shells a year", 2.4e6, "shells",
                "North Korea sends Russia some 2.4 million shells a year", "sends", per="P1Y", source="analysts"),
    ]


def shrinking_totals(language: str) -> list[Doc]:
    """A running total of three million in March, one of one million in September: a count to date
    cannot fall."""
    if language == "de":
        return [
            article("Nordkorea hat Russland bisher drei Millionen Granaten geliefert, hieß es in Seoul.",
                    "2024-03-01", "de", "Hanse Tagesblick", "drei Millionen Granaten", 3e6, "Granaten",
                    "Nordkorea hat Russland bisher drei Millionen Granaten geliefert", "geliefert",
                    tally="total", source="Seoul"),
            article("Nordkorea hat Russland insgesamt eine Million Granaten geliefert, sagte ein Beamter in Kiew.",
                    "2024-09-14", "de", "Mainufer Rundschau", "eine Million Granaten", 1e6, "Granaten",
                    "Nordkorea hat Russland insgesamt eine Million Granaten geliefert", "geliefert",
                    tally="total", source="ein Beamter in Kiew"),
        ]
    return [
        article("North Korea has so far delivered three million shells to Russia, officials in Seoul said.",
                "2024-03-01", "en", "Northgate Wire", "three million shells", 3e6, "shells",
                "North Korea has so far delivered three million shells to Russia", "delivered", tally="total",
                source="officials in Seoul"),
        article("North Korea has delivered one million shells to Russia to date, an official in Kyiv said.",
                "2024-09-14", "en", "The Quayside Dispatch", "one million shells", 1e6, "shells",
                "North Korea has delivered one million shells to Russia to date", "delivered", tally="total",
                source="an official in Kyiv"),
    ]


def linked(store: Store, docs: list[Doc]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Link the articles; the export's link sections and the stored facts as the link stage keeps them."""
    for d in docs:
        d.save(store)
    link(store)
    rows = store.link_tables()["facts"]
    facts = [{"id": r.id, "type": r.type, "label": r.label, "time": r.time, "story_id": r.story_id,
              "first_reported": r.first_reported.isoformat() if hasattr(r.first_reported, "isoformat")
              else r.first_reported, "data": r.data} for r in rows]
    return export_sections(store), facts


def _supply_facts(ex: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in ex["facts"] if f["type"] == "SUPPLY"]


LANGUAGES = ["de", "en"]


def disputes(ex: dict[str, Any]) -> list[dict[str, Any]]:
    """The exported records that dispute facts (the link stage may also store evolutions beside them)."""
    return [d for d in ex["discrepancies"] if d["kind"] != dx.EVOLUTION]


@pytest.mark.parametrize("language", LANGUAGES)
def test_evolution_running_total_then_yearly_rate_is_no_dispute(store: Store, language: str) -> None:
    ex, facts = linked(store, total_then_rate(language))
    supply = _supply_facts(ex)
    assert len(supply) == 2  # a rate and an amount never make one fact
    assert disputes(ex) == []
    assert all(f["status"] != "disputed" for f in supply)
    found = dx.find(facts, kinds=frozenset({dx.EVOLUTION}))
    assert [d["kind"] for d in found] == ["evolution"]
    detail = found[0]["data"]["detail"]
    assert "a rate against a running total" in detail and detail.endswith("— evolution")
    assert "1,000,000" in detail and "3,000,000 a year" in detail and "by 2023" in detail
    assert all(f["data"]["origins"][0]["label"] in detail for f in facts if f["type"] == "SUPPLY")  # who said each


@pytest.mark.parametrize("language", LANGUAGES)
def test_evolution_growing_running_total_is_no_dispute(store: Store, language: str) -> None:
    ex, facts = linked(store, growing_totals(language))
    assert len(_supply_facts(ex)) == 2
    assert disputes(ex) == []
    assert all(f["status"] != "disputed" for f in _supply_facts(ex))
    found = dx.find(facts, kinds=frozenset({dx.EVOLUTION}))
    assert len(found) == 1 and "a running total that grows" in found[0]["data"]["detail"]
    assert found[0]["data"]["reasons"]["time"].endswith("days apart")


@pytest.mark.parametrize("language", LANGUAGES)
def test_evolution_two_figures_the_same_week_are_a_discrepancy(store: Store, language: str) -> None:
    ex, facts = linked(store, same_week(language))
    assert [d["kind"] for d in disputes(ex)] == ["quantity"]
    assert sorted(s["value"] for s in disputes(ex)[0]["sides"]) == [1e6, 1.5e6]
    assert "same happening at about the same time" in disputes(ex)[0]["detail"]
    assert all(f["status"] == "disputed" for f in _supply_facts(ex))
    assert dx.find(facts, kinds=frozenset({dx.EVOLUTION})) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_evolution_monthly_and_yearly_rate_that_agree_are_one_fact(store: Store, language: str) -> None:
    ex, facts = linked(store, monthly_and_yearly(language))
    assert disputes(ex) == []
    supply = _supply_facts(ex)
    assert len(supply) == 1 and len(supply[0]["events"]) == 2  # 200,000 a month ≈ 2.4 million a year
    assert supply[0]["status"] != "disputed"
    assert dx.find(facts, kinds=frozenset({dx.EVOLUTION, "quantity"})) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_evolution_running_total_that_shrinks_months_later_is_a_discrepancy(store: Store, language: str) -> None:
    ex, _ = linked(store, shrinking_totals(language))
    assert [d["kind"] for d in disputes(ex)] == ["quantity"]
    assert "a running total that shrinks" in disputes(ex)[0]["detail"]
    assert all(f["status"] == "disputed" for f in _supply_facts(ex))
