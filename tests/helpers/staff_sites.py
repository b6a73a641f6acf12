"""Fixture company sites with 3 to 60 staff, for finding a person by name (issue 19).

Each site has a home page, a team page of cards (most link to a page of the person's own,
some people have none), an about page naming the leaders, and a sitemap. Planted in every
site: two people who share a family name, a person whose page only the sitemap lists, and
names with accents. :func:`queries` gives the names to ask (full names, nicknames, initials,
names typed without accents) with the page that should come first, and names that are not
there (a family name of the site with another given name among them).
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

FIRST = ["Samuel", "William", "Robert", "Elizabeth", "Katherine", "Alexander", "Thomas",
         "Jennifer", "Michael", "Christopher", "Daniel", "Rebecca", "Jonathan", "Margaret",
         "Amara", "Chidi", "Yuki", "Priya", "Mateo", "Zoë", "José", "Björn", "Søren", "Aoife",
         "Ingrid", "Farah", "Kwame", "Lucía", "Hannah", "Oskar", "Nadia", "Ravi", "Leilani",
         "Tobias", "Esther", "Marco", "Ana", "Idris", "Mei", "Tariq"]
LAST = ["Okafor", "Nwosu", "Tanaka", "Sharma", "García", "Núñez", "Müller", "Kowalski",
        "Hughes", "Patel", "Lindqvist", "Haddad", "O'Brien", "Mensah", "Fischer", "Rossi",
        "Dubois", "Novak", "Abara", "Kim", "Walsh", "Costa", "Bianchi", "Larsen", "Ito",
        "Mwangi", "Silva", "Moreau", "Horvat", "Quinn", "Adeyemi", "Berg", "Chen", "Duarte",
        "Eze", "Farouk", "Grant", "Holm", "Iyer", "Jovanovic", "Keller", "Lopez", "Marsh",
        "Nakamura", "Osei", "Pereira", "Reyes", "Sato", "Tran", "Vidal", "Weber", "Yilmaz",
        "Zimmer", "Baptiste", "Conti", "Dalton", "Ekwueme", "Fontaine", "Gallo", "Hart"]
NICK = {"Samuel": "Sam", "William": "Bill", "Robert": "Bob", "Elizabeth": "Liz",
        "Katherine": "Kate", "Alexander": "Alex", "Thomas": "Tom", "Jennifer": "Jen",
        "Michael": "Mike", "Christopher": "Chris", "Daniel": "Dan", "Rebecca": "Becky",
        "Jonathan": "Jon", "Margaret": "Maggie"}
TITLES = ["Chief Executive Officer", "Head of Research", "Software Engineer", "Product Manager",
          "UX Designer", "Data Scientist", "Head of Sales", "Clinical Lead", "Office Manager",
          "Finance Director", "Marketing Lead", "Customer Success Manager", "QA Engineer"]


@dataclass
class Person:
    name: str
    title: str
    page: str | None          # the path of their own page, or None (listed on the team page only)
    in_sitemap_only: bool = False


@dataclass
class StaffSite:
    root: Path
    people: list[Person] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.replace("'", "").replace("ø", "o"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z]+", "-", plain).strip("-")


def _html(title: str, body: str) -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><header><nav><a href='/'>Home</a> <a href='/about.html'>About us</a> "
            f"<a href='/team.html'>Our team</a> <a href='/contact.html'>Contact</a></nav></header>"
            f"<main>{body}</main><footer>&copy; Fixture Ltd</footer></body></html>")


def build_site(root: Path, staff: int, seed: int) -> StaffSite:
    """Write a site with ``staff`` people (at least 3) into ``root``."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    surnames = rng.sample(LAST, min(staff, len(FIRST)))   # leaves 20 for double-barrelled ones
    firsts = rng.sample(FIRST, min(staff, len(FIRST)))
    names = [f"{firsts[i]} {surnames[i]}" for i in range(min(staff, len(firsts)))]
    spare = [s for s in LAST if s not in surnames]
    while len(names) < staff:   # past 40 people: double-barrelled names from unused surnames
        a, b = rng.sample(spare, 2)
        names.append(f"{rng.choice(FIRST)} {a}-{b}")
    # two people who share a family name, with given names that are not nicknames of each other
    names[1] = f"Grace {names[0].split()[-1]}"
    names = list(dict.fromkeys(names))
    style = rng.choice(["team/{slug}.html", "people/{slug}/", "about/team/{slug}.html"])
    site = StaffSite(root)
    for i, name in enumerate(names):
        has_page = i == 0 or rng.random() < 0.75
        page = "/" + style.format(slug=_slug(name)) if has_page else None
        site.people.append(Person(name, TITLES[i % len(TITLES)], page))
    hidden = site.people[-1]                    # listed only in the sitemap
    hidden.page = "/" + style.format(slug=_slug(hidden.name))
    hidden.in_sitemap_only = True
    cards = []
    for person in site.people:
        if person.in_sitemap_only:
            continue
        heading = f"<a href='{person.page}'>{person.name}</a>" if person.page else person.name
        cards.append(f"<div class='team-card'><h3>{heading}</h3><p class='role'>{person.title}</p></div>")
    (root / "team.html").write_text(_html("Our team", "<h1>Our team</h1>" + "".join(cards)), "utf-8")
    leader = site.people[0]
    (root / "about.html").write_text(_html("About us", f"<h1>About us</h1><p>We make tools for "
                                     f"clinics. Our chief executive is {leader.name}.</p>"), "utf-8")
    (root / "contact.html").write_text(_html("Contact", "<h1>Contact</h1><p>Write to us.</p>"), "utf-8")
    (root / "index.html").write_text(_html("Fixture Ltd", "<h1>Fixture Ltd</h1><p>Software for "
                                     "clinics.</p>"), "utf-8")
    for person in site.people:
        if not person.page:
            continue
        path = root / person.page.lstrip("/")
        if person.page.endswith("/"):
            path = path / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_html(person.name, f"<article><h1>{person.name}</h1><p class='role'>"
                              f"{person.title}</p><p>{person.name.split()[0]} joined us after "
                              "years in the field.</p></article>"), "utf-8")
    urls = ["/", "/about.html", "/team.html", "/contact.html"] + [p.page for p in site.people if p.page]
    (root / "sitemap.xml").write_text(
        "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        + "".join(f"<url><loc>{u}</loc></url>" for u in urls) + "</urlset>", "utf-8")
    taken = {p.name.split()[-1] for p in site.people}
    site.absent = [f"Priscilla {leader.name.split()[-1]}",           # a family name that is there
                   f"Ulrich {rng.choice([s for s in LAST if s not in taken] or ['Nobody'])}"]
    return site


def queries(site: StaffSite) -> list[tuple[str, str]]:
    """(name asked, path expected first) for every person, in several spellings."""
    out = []
    for person in site.people:
        expected = person.page or "/team.html"
        first, *rest = person.name.split()
        last = rest[-1]
        out.append((person.name, expected))
        if first in NICK:
            out.append((f"{NICK[first]} {last}", expected))
        plain = unicodedata.normalize("NFKD", person.name)
        plain = "".join(c for c in plain if not unicodedata.combining(c))
        if plain != person.name:
            out.append((plain, expected))
        if person.page:   # an initial alone is too weak for a card on a shared page
            out.append((f"{first[0]}. {last}", expected))
    return out
