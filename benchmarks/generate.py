"""Synthetic reports in the genre's layouts, seeded and reproducible, for scale tests.

    python benchmarks/generate.py OUT_DIR [--count 10000] [--seed 1]

Dutch letters (reports and annotated agendas of foreign and defence ministers and
summits, letterhead and all) and NATO's English statements and communiqués, 5 to 40 KB
each, with headings, decision sentences, other sentences and member states named. The
sentences are this project's own.
"""

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
             "november", "december"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
CITIES_NL = ["Brussel", "Brussel", "Brussel", "Warschau", "Vilnius", "Madrid", "Riga", "Praag", "Londen", "Berlijn"]
CITIES_EN = ["Brussels", "Brussels", "Brussels", "Warsaw", "Vilnius", "Madrid", "Riga", "Prague", "London"]
BODY_NL = {"foreign_ministers": "de NAVO-ministers van Buitenlandse Zaken",
           "defence_ministers": "de NAVO-ministers van Defensie", "summit": "de NAVO-top"}
BODY_EN = {"foreign_ministers": "NATO Foreign Ministers", "defence_ministers": "NATO Defence Ministers",
           "summit": "the Heads of State and Government"}
STATES_NL = ["Nederland", "Duitsland", "Frankrijk", "Polen", "de Verenigde Staten", "Turkije", "Noorwegen", "Estland",
             "Italië", "Spanje", "Canada", "het Verenigd Koninkrijk", "Roemenië", "Litouwen"]
ADJECTIVES_NL = ["Duitse", "Franse", "Poolse", "Amerikaanse", "Turkse", "Noorse", "Britse", "Italiaanse", "Deense"]
STATES_EN = ["Germany", "France", "Poland", "the United States", "Türkiye", "Norway", "Estonia", "Italy", "Canada"]
TOPICS_NL = ["Oekraïne", "Afschrikking en verdediging", "Het Zuiden", "Terrorismebestrijding", "Lastenverdeling",
             "Cyberdreigingen", "Samenwerking met de EU", "Afghanistan", "Irak", "De Westelijke Balkan",
             "Wapenbeheersing", "Defensie-industrie", "Weerbaarheid", "Partnerschappen", "Rusland", "China"]
DECISIONS_NL = [
    "De ministers stemden in met {x}.", "Bondgenoten besloten tot {x}.", "Ministers keurden {x} goed.",
    "De ministers gaven hun goedkeuring aan {x}.", "Zij droegen de militaire autoriteiten op {x} uit te werken.",
    "Een besluit over {x} is uitgesteld.", "Bondgenoten kwamen overeen {x} te versterken.",
]
OBJECTS_NL = ["een nieuw actieplan voor de oostflank", "de versterking van de luchtverdediging",
              "een pakket steunmaatregelen voor Oekraïne", "de herziening van de commandostructuur",
              "nieuwe capaciteitsdoelen", "een gemeenschappelijk financieringsmechanisme",
              "de uitbreiding van de trainingsmissie", "een strategie voor kritieke infrastructuur"]
FILLER_NL = [
    "Ministers spraken uitgebreid over de veiligheidssituatie in het oosten van het verdragsgebied.",
    "De Secretaris-generaal gaf een toelichting op de stand van zaken.",
    "Het belang van eenheid binnen het bondgenootschap werd door vrijwel alle ministers onderstreept.",
    "{state} benadrukte het belang van nauwe samenwerking met de Europese Unie.",
    "De {adjective} minister wees op de gevolgen voor de regionale stabiliteit.",
    "Nederland pleitte voor een realistische en uitvoerbare aanpak.",
    "Verschillende bondgenoten, waaronder {state}, vroegen aandacht voor de lange termijn.",
    "De discussie richtte zich vooral op de uitvoering van eerder gemaakte afspraken.",
]
DECISIONS_EN = ["We agreed to {x}.", "Today we decided to {x}.", "We endorsed {x}.", "We tasked the Council to {x}."]
OBJECTS_EN = ["strengthen our deterrence and defence posture", "the new force model",
              "further support for Ukraine", "review our capability targets", "a new action plan on terrorism"]
FILLER_EN = ["We remain committed to the principles of the Washington Treaty.",
             "We discussed the security situation in the Euro-Atlantic area.",
             "We welcome the contributions of {state} to our collective defence.",
             "Our Alliance continues to adapt to a changing security environment."]


def _date_nl(day: date) -> str:
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"


def _sentence(rng: random.Random, pool: list[str]) -> str:
    return rng.choice(pool).format(state=rng.choice(STATES_NL), adjective=rng.choice(ADJECTIVES_NL))


def dutch_report(rng: random.Random, number: int) -> str:
    body = rng.choice(list(BODY_NL))
    start = date(2008, 1, 1) + timedelta(days=rng.randrange(6200))
    end = start + timedelta(days=rng.choice([0, 1, 1]))
    agenda = rng.random() < 0.2
    letter_date = start - timedelta(days=rng.randrange(5, 20)) if agenda else end + timedelta(days=rng.randrange(5, 25))
    city = rng.choice(CITIES_NL)
    days = f"{start.day} en {_date_nl(end)}" if end != start and end.month == start.month else _date_nl(start)
    sender = "DEFENSIE" if body == "defence_ministers" else "BUITENLANDSE ZAKEN"
    lines = [f"28 676 {'Navo' if rng.random() < 0.3 else 'NAVO'}", "",
             f"Nr. {number} BRIEF VAN DE MINISTER VAN {sender}", "",
             "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal", "", f"Den Haag, {_date_nl(letter_date)}", ""]
    if agenda:
        lines.append(f"Hierbij stuur ik u de geannoteerde agenda voor de bijeenkomst van {BODY_NL[body]}, die op "
                     f"{days} in {city} plaatsvindt.")
    else:
        lines.append(f"Hierbij bied ik u het verslag aan van de bijeenkomst van {BODY_NL[body]} die op {days} in "
                     f"{city} plaatsvond.")
    lines += ["", "De Minister van Buitenlandse Zaken,", "A.B. Voorbeeld", ""]
    target = rng.randrange(5_000, 40_000)
    topics = rng.sample(TOPICS_NL, len(TOPICS_NL))
    section = 0
    while sum(len(line) + 1 for line in lines) < target:
        lines += [f"{section + 1}. {topics[section % len(topics)]}" if rng.random() < 0.3
                  else topics[section % len(topics)], ""]
        for _ in range(rng.randrange(1, 4)):
            sentences = [_sentence(rng, FILLER_NL) for _ in range(rng.randrange(3, 8))]
            if not agenda and rng.random() < 0.6:
                sentences.insert(rng.randrange(len(sentences)),
                                 rng.choice(DECISIONS_NL).format(x=rng.choice(OBJECTS_NL)))
            lines += [" ".join(sentences), ""]
        section += 1
    return "\n".join(lines)


def english_statement(rng: random.Random, number: int) -> str:
    body = rng.choice(list(BODY_EN))
    day = date(2008, 1, 1) + timedelta(days=rng.randrange(6200))
    kind = "Final Communiqué" if rng.random() < 0.5 else "Statement"
    lines = [f"{kind} by {BODY_EN[body]}", "",
             f"  • {day.day:02d} {MONTHS_EN[day.month - 1][:3]}. {day.year} -",
             f"  • Press Release ({day.year}) {number % 200:03d}",
             f"  • Issued on {day.day:02d} {MONTHS_EN[day.month - 1][:3]}. {day.year}", ""]
    lines.append(f"  1. We, {BODY_EN[body]}, met today in {rng.choice(CITIES_EN)}.")
    target = rng.randrange(5_000, 40_000)
    paragraph = 2
    while sum(len(line) + 1 for line in lines) < target:
        sentences = [rng.choice(FILLER_EN).format(state=rng.choice(STATES_EN)) for _ in range(rng.randrange(3, 7))]
        if rng.random() < 0.5:
            sentences.append(rng.choice(DECISIONS_EN).format(x=rng.choice(OBJECTS_EN)))
        lines.append(f"  {paragraph}. " + "  ".join(sentences))
        paragraph += 1
    return "\n".join(lines)


def generate(out: Path, count: int, seed: int) -> list[Path]:
    """Write `count` reports into `out`; the same seed gives the same files."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        english = rng.random() < 0.25
        text = english_statement(rng, i) if english else dutch_report(rng, 1000 + i)
        path = out / f"{'en' if english else 'nl'}-{seed}-{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = generate(args.out, args.count, args.seed)
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} reports, {total / 1e6:.1f} MB, in {args.out}")


if __name__ == "__main__":
    main()
