"""A small mixed German/English corpus built by hand, shared by the link tests."""

from __future__ import annotations

from tests.link.conftest import Doc


def budanov_en() -> Doc:
    d = Doc("Kyrylo Budanov, the head of Ukraine's military intelligence agency HUR, told the Financial Times "
            "that North Korea had supplied one million artillery shells to Russia. Without the shells, "
            "Budanov said, Russian troops would have struggled at the front.",
            published="2024-01-20", language="en", outlet="The Quayside Dispatch",
            title="Ukraine's spy chief says North Korean shells keep Russia's guns firing")
    per = d.ent("Kyrylo Budanov", "PER")
    d.ent("the head of Ukraine's military intelligence agency", "PER", form="role", ref=per)
    d.ent("HUR", "ORG", key="org:hur", name="HUR", form="acronym")
    d.ent("Financial Times", "ORG", key="org:ft", name="Financial Times")
    kp = d.ent("North Korea", "GPE", key="gpe:KP", name="North Korea")
    ru = d.ent("Russia", "GPE", key="gpe:RU", name="Russia")
    d.ent("Budanov", "PER", 1, name="Kyrylo Budanov", ref=per)
    q = d.qty("one million", 1_000_000, "artillery shells")
    d.event("SUPPLY", "North Korea had supplied one million artillery shells to Russia", "supplied",
            {"supplier": kp, "recipient": ru, "quantity": ("quantity", q)}, time="2023", speaker=per)
    return d


def budanow_de(outlet: str = "Rheinische Lagezeitung", edit: str = "") -> Doc:
    d = Doc("Der ukrainische Geheimdienstchef Kyrylo Budanow sagte der FT, Nordkorea habe eine Million "
            "Artilleriegranaten an Russland geliefert. Budanow nannte die Abhängigkeit von Pjöngjang eine "
            "Demütigung für Moskau. Der Kreml äußerte sich zunächst nicht zu den Angaben aus Kiew"
            + edit + ".", published="2024-01-21", language="de", outlet=outlet,
            title="Budanow: Nordkorea ist Russlands wichtigster Lieferant")
    per = d.ent("Kyrylo Budanow", "PER")
    d.ent("FT", "ORG", key="org:ft", name="Financial Times", form="acronym")
    kp = d.ent("Nordkorea", "GPE", key="gpe:KP", name="Nordkorea")
    ru = d.ent("Russland", "GPE", key="gpe:RU", name="Russland")
    d.ent("Budanow", "PER", 1, name="Kyrylo Budanow", ref=per)
    d.ent("Pjöngjang", "GPE", key="gpe:KP", name="Nordkorea", form="metonym")
    d.ent("Moskau", "GPE", key="gpe:RU", name="Russland", form="metonym")
    d.ent("Kreml", "GPE", key="gpe:RU", name="Russland", form="metonym")
    d.ent("Kiew", "GPE", key="gpe:UA", name="Ukraine", form="metonym")
    q = d.qty("eine Million", 1_000_000, "Artilleriegranaten")
    d.event("SUPPLY", "Nordkorea habe eine Million Artilleriegranaten an Russland geliefert", "geliefert",
            {"supplier": kp, "recipient": ru, "quantity": ("quantity", q)}, time="2023", speaker=per,
            status="reported")
    return d


def kcna_de() -> Doc:
    d = Doc("Wie die staatliche Nachrichtenagentur KCNA am Sonntag berichtete, will Wladimir Putin Nordkorea "
            "in naher Zukunft besuchen. Putin habe Machthaber Kim Jong-un für die Einladung gedankt.",
            published="2024-01-21", language="de", outlet="Mainufer Rundschau",
            title="Putin will nach Nordkorea reisen")
    kcna = d.ent("KCNA", "ORG", key="org:kcna", name="KCNA")
    putin = d.ent("Wladimir Putin", "PER")
    kp = d.ent("Nordkorea", "GPE", key="gpe:KP", name="Nordkorea")
    d.ent("Putin", "PER", 1, name="Wladimir Putin", ref=putin)
    d.ent("Kim Jong-un", "PER")
    d.event("VISIT", "will Wladimir Putin Nordkorea in naher Zukunft besuchen", "besuchen",
            {"visitor": putin, "destination": kp}, status="planned", speaker=kcna)
    return d


def kcna_en() -> Doc:
    d = Doc("Russian President Vladimir Putin is ready to visit North Korea soon, the state news agency KCNA "
            "said on Monday. Kim Jong Un had invited Putin during their summit in September. Kim also praised "
            "the ties between Pyongyang and Moscow.",
            published="2024-01-22", language="en", outlet="Northgate Wire",
            title="Putin ready to visit North Korea soon, KCNA says")
    putin = d.ent("Vladimir Putin", "PER")
    kp = d.ent("North Korea", "GPE", key="gpe:KP", name="North Korea")
    kcna = d.ent("KCNA", "ORG", key="org:kcna", name="KCNA")
    kim = d.ent("Kim Jong Un", "PER")
    d.ent("Putin", "PER", 1, name="Vladimir Putin", ref=putin)
    d.ent("Kim", "PER", 1)
    d.ent("Pyongyang", "GPE", key="gpe:KP", name="North Korea", form="metonym")
    d.ent("Moscow", "GPE", key="gpe:RU", name="Russia", form="metonym")
    d.event("VISIT", "Vladimir Putin is ready to visit North Korea soon", "visit",
            {"visitor": putin, "destination": kp}, status="planned", speaker=kcna)
    assert kim == 3
    return d


def seoul_de() -> Doc:
    d = Doc("Nach Erkenntnissen des südkoreanischen Geheimdienstes hat Nordkorea bis zum Jahresende 1,5 Millionen "
            "Granaten an Russland geschickt. Die Lieferungen seien über den Hafen Rajin gelaufen.",
            published="2024-01-25", language="de", outlet="Hanse Tagesblick",
            title="Pjöngjang soll 1,5 Millionen Granaten geschickt haben")
    d.ent("südkoreanischen Geheimdienstes", "ORG", key="org:nis", name="NIS")
    kp = d.ent("Nordkorea", "GPE", key="gpe:KP", name="Nordkorea")
    ru = d.ent("Russland", "GPE", key="gpe:RU", name="Russland")
    q = d.qty("1,5 Millionen", 1_500_000, "Granaten")
    d.event("SUPPLY", "hat Nordkorea bis zum Jahresende 1,5 Millionen Granaten an Russland geschickt", "geschickt",
            {"supplier": kp, "recipient": ru, "quantity": ("quantity", q)}, time="2023",
            source="Erkenntnissen des südkoreanischen Geheimdienstes", status="reported")
    return d


def football_de() -> Doc:
    d = Doc("Im Pokalfinale traf Stürmer Kim zweimal für den FC Beispielstadt. Kim wurde nach dem Abpfiff zum "
            "Spieler des Abends gewählt, der Trainer lobte die Abwehr und die vielen Zuschauer im Stadion.",
            published="2024-01-22", language="de", outlet="Sportecho", title="Kim schießt Beispielstadt zum Pokal")
    d.ent("Kim", "PER")
    d.ent("Kim", "PER", 1)
    d.ent("FC Beispielstadt", "ORG")
    return d


def corpus() -> list[Doc]:
    return [budanov_en(), budanow_de(), budanow_de("Bergland Depesche", " am Sonntag"), kcna_de(), kcna_en(),
            seoul_de(), football_de()]
