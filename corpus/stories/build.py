"""Write the derStandard story gold (``derstandard/{dev,test}.jsonl``) from the table below.

    python corpus/stories/build.py [--data ../shared/data]

The table is the annotation: which articles of 10kGNAD's ``test.csv.xz`` (by record number,
0-based) were read as one developing story, with a short description in our own words, and which
were read as stories of their own.  The script only adds each article's SHA-1 and category from
the data folder and splits by story (stratified by size, seeded), so the files can be rebuilt and
checked.  No article text is written.  See README.md for how the articles were drawn and read.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from lagebild.eval.stories import read_10kgnad, text_sha1

HERE = Path(__file__).resolve().parent
SEED = 17

#: label -> (description, record numbers)
STORIES: dict[str, tuple[str, list[int]]] = {
    "bp-wahl-2016": ("Austrian presidential election 2016: candidacies, campaign, fairness pact, polls, "
                     "first round and run-off", [74, 105, 113, 117, 363, 365, 367, 412, 467, 526, 545, 557, 590,
                                                 733, 749, 867, 899]),
    "paris-anschlaege-2015": ("The Paris attacks of 13 November 2015 and their aftermath: identified attackers, "
                              "bans, arrests, the Bataclan", [290, 361, 554, 936]),
    "bruessel-anschlaege-2016": ("The Brussels attacks of March 2016: arrests and the investigation", [551, 983]),
    "griechenland-referendum-hilfspaket-2015": ("Greek debt crisis, summer 2015: referendum, Grexit talk, third "
                                                "bailout negotiations", [199, 208, 210, 264, 296, 804]),
    "tuerkei-pkk-offensive": ("Turkish military operations against the PKK in the south-east, 2015-16: "
                              "curfews, attacks, civilian victims", [167, 374, 421, 650]),
    "tuerkei-wahlen-2015": ("Turkey's 2015 elections: coalition soundings after June, interim cabinet, "
                            "pressure on media before and after the November vote", [14, 366, 509, 611]),
    "brexit-referendum": ("The UK's EU membership: Cameron's renegotiation and the run-up to the June 2016 "
                          "referendum", [169, 206, 243, 260, 428, 669]),
    "obama-kuba": ("US-Cuban rapprochement and Obama's visit to Havana, March 2016", [431, 811]),
    "us-wahl-2016": ("US presidential race 2016: candidates and primaries", [183, 203, 451, 879, 943]),
    "koeln-silvesternacht": ("The New Year's Eve assaults in Cologne 2015/16: police reports, suspects, debate",
                             [212, 238, 818]),
    "panama-papers": ("The Panama Papers revelations, April 2016, and their consequences", [696, 833, 872]),
    "zielpunkt-pleite": ("Insolvency of the Zielpunkt supermarket chain and its suppliers, late 2015", [118, 498]),
    "bank-austria-pensionstransfer": ("Bank Austria moving its staff into the state pension system", [419, 919]),
    "wien-wahl-2015": ("Vienna city election, October 2015: lists, campaign, recount", [97, 232, 505, 883]),
    "ooe-wahl-2015": ("Upper Austria state election 2015: campaign, result, ÖVP-FPÖ coalition", [233, 262, 413, 962]),
    "steiermark-regierungswechsel-2015": ("Styria 2015: Schützenhofer succeeds Voves as governor",
                                          [200, 865]),
    "hypo-u-ausschuss": ("The Austrian parliament's Hypo Alpe Adria inquiry committee", [214, 221]),
    "spielfeld-herbst-2015": ("Daily refugee arrivals at the Slovenian-Austrian border at Spielfeld, "
                              "autumn 2015", [81, 607, 1010]),
    "unterbringungskrise-2015": ("Austria's refugee accommodation crisis, summer 2015: Traiskirchen overcrowded, "
                                 "tents, the failed asylum summit, places in Slovakia", [430, 483, 568, 725]),
    "balkanroute-schliessung-2016": ("Closing the Balkan route, February-March 2016: Austria's daily caps, "
                                     "border management, neighbours' closures, the EU-Turkey deal",
                                     [54, 190, 228, 266, 604, 859, 960, 990]),
    "idomeni": ("The camp at Idomeni on the Greek-Macedonian border, March-May 2016: fence, blockades, "
                "clearance", [378, 510, 764, 1017]),
    "israel-messerangriffe": ("The wave of Palestinian knife attacks in Israel and the West Bank, 2015-16",
                              [182, 439, 564]),
    "oscars-2016": ("The 2016 Academy Awards: nominations and winners", [327, 382]),
    "pluto-new-horizons": ("New Horizons' Pluto fly-by and its images, 2015", [153, 863]),
    "philae-lander": ("The Philae comet lander: renewed contact in 2015 and last attempts", [45, 356]),
    "wels-sozialleistungen": ("Wels' new FPÖ mayor plans to cut benefits for non-EU foreigners", [127, 603]),
    "cl-achtelfinale-psg-chelsea-2016": ("Champions League round of 16, 2016: PSG-Chelsea and Benfica-Zenit, "
                                         "both legs", [1, 352]),
}

#: read on purpose: near one of the stories above in topic or actors, but a story of its own
NEAR_SINGLETONS = [369, 588, 657, 30, 166, 173, 209, 506, 406, 795, 844, 291, 856, 802, 129, 362, 386, 194,
                   401, 923, 156, 116, 305, 21]
#: drawn at random (seed 17) from the articles not looked at before, then read: each a story of its own
RANDOM_SINGLETONS = [6, 23, 35, 63, 64, 72, 77, 85, 101, 139, 146, 154, 176, 179, 181, 195, 230, 259, 279, 282,
                     313, 324, 329, 357, 377, 394, 402, 415, 432, 438, 460, 465, 473, 481, 493, 516, 520, 523,
                     524, 531, 537, 553, 608, 612, 639, 644, 645, 663, 668, 675, 683, 684, 695, 702, 704, 717,
                     747, 792, 793, 820, 845, 848, 850, 877, 878, 891, 901, 916, 927, 933, 949, 959, 980, 995,
                     1000, 1005, 1006, 1008]


def split_of() -> dict[str, str]:
    """Story -> split: stories ordered by size, each consecutive pair split one each way (seeded)."""
    sizes = {label: len(ids) for label, (_, ids) in STORIES.items()}
    sizes.update({f"gnad-{i:04d}": 1 for i in NEAR_SINGLETONS + RANDOM_SINGLETONS})
    order = sorted(sizes, key=lambda s: (-sizes[s], s))
    rng = random.Random(SEED)
    out: dict[str, str] = {}
    for k in range(0, len(order), 2):
        pair = order[k:k + 2]
        names = ["dev", "test"]
        rng.shuffle(names)
        for story, name in zip(pair, names):
            out[story] = name
    return out


#: Wikinews (SpkAtt-2023 task 2 train + trial): document numbers read as one developing story, made
#: from titles and dates (the labels of ``benchmarks/link_stories_eval.py`` before it moved here);
#: every other article is a story of its own.  Split: even numbers "tune", odd "heldout".
WIKINEWS_STORIES = {
    "papst-golf": [5114, 5178],
    "discovery-sts114": [7537, 8562, 9679, 9996],
    "bundestagswahl-2005": [12491, 12667],
    "vogelgrippe-2005": [14002, 14955],
    "eissporthalle-bad-reichenhall": [18890, 21224],
    "klien-koerperverletzung": [22510, 24558],
    "graf-zeppelin-wrack": [30456, 30570],
    "aethiopien-ueberschwemmungen": [30965, 31627],
    "lokfuehrerstreik-2007": [43924, 45701],
    "myanmar-nargis": [50164, 50226],
    "tesla-europa-2008": [50858, 50935],
    "us-wahl-2008": [50736, 51123, 52330],
    "demjanjuk-auslieferung": [56965, 58108],
    "iran-opposition-2009": [60160, 60764],
    "libyen-un-sicherheitsrat": [66568, 67014],
    "fukushima": [67057, 67374],
    "timoschenko-prozess": [69852, 70915],
    "hongkong-proteste-2014": [77468, 77549],
    "syrien-ostern-2017": [80888, 80961],
    "handball-em-2020": [83753, 83783],
}


def build_wikinews(data: Path) -> None:
    from lagebild.eval.stories import _wikinews_files, read_wikinews

    label_of = {n: story for story, ns in WIKINEWS_STORIES.items() for n in ns}
    rows: dict[str, list[str]] = {"tune": [], "heldout": []}
    for number in sorted(_wikinews_files(data), key=int):
        text, _, _ = read_wikinews(data, number)
        rows["tune" if int(number) % 2 == 0 else "heldout"].append(json.dumps({
            "id": f"wikinews:{number}", "source": {"dataset": "spkatt2023-task2-news", "file": "train+trial",
                                                  "key": number},
            "sha1": text_sha1(text), "story": label_of.get(int(number), f"wikinews:{number}")}))
    (HERE / "wikinews").mkdir(exist_ok=True)
    for name, lines in rows.items():
        (HERE / "wikinews" / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print("wikinews", name, len(lines), "articles")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=HERE.parents[2] / "shared" / "data")
    args = ap.parse_args()
    build_wikinews(args.data)
    articles = read_10kgnad(args.data)
    label_of: dict[int, tuple[str, str | None]] = {}
    for label, (about, ids) in STORIES.items():
        for i in ids:
            assert i not in label_of, f"record {i} in two stories"
            label_of[i] = (label, about)
    for i in NEAR_SINGLETONS + RANDOM_SINGLETONS:
        assert i not in label_of, f"record {i} both in a story and alone"
        label_of[i] = (f"gnad-{i:04d}", None)
    splits = split_of()
    rows: dict[str, list[str]] = {"dev": [], "test": []}
    for i in sorted(label_of):
        label, about = label_of[i]
        category, text = articles[i]
        rows[splits[label]].append(json.dumps({
            "id": f"gnad-{i:04d}", "source": {"dataset": "10kgnad", "file": "test.csv.xz", "key": str(i)},
            "sha1": text_sha1(text), "category": category, "story": label, "about": about},
            ensure_ascii=False))
    (HERE / "derstandard").mkdir(exist_ok=True)
    for name, lines in rows.items():
        (HERE / "derstandard" / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(name, len(lines), "articles", len({json.loads(x)["story"] for x in lines}), "stories")


if __name__ == "__main__":
    main()
