"""Whose site is this? The company's name from a page's title, checked against the page itself.

A ``<title>`` mixes the page's name, the company's name and a slogan in any order ("About
Us | Larchmere Accounts", "» We design and build happiness | Award winning design build").
Each part of it is a candidate, and so is the holder of the copyright line ("© 2014 Stearns
Design-Build, Inc."); they are weighed by what else on the page vouches for them:

- the site's host spells it (``tallyline.example`` → "Tally Line"): settles it;
- the copyright line or a logo's text names it;
- the page repeats it (a company's name recurs in its header, prose and footer; a page's
  own name or a slogan rarely does).

Parts that are a page's name ("Contact Us", "Executive Team"), that speak to the reader
("What Our Customers Say"), or that run to seven words or more never count. General rules
only: nothing here names a site.
"""

from __future__ import annotations

import re
from typing import Any

from infoview.research.extract.page import ParsedPage, clean
from infoview.research.urls import host_of
from infoview.text import words

#: A title's separators: a bar, a dash, a bullet or an arrow with space on a side, a colon.
_SPLIT = re.compile(r"\s[|–—:·•»«-]\s|\s[|–—·•»«]|[|–—·•»«]\s|:\s")
_GENERIC = re.compile(
    r"^(home|homepage|home page|welcome|index|main|start|official (web)?site)$", re.I)
#: Words a page's own name is made of ("Attorneys & Staff", "Latest News", "Contact Us").
_PAGE_WORDS = frozenset("""
    about us our contact the team staff people leadership management executive executives
    board directors founders attorneys lawyers partners associates doctors dentists
    physicians providers news latest press blog events careers jobs vacancies join services
    service products product solutions pricing prices faq faqs help support resources
    testimonials reviews gallery portfolio locations location directions hours practice
    areas overview history mission values mission values sitemap privacy policy terms
    login account search home page welcome meet info information and & of in for a
    """.split())
#: A part that speaks to or for someone is a slogan, not a name.
_SPEAKS = re.compile(r"\b(we|we're|our|us|you|your|you're|i|my)\b", re.I)
#: The title a bare file server gives its listing of a folder ("Directory listing for /",
#: "Index of /docs"): the server's words, not the name of whoever runs the site.
_LISTING = re.compile(r"^(directory listing for|index of)\s*/", re.I)
_LEAD = re.compile(r"^(welcome to|about|contact|meet)\s+", re.I)
_TRAIL = re.compile(r"\s+official (web)?site$", re.I)
_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b", re.I)
_YEARS = re.compile(r"\b(19|20)\d{2}((19|20)\d{2})?\b(\s*[-–]\s*(19|20)?\d{2,4})?")
_NOT_HOLDER = re.compile(r"\b(google|powered|designed|design by|developed|hosted|theme|"
                         r"wordpress|website by|site by|all rights|web ?site|template)\b", re.I)
_LEGAL = re.compile(r"[,\s]+(inc|llc|ltd|limited|corp|corporation|co|plc|gmbh|pllc|llp|lp)\b\.?"
                    r"(?=[\s,.]|$)", re.I)
_MAX_WORDS = 6


def brand_key(text: str) -> str:
    """A brand name for comparison: :func:`~infoview.text.words`, with ``&`` as "and" and
    a legal suffix dropped wherever it stands ("Smith & Co, Inc." is "smith and co")."""
    return words(_LEGAL.sub(" ", text or "").replace("&", " and "))


def site_label(url: str) -> str:
    """The distinctive label of a URL's host: ``"aura"`` for ``www.aura.com``, ``"bbc"`` for
    ``www.bbc.co.uk`` (the label before the public suffix, approximately)."""
    labels = host_of(url).split(".")
    if len(labels) < 2 or labels[-1].isdigit():  # an IP address names no brand
        return ""
    labels = labels[:-1]
    if len(labels) > 1 and labels[-1] in ("co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc"):
        labels = labels[:-1]
    return labels[-1].replace("-", "")


def words_spelling(text: str, label: str) -> str | None:
    """One to three consecutive words of ``text`` that spell ``label`` ("UI Bakery" → uibakery)."""
    if len(label) < 4:
        return None
    words = re.findall(r"[\w&'’.-]+", text)
    for size in (1, 2, 3):
        for i in range(len(words) - size + 1):
            run = words[i:i + size]
            if re.sub(r"[^a-z0-9]", "", "".join(run).lower()) == label:
                return " ".join(run)
    return None


def title_parts(title: str) -> list[str]:
    """The parts of a title that could be a name (page names, slogans and long parts out)."""
    parts = []
    for raw in _SPLIT.split(title or ""):
        part = _once(_TRAIL.sub("", _LEAD.sub("", clean(raw))).strip(" ,.;"))
        if part and _could_be_name(part):
            parts.append(part)
    # a one-word part that recurs inside a longer part is the page's topic ("Braces -
    # Ace Braces Orthodontics"), not a name of its own
    return [p for p in parts if len(p.split()) > 1 or sum(
        p != other and f" {brand_key(p)} " in f" {brand_key(other)} " for other in parts) < 2]


def _could_be_name(text: str) -> bool:
    words = text.split()
    if not words or len(words) > _MAX_WORDS or _GENERIC.match(text) or _SPEAKS.search(text):
        return False
    if _LISTING.match(text):
        return False
    if not (text[0].isalnum() or text[0] in "'\"“"):
        return False
    if "://" in text or (len(words) >= 3 and text.isupper()):   # an address; a headline
        return False
    return not all(w.lower().strip(",.:!?") in _PAGE_WORDS for w in words)


def _once(name: str) -> str:
    """A name said twice in a row once ("Oatey Oatey" → "Oatey")."""
    words = name.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        return " ".join(words[:half])
    return name


def copyright_holder(page: ParsedPage) -> str | None:
    """Who the page's copyright line names ("© 2014 Bunchball Inc." → "Bunchball Inc."),
    unless it credits a map, a theme or a web designer."""
    for line in reversed(page.lines):   # the line is in the footer: read from the end
        if len(line) > 300 or not _COPYRIGHT.search(line):
            continue
        pieces = re.split(r"\s[|•·]\s|\s-\s|\.\s", line)
        for index, piece in enumerate(pieces):
            if not _COPYRIGHT.search(piece):
                continue
            holder = _YEARS.sub(" ", _COPYRIGHT.sub(" ", piece))
            if not re.search(r"\w", holder) and index:   # "Acme Inc. Copyright © 2013"
                holder = pieces[index - 1]
            holder = re.split(r",\s+(?!(?:inc|llc|ltd|corp)\b)|\ball rights\b", holder,
                              flags=re.I)[0]
            holder = re.sub(r"^\W*(by\s+)?", "", clean(holder)).strip(" ,.;:-")
            first = re.escape(holder.split()[0].strip(",.")) if holder else ""
            credited = re.search(rf"\b(powered|hosted|designed|developed|built|made)\s+by\s+"
                                 rf"{first}", line, re.I)   # "Powered by X. © X"
            if holder and not credited and not _NOT_HOLDER.search(holder) \
                    and _could_be_name(holder):
                return holder
    return None


def logo_names(page: ParsedPage) -> list[str]:
    """The text of the page's logo images (``alt`` of an image whose class, id, file or alt
    says "logo"), the word "logo" taken out."""
    if page.tree is None:
        return []
    names = []
    for img in page.tree.iter("img"):
        alt = clean(img.get("alt"))
        marks = f"{img.get('class', '')} {img.get('id', '')} {img.get('src', '')} {alt}"
        if alt and re.search(r"logo", marks, re.I):
            alt = clean(re.sub(r"\blogo\b", " ", alt, flags=re.I)).strip(" -|,")
            if alt and len(alt.split()) <= 8:
                names.append(alt)
        if len(names) >= 3:
            break
    return names


def _spelled_by_host(part: str, page: ParsedPage) -> str | None:
    """The part if the site's host spells it or carries its distinctive label."""
    host = host_of(page.url).replace("-", "")
    label = site_label(page.url)
    squashed = re.sub(r"[^a-z0-9]", "", part.lower())
    if (len(squashed) > 3 and squashed in host) or (len(label) > 2 and label in squashed):
        return part
    return None


def best_name(page: ParsedPage, candidates: list[str], *, holder: Any = None) -> str | None:
    """The candidate the page vouches for most (see the module's rules); ``None`` if none."""
    holder = copyright_holder(page) if holder is None else holder
    logos = [brand_key(name) for name in logo_names(page)]
    text = brand_key(page.flat_text)
    scored: list[tuple[float, int, str]] = []
    pool = list(dict.fromkeys(candidates + ([holder] if holder else [])))
    for index, name in enumerate(pool):
        spelled = _spelled_by_host(name, page)
        if spelled:
            return spelled
        key = brand_key(name)
        if not key:
            continue
        score = 2.0 * min(10, f" {text} ".count(f" {key} "))
        if holder and key == brand_key(holder):
            score += 8 if name == holder and index >= len(candidates) else 40
        if any(key == logo or f" {logo} " in f" {key} " for logo in logos):
            score += 20
        elif any(f" {key} " in f" {logo} " for logo in logos):
            score += 10
        scored.append((score, -index, name))
    if not scored:
        return None
    score, _, name = max(scored)
    if score <= 0 and len(pool) > 1:
        return None   # nothing on the page vouches for any of them
    if not holder or brand_key(name) == brand_key(holder):
        return name
    if brand_key(name).replace(" ", "") == brand_key(holder).replace(" ", ""):
        return holder   # "floridahospital" in the title, "Florida Hospital" in the footer
    fuller = f" {brand_key(name)} " in f" {brand_key(holder)} " and len(holder.split()) <= 5
    return holder if fuller else name   # "About Abacus", "© Abacus Solutions, LLC"


def brand_of(name: str | None, page: ParsedPage) -> str | None:
    """A metadata name without a slogan glued on ("Postman: The World's Leading API
    Platform" → "Postman"); ``None`` for a name that is an address."""
    if not name or "://" in name:
        return None
    parts = [clean(p) for p in _SPLIT.split(name) if clean(p)]
    if len(parts) < 2:
        return name
    for part in parts:
        spelled = _spelled_by_host(part, page)
        if spelled:
            return spelled
    return parts[0] if _could_be_name(parts[0]) else name


def name_from_title(page: ParsedPage) -> str | None:
    """A site name from ``<title>``, the copyright line and the logo (see the module's rules).

    The part of the title that the host spells wins (a service page's heading names the
    service, "Dental Care", not the company); then the words of a longer title that spell
    the host ("... with LeverX"); otherwise the candidate the page vouches for most, the
    copyright holder among them (a main heading that repeats a part counts as one mention:
    on a service page it names the service, not the company).
    """
    parts = title_parts(page.title)
    for part in parts:
        spelled = _spelled_by_host(part, page)
        if spelled:
            return spelled
    spelled = words_spelling(page.title, site_label(page.url))
    if spelled:
        return spelled
    return best_name(page, parts)
