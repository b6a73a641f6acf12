"""People named on a company's pages, with their titles.

Four shapes are read: structured data (schema.org Person, an Organization's employees and
founders), team cards (a name followed by a title), tables with name and role columns, and
definition lists (``<dt>`` name, ``<dd>`` title). A name must look like a person's name
(two to five capitalised words, accents welcome) so that headings such as "Our values"
are not mistaken for people.
"""

from __future__ import annotations

import re
from typing import Any

from infoview.research.extract.metadata import ORG_TYPES, items_of_type, value
from infoview.research.extract.page import ParsedPage, clean, in_chrome, lines_of, text_of
from infoview.research.extract.people_candidates import (
    Candidate,
    PageContext,
    Span,
    _alone,
    describe,
    line_shape,
    name_spans,
)
from infoview.research.extract.people_lines import (
    Line,
    find_people,
    known_given_name,
    page_lines,
    place_after,
)
from infoview.research.extract.people_model import PersonModel, shipped_model
from infoview.research.extract.vocab import TITLE_WORDS
from infoview.research.models import PersonMention
from infoview.text import words

_STAFF_KEYS = ("employee", "employees", "founder", "founders", "member", "members")
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "del", "la", "le", "al", "bin", "ibn",
              "ter"}
#: Words of headings and buttons that are never part of a person's name.
_NOT_NAMES = re.compile(
    r"\b(team|our|the|news|contact|about|careers|values|mission|meet|us|with|more|read|"
    r"leadership|people|board|services?|products?|company|privacy|policy|cookies|directors|"
    r"management|press|media|investors|home|welcome|ltd|limited|inc|gmbh|llc|plc|"
    r"marketing|sales|operations|finance|solutions|customers?|clients?|stories|studies|case|"
    r"details|questions|frequently|steps|requirements|search|copy|development|writing|expert|"
    r"portal|analytics|insights|features|pricing|plans?|resources|support|blog|login|started|"
    r"demo|courses?|programs?|paths?|status|paid|content|email|web|data|cloud|software|platform|"
    r"online|tutoring|lessons?|classes|"
    r"existing|free|get|why|how|what|who|when|where|faq|terms|partners|testimonials|reviews|"
    r"success|overview|benefits|industries|enterprise|security|integrations|docs|community|"
    r"events|webinars?|learn|training|certificate|enrollment|attend|sequences|descriptions|"
    r"this|that|these|those|your|report|purchase|buy|become|join|subscribe|download)\b",
    re.I,
)
#: Blocks that quote customers: the people in them work elsewhere, not at the company.
_QUOTES = re.compile(r"(\btesti|testimonial|\breview|\bquote|customer-?stor|client-?stor|"
                     r"success-?stor|case-?stud|\bendorse)", re.I)
#: Link labels a card puts after the title on the same line ("Lead Engineer Email").
_LINK_LABEL = re.compile(r"(\s+(e-?mail|linkedin|twitter|bio|profile|contact|view (full )?"
                         r"(profile|bio)|read (more|bio)))+$", re.I)
#: A "title" ending in one of these describes a product ("AI developer tool").
_PRODUCT_END = re.compile(r"\b(tool|tools|app|apps|plugin|extension|add-on)$", re.I)
_NAME_TITLE_SPLIT = re.compile(r"\s+[–—|-]\s+|,\s+")
_NAME_CHARS = re.compile(r"^[^\W\d_][\w.'’\-]*$")


def looks_like_name(text: str) -> bool:
    """Whether ``text`` reads like a person's name ("Samira Okafor", "José da Silva")."""
    words = clean(text).split()
    if (not 2 <= len(words) <= 5 or len(text) > 60 or _NOT_NAMES.search(text)
            or any(ch.isdigit() for ch in text)):
        return False
    if TITLE_WORDS.search(text):  # "Senior UX Researcher" is capitalised too
        return False
    capitalised = 0
    for word in words:
        if not _NAME_CHARS.match(word):
            return False
        if word[0].isupper():
            capitalised += 1
        elif word.lower() not in _PARTICLES:
            return False
    return capitalised >= 2


#: A degree or certification after a name ("PhD", "Ed.D", "MBA", "PMP", "LCSW-C").
_CREDENTIAL = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z.\-]{2,8}$")


def strip_credentials(text: str) -> str:
    """A name without the degrees after it: "Paul Morris, MPA, PMP" -> "Paul Morris".

    Only a tail of credentials goes: "Jane Doe, CEO" keeps its title for the caller to split.
    """
    parts = [p.strip() for p in clean(text).split(",")]
    tail = parts[1:]
    if tail and all(_CREDENTIAL.match(p) and sum(c.isupper() for c in p) >= sum(c.islower() for c in p)
                    and not TITLE_WORDS.search(p) for p in tail):
        return parts[0]
    return clean(text)


def looks_like_title(text: str) -> bool:
    """Whether ``text`` reads like a job title ("Senior UX Researcher", "Chief Executive")."""
    text = clean(text)
    # "7 hours saved per team member" is a claim: titles start with a word and stay short
    return (2 <= len(text) <= 90 and bool(TITLE_WORDS.search(text)) and not text.endswith(".")
            and not text[0].isdigit() and len(text.split()) <= 12 and not _PRODUCT_END.search(text))


def extract_people(page: ParsedPage, *, everyone: bool = False,
                   model: PersonModel | None | str = "shipped") -> list[PersonMention]:
    """People with titles named on ``page``, structured data first, each name once.

    Structured data, team cards, tables and definition lists come first; then the page's
    lines of text (:mod:`people_lines`: "Name, Title" lines, a name over its title, titles
    in bios and section headings). Every other run of capitalised words on the page is
    then weighed by the shipped model (:mod:`people_model`), which adds those that read like
    a person's name; ``model=None`` lists what the rules found and nothing else.
    By default only the company's own people (``staff``) are listed; ``everyone`` adds the
    authors of testimonials and reviews (``quoted``) and other people the text names
    (``named``), each flagged by ``kind``.
    """
    chosen = shipped_model() if model == "shipped" else model
    assert not isinstance(chosen, str)
    people = choose(people_candidates(page), page.url, chosen)
    return [p for p in people if everyone or p.kind == "staff"]


def people_candidates(page: ParsedPage) -> list[Candidate]:
    """Everyone the finders propose on ``page`` and every other name-shaped run of words,
    one :class:`Candidate` per folded name; the runs no finder took carry their features."""
    found: list[tuple[PersonMention, str, int, bool]] = [(p, "meta", -1, False)
                                                         for p in _from_metadata(page)]
    lines: list[Line] = []
    lower_words: set[str] = set()
    if page.tree is not None:
        lower_words = set(_LOWER_WORD.findall(page.flat_text))
        lines = page_lines(page)
        found += [(p, "table", -1, False) for p in _from_tables(page)]
        found += [(p, "dl", -1, False) for p in _from_definition_lists(page)]
        found += [(p, "card", -1, False) for p in _from_cards(page)]
        found += [(PersonMention(p.name, p.title, page.url, p.kind), p.route, p.at, p.elsewhere)
                  for p in find_people(page, lower_words, lines)]
    groups: dict[str, Candidate] = {}
    lines_of_group: dict[str, int] = {}
    for person, route, at, elsewhere in found:
        key = person_key(person.name)
        if not key:
            continue
        known = groups.get(key)
        if known is None:
            groups[key] = Candidate(key, person.name, person.title, person.kind, {route},
                                    elsewhere=elsewhere)
            lines_of_group[key] = at
            continue
        if "quoted" in (known.kind, person.kind):
            known.kind = "quoted"  # one finder saw the testimonial around them: a customer
        elif known.kind == "named":
            known.kind = person.kind
        known.title = known.title or person.title
        known.routes.add(route)
        known.elsewhere = known.elsewhere or elsewhere
        if lines_of_group[key] < 0:
            lines_of_group[key] = at
    ctx = PageContext(lines, lower_words)
    spans = name_spans(lines, lower_words)
    by_key: dict[str, Span] = {}
    on_line: dict[tuple[int, str], Span] = {}
    for span in spans:
        key = person_key(" ".join(span.words))
        by_key.setdefault(key, span)
        on_line.setdefault((span.at, key), span)
        if _alone(lines[span.at], span):
            ctx.note_alone(span)
    words_of: dict[str, list[set[str]]] = {}  # a group's words, filed under each of them
    for key, cand in groups.items():
        at = lines_of_group[key]
        cand.span = on_line.get((at, key)) or by_key.get(key) or _overlapping(spans, at, key)
        cand.at = at if at >= 0 else (cand.span.at if cand.span else -1)
        for word in set(key.split()):
            words_of.setdefault(word, []).append(set(key.split()))
    loose: dict[str, Candidate] = {}
    for span in spans:
        key = person_key(" ".join(span.words))
        if key in groups or key in loose or _same_person(set(key.split()), words_of):
            continue
        credit = _CREDIT.match(lines[span.at].text[:span.start])
        if credit and person_key(credit.group(1)) in groups:
            continue  # "Charlotte Holt - Charlotte Designs": what follows a person is their firm
        loose[key] = Candidate(key, " ".join(span.words), span=span, at=span.at)
    for cand in loose.values():
        cand.features = describe(cand, ctx)
    sections = _sections(lines)
    for cand in [*groups.values(), *loose.values()]:
        if cand.at >= 0:
            cand.shape = (*line_shape(lines[cand.at]), sections[cand.at])
            cand.leads = _leads(lines[cand.at], cand)
    return [*groups.values(), *loose.values()]


#: A name and a dash or a bar opening a line: what follows is that person's title or firm.
_CREDIT = re.compile(r"^\W*(\S.{2,60}?)\s+[-–—|]\s*$")


def _leads(line: Line, cand: Candidate) -> bool:
    """Whether a candidate's name opens its line (after a dash, a bullet or an honorific)."""
    if cand.span is not None and cand.span.at == cand.at:
        return not line.text[:cand.span.start].strip(_LEAD_MARKS)
    first = cand.name.split()[0]
    return _HONORIFIC_LEAD.sub("", line.text.lstrip(_LEAD_MARKS)).startswith(first)


_LEAD_MARKS = " -–—~•*|\"“”'"
_HONORIFIC_LEAD = re.compile(r"^(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Rev)\.?\s+")


def _sections(lines: list[Line]) -> list[int]:
    """For each line, the index of the heading its section opens with: the nearest heading
    above it of a higher rank than the line itself (-1 for none)."""
    last = [-1] * 7  # the index of the latest heading of each level, 1-6
    sections = []
    for at, line in enumerate(lines):
        level = line.heading or 7
        sections.append(max(last[:level]))  # last[0] stays -1
        if line.heading:
            last[line.heading] = at
            for deeper in range(line.heading + 1, 7):
                last[deeper] = -1
    return sections


def _overlapping(spans: list[Span], at: int, key: str) -> Span | None:
    """A span on line ``at`` whose words are all in ``key`` ("Lovely C. Laban" of
    "Lovely C. Laban GNP-C"), for a name a finder read with more around it."""
    if at < 0:
        return None
    words = set(key.split())
    return next((s for s in spans if s.at == at and {w.lower().strip(".") for w in s.words} <= words), None)


def _same_person(words: set[str], words_of: dict[str, list[set[str]]]) -> bool:
    """Whether a run of words names someone a finder already listed (one name holds the
    other and they share two words: a middle name, an initial or a credential apart)."""
    for word in words:
        for other in words_of.get(word, ()):
            if (words <= other or other <= words) and len(words & other) >= 2:
                return True
    return False


def _loose_kind(cand: Candidate) -> str:
    """The kind of a person only the model found: a testimonial's author is ``quoted``; staff
    need their title on their own line or just before the name, in the page's body, and
    naming no other employer ("Jo Bell - Office Manager", "our registrar Jo Bell");
    anyone else is only ``named``."""
    f = cand.features
    if f.get("quote") or f.get("quote_near") or f.get("first_person"):
        return "quoted"
    if (cand.guess and cand.guess_from in ("same", "before") and not f.get("edge")
            and not cand.elsewhere and not _ELSEWHERE.search(cand.guess)):
        return "staff"
    return "named"


def choose(cands: list[Candidate], url: str, model: PersonModel | None) -> list[PersonMention]:
    """The candidates listed as people, with their title and kind.

    What the finders proposed is always listed; with a model, so is every other candidate
    the model keeps, with the nearest title read around it and its kind from where it
    stands (:func:`_loose_kind`).
    """
    kept: list[tuple[Candidate, str | None, str]] = []
    for cand in cands:
        if model is None:
            keep = bool(cand.routes)
        else:
            keep = bool(cand.routes) or model.keeps(cand.features)
        if not keep:
            continue
        title, kind = cand.title, cand.kind
        if not cand.routes:
            title, kind = cand.guess, _loose_kind(cand)
        kept.append((cand, title, kind))
    kept = _fill_lists(cands, kept)
    kinds = _kinds_of_lists(kept)
    return [PersonMention(cand.name, title, url, kinds.get(id(cand), kind))
            for cand, title, kind in kept]


#: Features that say a run of words is made of ordinary or job words: never a list's entry.
_WORDY = ("lower_first", "lower_other", "job_word", "title_word", "edge", "plural")


def _fill_lists(cands: list[Candidate], kept: list[tuple[Candidate, str | None, str]]
                ) -> list[tuple[Candidate, str | None, str]]:
    """``kept`` with the entries of lists of people that neither rules nor model took.

    A name-shaped run of words that opens its line, between lines set alike that open
    with people already listed (two of the four lines around it), is the next entry of
    the same list ("Karl Asha, for hosting us" / "Petr Krc, for sending pinouts" /
    "Marco Budde, first maintainer"), whatever census its given name is missing from; it
    takes the kind of its neighbours. Runs of ordinary or job words never qualify.
    """
    leading = {c.at: kind for c, _, kind in kept if c.leads and c.at >= 0}
    shapes = {c.at: c.shape for c, _, _ in kept if c.leads and c.at >= 0}
    taken = {id(c) for c, _, _ in kept}
    added: dict[int, tuple[Candidate, str | None, str]] = {}
    for cand in cands:
        if (id(cand) in taken or cand.routes or not cand.leads or not cand.features
                or any(cand.features.get(name) for name in _WORDY)):
            continue
        near = [leading[a] for a in (cand.at - 2, cand.at - 1, cand.at + 1, cand.at + 2)
                if a in leading and shapes[a] == cand.shape]
        if len(near) >= 2:
            added[id(cand)] = (cand, cand.guess, near[0])
    if not added:
        return kept
    ours = {id(c): (c, title, kind) for c, title, kind in kept}
    return [ours.get(id(c)) or added[id(c)] for c in cands if id(c) in ours or id(c) in added]


#: How many lines may part two entries of one list ("Name - Title" / "View profile" / ...).
_LIST_GAP = 4


def _kinds_of_lists(kept: list[tuple[Candidate, str | None, str]]) -> dict[int, str]:
    """New kinds for the staff of a list whose entries mostly name outsiders.

    Entries set alike on nearby lines of one section make one list (testimonial signatures, a page of
    alumni credits "Name - Designer, Firm"); when most of a list's entries are customers or
    credited to another organisation, the few that did not say so are outsiders too (their
    firm's name was an ordinary word, their quote had no quote marks). Returns the
    candidates to change, by ``id``.
    """
    placed = sorted((c.at, i) for i, (c, _, _) in enumerate(kept) if c.at >= 0)
    changed: dict[int, str] = {}
    run: list[int] = []

    def settle() -> None:
        if len(run) < 3:
            return
        members = [kept[i] for i in run]
        quoted = sum(1 for _, _, kind in members if kind == "quoted")
        credited = sum(1 for c, _, kind in members if kind == "named" and c.elsewhere)
        if 2 * (quoted + credited) <= len(members):
            return
        for cand, _, kind in members:
            if kind == "staff":
                changed[id(cand)] = "quoted" if quoted >= credited else "named"

    for at, i in placed:
        if run:
            last = kept[run[-1]][0]
            if at - last.at > _LIST_GAP or kept[i][0].shape != last.shape:
                settle()
                run = []
        run.append(i)
    settle()
    return changed


def person_key(name: str) -> str:
    """A name folded for comparison: lower case, no honorific, credentials or punctuation."""
    parts = words(strip_credentials(name)).split()
    while parts and parts[0] in _HONORIFIC_WORDS:
        parts.pop(0)
    return " ".join(parts)


_HONORIFIC_WORDS = {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "rev", "capt", "hon"}


def _from_metadata(page: ParsedPage) -> list[PersonMention]:
    """Persons an organisation lists (employees, founders, members), and any with a job title.

    Other Person items (review and article authors) are not the company's people.
    """
    people = []
    staff: list[dict] = []
    for org in items_of_type(page, ORG_TYPES):
        for key in _STAFF_KEYS:
            raw = org.get(key)
            staff += [p for p in (raw if isinstance(raw, list) else [raw]) if isinstance(p, dict)]
    for item in staff + items_of_type(page, {"person"}, subjects_only=True):
        name = value(item, "name")
        if not name:
            given, family = value(item, "givenName"), value(item, "familyName")
            name = clean(f"{given or ''} {family or ''}") or None
        title = value(item, "jobTitle", "roleName")
        if name and (title or any(item is s for s in staff)):
            people.append(PersonMention(name, title, page.url))
    return people


def _from_tables(page: ParsedPage) -> list[PersonMention]:
    people = []
    for table in page.tree.iter("table"):
        # a table nested in a cell (a layout table holding the page) has rows of its own
        rows = [[text_of(c) for c in tr if c.tag in ("td", "th")] for tr in table.iter("tr")
                if next(tr.iterancestors("table"), None) is table]
        rows = [r for r in rows if any(r)]
        if not rows:
            continue
        name_col, title_col, start = _columns(rows[0])
        for at, row in enumerate(rows[start:], start):
            if name_col is None:  # no header: guess per row
                cells = [c for c in row if c]
                names = [c for c in cells if looks_like_name(c)]
                titles = [c for c in cells if looks_like_title(c) and c not in names]
                if names and titles:  # without a header, only a title makes a row a person
                    people.append(PersonMention(names[0], titles[0], page.url))
                elif len(names) >= 2 and at + 1 < len(rows):
                    people += _under_names(row, rows[at + 1], page.url)
            elif len(row) > name_col and looks_like_name(row[name_col]):
                title = row[title_col] if title_col is not None and len(row) > title_col else None
                if not title and not known_given_name(row[name_col]):
                    continue  # a form laid out in a table ("Name" / "Phone Number")
                people.append(PersonMention(row[name_col], title or None, page.url))
    return people


def _under_names(row: list[str], below: list[str], url: str) -> list[PersonMention]:
    """People of a team laid out across a table: a row of names over a row of their
    titles, column by column ("Jo Bell | Ann Li" / "Editor | Founder"). Every name of the
    row needs its title under it, or the row is something else (a list of towns)."""
    pairs = [(name, below[i] if i < len(below) else "") for i, name in enumerate(row) if name]
    if not all(looks_like_name(name) and looks_like_title(title) for name, title in pairs):
        return []
    return [PersonMention(name, title, url) for name, title in pairs]


def _columns(header: list[str]) -> tuple[int | None, int | None, int]:
    name_col = title_col = None
    for i, cell in enumerate(c.lower() for c in header):
        if len(cell.split()) > 4:
            continue  # a header names its column in a word or two; this is content
        if name_col is None and re.search(r"\bname\b|\bwho\b|\bperson\b", cell):
            name_col = i
        elif title_col is None and re.search(r"\b(title|role|position|job|post)\b", cell):
            title_col = i
    return (name_col, title_col, 1) if name_col is not None else (None, None, 0)


def _from_definition_lists(page: ParsedPage) -> list[PersonMention]:
    people = []
    for dl in page.tree.iter("dl"):
        term = None
        for child in dl.iter("dt", "dd"):
            if child.tag == "dt":
                term = text_of(child)
            elif term:
                desc = text_of(child)
                title = desc if looks_like_title(desc) else None
                if looks_like_name(term) and (title or known_given_name(term)):
                    # without a title, only a given name makes a term a person: an
                    # accordion of offers is a <dl> too ("Design Consultations")
                    people.append(PersonMention(term, title, page.url))
                elif looks_like_name(desc) and looks_like_title(term):
                    people.append(PersonMention(desc, term, page.url))
                term = None
    return people


def _from_cards(page: ParsedPage) -> list[PersonMention]:
    """A name followed (or preceded) by a title inside a small block: the usual team card.

    A heading that holds both ("Jane Doe – CEO", "Jane Doe, Head of Sales") counts too.
    """
    people = []
    words: set[str] | None = None

    def vocabulary() -> set[str]:
        nonlocal words
        if words is None:
            words = set(_LOWER_WORD.findall(page.flat_text))
        return words

    for el in page.tree.iter(*_CARD_TAGS):
        if el.tag in ("div", "p", "span") and not _NAME_CLASS.search(el.get("class", "")):
            continue
        if in_chrome(el) or hidden(el):
            continue  # before the profile-link test: a menu's many links end here cheaply
        if (el.tag == "a" and not _profile_link(el)) or quoted(el):
            continue
        text = text_of(el)
        name = strip_credentials(text)
        # a bold box or a profile link says less than a heading or a box named "name"
        weak = el.tag in _WEAK_TAGS and not _NAME_WORD.search(el.get("class", ""))
        if looks_like_name(name):
            if weak and not _proper_name(name, vocabulary()):
                continue  # "Form Builder" in bold: words the page also writes in lower case
            card = _card(el)
            nodes = _card_nodes(el, card)
            title = _title_near([line for node in nodes for line in lines_of(node)], name, shown=text)
            if title and (_beside_quote(card) or _ELSEWHERE.search(title)):
                continue  # the author of a testimonial: a customer, not staff
            if title and _menu_entry(title, nodes, weak):
                continue  # a menu: the "title" is the next entry ("Lead Generation")
            if title:
                people.append(PersonMention(name, title, page.url))
            continue
        parts = _NAME_TITLE_SPLIT.split(text, maxsplit=1)
        if (len(parts) == 2 and looks_like_name(parts[0]) and looks_like_title(parts[1])
                and not (place_after(parts[1]) and not known_given_name(parts[0]))):
            people.append(PersonMention(parts[0], parts[1], page.url))
    return people


#: Elements a card puts its name in; the generic boxes count only when their class says so.
_CARD_TAGS = ("h2", "h3", "h4", "h5", "h6", "strong", "b", "figcaption", "span", "p", "div", "a")
#: Classes of a name's box: named so, or set in bold type ("font-bold", "fw-semibold").
_NAME_CLASS = re.compile(r"name|bold", re.I)
_NAME_WORD = re.compile(r"name", re.I)
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’\-]+\b")
_WEAK_TAGS = {"div", "p", "span", "a"}
#: A title that names another employer ("Founder and CEO at Ghost"): a customer's credit.
_ELSEWHERE = re.compile(r"\bat\s+(?-i:[A-Z0-9])|\bformer\b|\bex-", re.I)


def _menu_entry(title: str, nodes: list[Any], weak: bool) -> bool:
    """Whether a "title" is an entry of a list of links (a menu, a heading over the links
    to its sub-pages: "Whistleblower Law" / "Compliance Officer Whistleblower", ...).

    A bold box's title is judged by any link of its card; a heading's only when three or
    more links sit around it, since a team card may link one title to its page.
    """
    labels = [text_of(a) for node in nodes if small(node) for a in node.iter("a")]
    return title in labels and (weak or len(labels) >= 3)


def _proper_name(name: str, lower_words: set[str]) -> bool:
    """Whether a name holds a word the page never writes in lower case ("Geib", not "Form").

    Feature and product labels ("Health Coaching") are capitalised words of ordinary speech
    that the page's prose repeats in lower case; a family name seldom is.
    """
    return any(w[0].isupper() and not w.isupper() and w.lower() not in lower_words
               for w in clean(name).split())


def _profile_link(link: Any) -> bool:
    """Whether a link leads to a person's own page: its address carries the family name.

    Team grids link each name to a profile or a LinkedIn page (``/people/jane-doe``,
    ``linkedin.com/in/doejane``); a link to anything else is navigation.
    """
    href = link.get("href", "")
    if not href:
        return False  # the common case (menus, buttons) skips reading the link's text
    words = clean(link.text_content()).split()
    family = _NON_WORD.sub("", words[-1].lower()) if len(words) >= 2 else ""
    return len(family) >= 2 and family in _NON_ALNUM.sub("", href.lower())


_NON_WORD = re.compile(r"\W")
_NON_ALNUM = re.compile(r"[^a-z0-9]")


_QUOTE_MARKS = "\"“”„«‘'"
#: How many levels above a card, and up to what size, a testimonial's quote is looked for.
_QUOTE_LEVELS = 4
_QUOTE_BLOCK_CHARS = 700
#: The first person singular of a customer's sentence ("I've seen", "my team"); the plural
#: is left out because a company writes about itself as "we".
_FIRST_PERSON = re.compile(r"(^|[\s.!?,])(i|i've|i’ve|i'm|i’m|i'd|i’d|my)\s")


def quoted(el: Any) -> bool:
    """Whether an element sits in a testimonial, a review or a quote (a customer, not staff)."""
    for anc in [el, *el.iterancestors()]:
        if anc.tag == "blockquote" or _QUOTES.search(f"{anc.get('class', '')} {anc.get('id', '')}"):
            return True
    return False


def _beside_quote(card: Any) -> bool:
    """Whether a person's card (or the small block around it) holds a quotation: a testimonial.

    A quotation is a long line opening with a quote mark, or prose in the first person
    ("I've used dozens of CRMs"): staff bios are written about the person.
    The block is widened a few levels (quote and author often sit in sibling boxes) but not
    past card size, so a team grid is never judged by one member's bio. A picture whose
    file name says "testimonial" settles it too.
    """
    block = card
    for _ in range(_QUOTE_LEVELS):
        # each level's size is checked within a fixed budget of elements, so that a grid of
        # thousands of cards costs each card the same small amount, never the whole grid
        if (block is None or not small(block) or len(text_of(block)) > _QUOTE_BLOCK_CHARS
                or sum(1 for _ in block.iter("h2", "h3", "h4", "h5", "h6")) > 1):
            break  # past the card: a section holding other people's cards
        for line in lines_of(block):
            if len(line) > 40 and (line[0] in _QUOTE_MARKS or _FIRST_PERSON.search(line)):
                return True
        if any(_QUOTES.search(f"{img.get('src', '')} {img.get('class', '')}")
               for img in block.iter("img")):
            return True
        block = block.getparent()
    return False


def _card(el: Any) -> Any:
    """The smallest ancestor holding a little more text than the name itself.

    Only ancestors of card size are read: a name set straight into a long section (no box
    of its own) gets the section, whose lines :func:`_card_nodes` reads around the name.
    """
    card = el.getparent()
    most = len(text_of(el)) + 2
    while (card is not None and card.getparent() is not None and small(card)
           and len(text_of(card)) <= most):
        card = card.getparent()
    return card if card is not None else el


def _card_nodes(el: Any, card: Any) -> list[Any]:
    """The blocks of a card whose lines are read for the title: the card itself; for a
    whole section, the name's neighbours only.

    The lines around the name are all :func:`_title_near` reads, so a long section costs
    each name a few siblings, not the section (which would make a page of n cards n^2).
    """
    if small(card):
        return [card]
    anchor = el
    while anchor.getparent() is not None and anchor.getparent() is not card:
        anchor = anchor.getparent()
    before = anchor.getprevious()
    around = ([before] if before is not None else []) + [anchor]
    after = anchor.getnext()
    while after is not None and len(around) < 5:
        around.append(after)
        after = after.getnext()
    return [node for node in around if small(node)]


#: How many elements a block may hold and still be read as one card (see :func:`small`).
_CARD_ELEMENTS = 300


def small(el: Any, limit: int = _CARD_ELEMENTS) -> bool:
    """Whether ``el`` holds at most ``limit`` elements, found by counting no further."""
    for count, _ in enumerate(el.iter()):
        if count >= limit:
            return False
    return True


#: Containers whose content is never shown as it stands (templates, scripts, fallbacks).
_HIDDEN = ("template", "script", "noscript", "style", "svg")


def hidden(el: Any) -> bool:
    """Whether an element sits inside a ``<template>`` (or another never-shown container)."""
    return next(el.iterancestors(*_HIDDEN), None) is not None


def _title_near(lines: list[str], name: str, shown: str | None = None) -> str | None:
    """The title on the name's line or on the lines around it.

    ``shown`` is the name as the page writes it (with credentials: "Rex Du, Ph.D."), taken
    off the line whole so the credentials do not open the title.
    """
    try:
        at = next(i for i, line in enumerate(lines) if name in line)
    except StopIteration:
        return None
    own = shown if shown and shown in lines[at] else name
    rest = _LINK_LABEL.sub("", clean(lines[at].replace(own, "", 1).strip(" ,–—-|:")))
    if rest and looks_like_title(rest):
        return rest
    below = lines[at + 1:at + 3]
    for i, near in enumerate(below):
        if looks_like_name(_NAME_TITLE_SPLIT.split(near, 1)[0]):
            below = below[:i]  # the next card ("Jo Li, MD, CMO"): what lies under it is its own
            break
    for near in below + lines[max(0, at - 1):at]:
        near = _LINK_LABEL.sub("", near)
        if looks_like_title(near) and not looks_like_name(_NAME_TITLE_SPLIT.split(near, 1)[0]):
            return near
    return None

