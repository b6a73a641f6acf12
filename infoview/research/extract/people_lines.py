"""People named in a page's lines of text: the plain shapes small businesses use.

Team cards and tables are read by :mod:`people`; this module reads what is left, one line
(block) of visible text at a time, with what the line's place in the page says (a heading or
bold box, inside a testimonial, inside the menus):

- "Name, Title", "Name - Title", "Name | Title" lines, credentials after the name
  ("Jo Bell, RDH"), honorifics before it ("Dr. Jo Bell");
- a name alone on its line with its title on the next line, or on the line before it
  written as a label ("Office Manager:"), or only in the bio under it ("Jo has been a
  broker since 1998"), or in the heading of the section that lists it ("Our Dentists");
- signatures under quotations ("- Jo Bell, Acme Ltd"), review and article bylines
  ("by Jo Bell"): listed as ``quoted`` or ``named``, never as staff;
- names inside sentences ("our coordinator Jo Bell helped"), only when the first word is a
  known given name.

Whether words are a name is decided from their shape and from vocabularies (given and
family names with their frequency, the head nouns of job titles: :mod:`vocab`), and from
the page itself: a word the page also writes in lower case is an ordinary word. The page is
walked once and each line looks at a few lines around it, so the cost is linear in the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from infoview.research.extract.page import ParsedPage, clean
from infoview.research.extract.vocab import family_name, given_name, job_head, title_word

#: Elements that end a line of text (as in :mod:`page`).
_BLOCKS = {
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "br",
    "tr", "td", "th", "table", "section", "article", "header", "footer", "nav", "aside",
    "main", "figure", "figcaption", "blockquote", "address", "form", "hr", "pre",
}
_INVISIBLE = {"script", "style", "noscript", "template", "svg", "head", "title", "meta", "link",
              "select", "option", "button", "textarea"}
_EDGES = {"header", "footer"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BOLD_TAGS = {"b", "strong"} | _HEADINGS
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)
_QUOTE_BOX = re.compile(r"(\btesti|testimonial|\breview|\bquote|customer-?stor|client-?stor|"
                        r"success-?stor|\bendorse)", re.I)
#: A link to one post on a social network (not to a profile): an embedded feed shows the
#: post's words, someone else's words about whoever it names.
_SOCIAL_POST = re.compile(r"^https?://(?:[\w-]+\.)*(?:instagram\.com/(?:[\w.]+/)?(?:p|reel|tv)/|"
                          r"(?:twitter|x)\.com/\w+/status/|facebook\.com/.+/(?:posts|videos)/|"
                          r"tiktok\.com/@[\w.]+/video/|linkedin\.com/(?:posts|feed/update)/|"
                          r"threads\.(?:net|com)/@[\w.]+/post/|youtube\.com/(?:watch|shorts/)|youtu\.be/)",
                          re.I)


@dataclass
class Line:
    """One line of visible text and what its place in the page says about it."""

    text: str
    bold: bool        # all of it in a heading, <b>/<strong> or a bold style
    heading: int      # the level of the <h1>-<h6> it sits in, 0 outside headings
    quote: bool       # inside a blockquote, a testimonial / review box or a social post's link
    chrome: str       # "nav" inside menus, "edge" in a page's header or footer, else ""
    cell: bool        # a table cell
    role: str | None = None  # the role the heading of its section gives ("Dentist")


class _Walker:
    """Splits a tree into :class:`Line` records in one pass (flags inherited downwards)."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.parts: list[str] = []
        self.bold_chars = 0
        self.chars = 0
        self.flags: tuple[int, bool, str, bool, bool] = (0, False, "", False, False)

    def flush(self) -> None:
        if self.parts:
            text = clean("".join(self.parts))
            if text:
                heading, quote, chrome, cell, _ = self.flags
                bold = self.bold_chars >= max(1, self.chars - 1)
                self.lines.append(Line(text, bold, heading, quote, chrome, cell))
        self.parts = []
        self.bold_chars = self.chars = 0

    def add(self, text: str, bold: bool) -> None:
        self.parts.append(text)
        size = len(text.strip())
        self.chars += size
        if bold:
            self.bold_chars += size

    def walk(self, node: Any, heading: int, quote: bool, chrome: str, cell: bool,
             bold: bool) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _INVISIBLE or not tag:
            return
        attrs = f"{node.get('class', '')} {node.get('id', '')}"
        heading = heading or (int(tag[1]) if tag in _HEADINGS else 0)
        post = _post_link(node)
        quote = quote or post or tag == "blockquote" and not _indent(node) or bool(_QUOTE_BOX.search(attrs))
        if tag == "main" or node.get("role") == "main":
            chrome = ""  # the page's own content, even where broken markup nests it in a menu
        chrome = "nav" if tag == "nav" or chrome == "nav" else ("edge" if tag in _EDGES else chrome)
        cell = cell or tag in ("td", "th")
        bold = bold or tag in _BOLD_TAGS or bool(_BOLD_STYLE.search(node.get("style", "")))
        block = tag in _BLOCKS or post  # a post's words are a line of their own
        if block:
            self.flush()
            self.flags = (heading, quote, chrome, cell, bold)
        if node.text:
            self.add(node.text, bold)
        for child in node:
            self.walk(child, heading, quote, chrome, cell, bold)
            if child.tail:
                if isinstance(child.tag, str) and (child.tag in _BLOCKS or _post_link(child)):
                    self.flush()
                    self.flags = (heading, quote, chrome, cell, bold)
                self.add(child.tail, bold)
        if block:
            self.flush()


def _indent(blockquote: Any) -> bool:
    """Whether a ``<blockquote>`` only indents a list or a table (old pages used it so: a
    list of a location's doctors): nobody's quoted words."""
    return next(blockquote.iterdescendants("li", "table"), None) is not None


def _post_link(node: Any) -> bool:
    """Whether ``node`` is a link to one post on a social network (see :data:`_SOCIAL_POST`)."""
    return node.tag == "a" and bool(_SOCIAL_POST.match(node.get("href", "")))


def page_lines(page: ParsedPage) -> list[Line]:
    """The page's body as :class:`Line` records, in reading order."""
    if page.tree is None:
        return []
    body = page.tree.find("body")
    walker = _Walker()
    walker.walk(body if body is not None else page.tree, 0, False, "", False, False)
    walker.flush()
    return walker.lines


# --- names -------------------------------------------------------------------------------

_HONORIFIC = re.compile(r"^(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Rev|Capt|Hon|Sr|Fr)\.?\s+(?:(?:&|and)\s+)?)+")
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "del", "la", "le", "st", "st."}
#: A word of a name: capitalised with a lower-case letter after ("McCall", "O'Flynn",
#: "DeMond", "Ann-Marie"), or an initial ("J." / "J"); a capital after a longer start is
#: two words run together ("OkaforDesign") or a brand ("GitHub"), not a name.
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z]*[’'][A-Z][a-z]+|(?:[A-Z][a-z]+|"
                        r"(?:[A-Z][a-z]?|Mac|Van|Von|Del|Des|Dal)[A-Z][a-z]+)"
                        r"(?:-[A-Z][a-z]+)?|[A-Z]\.?(?:[A-Z]\.)?)$")
_INITIAL = re.compile(r"^[A-Z]\.?(?:[A-Z]\.)?$")
#: A nickname written inside a name, in brackets or quote marks ("(Bill)", "“Bunky”").
_NICKNAME = re.compile(r"^[(\"“‘'`]([A-Z][a-z]+)[)\"”’'`]$")
#: A degree or licence after a name: "MD", "M.D.", "Ph.D", "RDH", "PA-C", "Esq.", "Jr.".
_CREDENTIAL = re.compile(r"^(?:[A-Z][A-Za-z]?\.?){1,4}(?:-[A-Z]+)?\.?$|^(?:Jr|Sr|Esq|III|II|IV)\.?$")
#: Words of ordinary speech and of page furniture that never stand in a person's name.
_NOT_NAME_WORDS = {
    "the", "and", "of", "for", "our", "your", "with", "at", "in", "on", "to", "a", "an", "from",
    "by", "is", "are", "we", "us", "all", "new", "more", "about", "contact", "home", "click",
    "read", "view", "page", "welcome", "team", "staff", "meet", "services", "service", "inc",
    "llc", "ltd", "company", "group", "street", "road", "avenue", "suite", "blvd", "drive",
    "center", "centre", "university", "college", "school", "hospital", "church", "clinic",
    "institute", "association", "county", "city", "department", "office", "dental",
    "law", "news", "blog", "free", "call", "today", "now", "request", "quote", "privacy",
    "policy", "terms", "copyright", "reserved", "rights", "login", "search", "menu", "next",
    "previous", "back", "top", "share", "like", "follow", "email", "phone", "fax", "map",
    "directions", "hours", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "north", "south", "east",
    "west", "i", "my", "me", "he", "she", "it", "they", "this", "that", "here", "there",
}


def speech_word(word: str) -> bool:
    """Whether ``word`` is one of :data:`_NOT_NAME_WORDS`; an initial with its full stop
    ("A.", "I.") is a name's initial, not the article or the pronoun."""
    return not _DOTTED_INITIAL.match(word) and word.lower().strip(".") in _NOT_NAME_WORDS


_DOTTED_INITIAL = re.compile(r"^[A-Z]\.$")


def _bare_initial(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is a middle initial written without its full stop ("Brian A
    Harris"), not the article: one capital between a known given name and a last word."""
    return 0 < i < len(words) - 1 and len(words[i]) == 1 and words[i].isupper() \
        and _given_first(words[0])


def _month_surname(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is a family name spelt like a month ("Krista May"): the last
    of two words after a known given name."""
    return i == len(words) - 1 == 1 and words[i].lower() in _MONTH_SURNAMES and _given_first(words[0])


#: Months that are family names too.
_MONTH_SURNAMES = {"may", "august"}


def _given_first(word: str) -> bool:
    """Whether ``word`` is a given name common enough, and not mostly a family name, for
    the first word of a name to vouch for it ("Kimberly" yes, "Harris" no)."""
    given = given_name(word)
    return given >= 0.005 and given * 4 >= family_name(word)


def known_given_name(name: str) -> bool:
    """Whether a name opens with a known given name (honorifics skipped)."""
    words = _HONORIFIC.sub("", clean(name)).split()
    return bool(words) and _given_first(words[0])


def _words(text: str) -> list[str]:
    return text.replace("’", "'").split()


def name_words(text: str, lower_words: set[str], *, strict: bool,
               titled: bool = False, signed: bool = False) -> list[str] | None:
    """The words of a person's name read from ``text`` (honorific and credentials off).

    ``strict`` asks for a known given name first (names inside prose, signatures); without
    it a name may also be two or more capitalised words the page never writes in lower
    case (a team list's "Rajat Paharia"). ``titled`` says a job title follows the words
    ("Ken Snuggs, President"): after a known given name, a family name may then end in
    "s" without being in the census. ``signed`` says the words sign a testimonial, where
    a given name and an initial ("Reese K.") is how customers sign, census or not.
    """
    bare = _HONORIFIC.sub("", text.strip())
    honorific = bare != text.strip()
    text = bare
    words = _words(text)
    while len(words) > 2 and _CREDENTIAL.match(words[-1].rstrip(",")) and words[-1].upper() == words[-1]:
        words.pop()
    # a nickname between the given and the family name ("Walter (Bill) Babb") is kept as
    # written but judged apart: the name around it must stand on its own
    nickname = next((i for i, w in enumerate(words) if 0 < i < len(words) - 1 and _NICKNAME.match(w)), None)
    if nickname is not None:
        called = _NICKNAME.sub(r"\1", words[nickname])  # "Bill" vouches like a given name
        rest = name_words(" ".join(words[:nickname] + words[nickname + 1:]), lower_words,
                          strict=strict and not given_name(called), titled=titled, signed=signed)
        return None if rest is None else rest[:nickname] + [words[nickname]] + rest[nickname:]
    if not 2 <= len(words) <= 4:
        return None
    if all(w.isupper() for w in words if len(w) > 2):  # "STACY HATCHER": as written in caps
        words = [w.capitalize() if len(w.rstrip(".")) > 1 else w for w in words]
    core = [w for w in words if w.lower() not in _PARTICLES]
    if len(core) < 2 or not all(_NAME_WORD.match(w) for w in core):
        return None
    if any(speech_word(w) and not _bare_initial(words, i) and not _month_surname(words, i)
           for i, w in enumerate(words)):
        return None
    full = [w for w in core if not _INITIAL.match(w)]
    if not full or _INITIAL.match(core[-1]) and len(full) < 1:
        return None
    first, last = core[0], core[-1]
    known_first = not _INITIAL.match(first) and _given_first(first)
    initialled = signed and len(core) == 2 and _INITIAL.match(last) is not None \
        and not _INITIAL.match(first) and not title_word(first)  # "Reese K." signing
    if _INITIAL.match(last) and not known_first and not initialled:
        return None  # "Julie B." only when Julie is a given name
    for w in full:
        lower = w.lower()
        if w is not first and lower.endswith(("s", "ing")) and not family_name(w) \
                and not given_name(w) and not (titled and known_first and lower.endswith("s")):
            return None  # "Ball Valves", "Matki Showering": things, not a family name
        if lower in lower_words and not (w is last and family_name(w) >= 0.001) \
                and not (w is first and known_first):
            return None  # an ordinary word the page writes in lower case ("Form Builder")
        if job_head(w) and w is not last and not (w is first and known_first):
            return None  # "Office Manager", "Senior Partner"
        if not known_first and title_word(w) and not family_name(w) and not given_name(w):
            return None  # "Support Small", "Constellation Research": words of job titles
    if job_head(last) and not known_first:
        return None
    if strict and not (known_first or honorific or _INITIAL.match(first) or initialled):
        return None
    return words


# --- titles ------------------------------------------------------------------------------

_TITLE_CUT = re.compile(r"\s+(?:of the|at the|at|who|with|within|based in|for the|since|from|in the|"
                        r"in(?-i:(?=\s+[A-Z])))\s+|[.;!?]\s|\s[-–—|]\s|\(", re.I)
_TITLE_LEAD = re.compile(r"^(?:our|the|a|an|your)\s+", re.I)
_TITLE_CHARS = re.compile(r"^[A-Za-z][\w&/,.'’ \-]*$")


def title_phrase(text: str, *, whole: bool = False) -> str | None:
    """A job title read from the start of ``text`` ("Practice Manager of the firm..." ->
    "Practice Manager"), or ``None`` when it names no role.

    ``whole`` asks the whole of ``text`` to be the title (a line of its own).
    """
    text = clean(text).strip(" ,:;-–—|")
    if not whole:
        text = _TITLE_CUT.split(text, maxsplit=1)[0].strip(" ,:")
    text = _TITLE_LEAD.sub("", text)
    words = text.split()
    if not whole:
        if words and words[0] in _JOINERS:
            return None  # "and rock group ...": the rest of a list, not a role
        clause = next((i for i, w in enumerate(words) if w.lower() in _CLAUSE_WORDS), len(words))
        if clause < len(words) or len(words) > 9 or len(text) > 80:
            # a sentence goes on after the role ("Facial Plastic and Reconstructive Surgeon
            # dual board certified by ..."): the role ends at its last head noun before the
            # clause, if it has one ("directed by a producer" has none)
            ends = [i for i, w in enumerate(words[:min(clause, 9)]) if job_head(w.strip(".,"))]
            if not ends or ends[-1] >= 6:
                return None
            words = words[:ends[-1] + 1]
            text = " ".join(words)
    if not 1 <= len(words) <= 9 or len(text) > 80 or not _TITLE_CHARS.match(text):
        return None
    if words[0].islower() and words[0].endswith(("ed", "ing")) and len(words) > 1 \
            and words[1] in ("on", "in", "at", "by", "to", "with", "for", "from", "as"):
        return None  # "included on a list of lawyers": a sentence, not a role
    if whole and text.endswith("."):
        return None
    heads = [w for w in re.split(r"[\s,/&]+", text) if w and job_head(w.strip(".,"))]
    if not heads and not _ACRONYM_TITLE.search(text):
        return None
    if not whole and heads and all(_plural_role(w.strip(".,")) for w in heads):
        return None  # "Sanz, multi-platinum artists ...": a group, not one person's role
    return text


#: Words that join a phrase to what went before: a title does not open with one.
_JOINERS = {"and", "or", "of", "by", "in", "with", "for", "from", "as", "on"}
#: Words of a clause that a job title does not hold ("the" and "to" it may: "Assistant to
#: the Director").
_CLAUSE_WORDS = {"a", "an", "your", "our", "their", "his", "her", "my", "while", "who", "which",
                 "that", "by", "with", "is", "are", "was", "has", "have", "will", "can", "you",
                 "we"}
#: Titles written as acronyms ("VP Sales", and the chief officers' C...O: "CEO", "CISO",
#: "CHRO").
_ACRONYM_TITLE = re.compile(r"\b(C[A-Z]{1,3}O|VP|SVP|EVP|GM|HR)\b")


def _bio_title(text: str, first: str) -> str | None:
    """A title the bio under a name states ("As co-founder, Jo brings...", "Jo is our office
    manager", "has been a real estate broker since 1998")."""
    head = text[:400]
    m = re.match(r"^As (?:the |our |a |an )?([A-Za-z][\w\- ]{1,40}?),", head)
    if m and title_phrase(m.group(1), whole=True):
        return m.group(1)
    for m in re.finditer(r"\b(?:is|has been|serves as|joined [\w ]{1,40}? as|works as|"
                         r"was named)\s+(?:the |our |a |an |its )?([A-Za-z][\w\-/& ]{1,60})", head):
        before = head[:m.start()]
        if before.count(".") > 1:
            break  # only the first sentences speak about the person's own role
        found = title_phrase(m.group(1))
        if found and len(found.split()) <= 6:
            return found
    return None


def _section_role(heading: str) -> str | None:
    """The role a section heading gives everyone under it ("Our Dentists" -> "Dentist")."""
    text = re.sub(r"^(?:our|meet (?:the|our)|the)\s+", "", clean(heading).rstrip(":"), flags=re.I)
    words = text.split()
    if not 1 <= len(words) <= 4 or not words[-1].endswith("s"):
        return None
    last = words[-1]
    single = last[:-2] if last.lower().endswith(("sses", "ches")) else last[:-1]
    if not job_head(single) or not job_head(last):
        return None
    return " ".join(words[:-1] + [single])


# --- lines -------------------------------------------------------------------------------

#: Headings of sections that quote customers ("What our clients say", "Customer Stories").
_QUOTE_HEADING = re.compile(r"testimonial|\breviews?\b|customer stor|client stor|success stor|"
                            r"case stud|\b(clients|customers|patients|students|parents) (say|are "
                            r"saying)|kind words|what people say", re.I)
_LEAD = re.compile(r"^(?:[-–—~•*]+\s*)")
_BY = re.compile(r"^\d?\s*(?:(?:posted|written|published)\s+)?by:?\s+", re.I)
#: What a blog's byline says after the author's name ("Posted by: Jo Bell Posted on: ...").
_BYLINE_TAIL = re.compile(r"\s+(?:posted|published|updated)(?:\s+on)?$", re.I)
_SEPARATOR = re.compile(r"\s*(?:,|\s[-–—|]\s|:\s|\s\((?![A-Z][a-z]+\)\s+[A-Z]))\s*")
_QUOTE_MARKS = "\"“”„«»‘’'"
_FIRST_PERSON = re.compile(r"(^|[\s.!?,])(i|i've|i'm|i'd|my|we|our|us)\s", re.I)
_IN_PROSE = re.compile(r"(?:(?:Dr|Mr|Mrs|Ms)\.?\s)?[A-Z][a-z]+(?:\s[A-Z]\.)?(?:\s(?:Mc|Mac|O')?"
                       r"[A-Z][a-zA-Z'’\-]+){1,2}")


@dataclass
class Found:
    """A person read from the lines, before merging with the other finders."""

    name: str
    title: str | None
    kind: str  # "staff", "quoted" or "named"
    at: int = -1  # the index of the line it was read from
    route: str = "line"  # "line": a line of its own shape; "prose": inside a sentence
    elsewhere: bool = False  # the title goes on to name another organisation


def _after_quote(lines: list[Line], at: int, *, marks: bool = False) -> bool:
    """Whether the line before ``at`` reads like a quotation or a customer's words; with
    ``marks``, only a quotation set in quote marks counts (a staff bio may be written in
    the first person, but not inside quote marks)."""
    for back in (1, 2):
        if at - back < 0 or lines[at - back].heading and not lines[at].heading:
            return False  # a heading opens a new section ("Leadership"): no one signs across it
        prev = lines[at - back].text
        if len(prev) > 40:
            quoted = prev[0] in _QUOTE_MARKS or prev.rstrip()[-1] in _QUOTE_MARKS
            return quoted or not marks and (bool(_FIRST_PERSON_SINGULAR.search(prev.lower()))
                                            or lines[at - back].quote)
    return False


#: A US state's postal code after a comma ("Springfield, IL"), with or without a ZIP code.
_STATES = (r"(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|PA|"
           r"RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])")
_PLACE_TAIL = re.compile(rf"^{_STATES}(?:\s+\d{{5}}(?:-\d{{4}})?)?$")
#: The same code opening a longer line ("San Jose, CA Electrician Services"); MD, PA and DC
#: are left out, as after a name they are a doctor's, a physician assistant's or a
#: chiropractor's degree.
_PLACE_LEAD = re.compile(rf"^(?!MD\b|PA\b|DC\b){_STATES}\s")


def place_after(rest: str) -> bool:
    """Whether what follows a name opens with a US state's code ("Cedar Hollow, NJ",
    "San Jose, CA Electrician Services"): the "name" was a town."""
    tail = rest.lstrip(", ")
    return bool(_PLACE_TAIL.match(tail) or _PLACE_LEAD.match(tail))


#: A credit naming a past job ("former lead at ...", "ex-Acme").
_FORMER = re.compile(r"\bformer\b|\bex-|\bat\s+[A-Z0-9]")


def _elsewhere(rest: str, lower_words: set[str]) -> bool:
    """Whether a title goes on to name another organisation ("Designer, Hartwell & Co",
    "Operations Director - Northway Trust"): a proper noun after the role, not a department
    ("Director, Marketing & Sales" is made of words the page writes in lower case)."""
    if _FORMER.search(rest):
        return True
    parts = re.split(r",\s*|\s[-–—|]\s|\bat\s", rest, maxsplit=1)
    if len(parts) < 2:
        return False
    words = re.findall(r"[A-Za-z][\w'’\-]*", parts[1])
    return any(w[0].isupper() and not (w.isupper() and len(w) <= 5)  # a credential: "MA"
               and w.lower() not in lower_words and not title_word(w)
               and w.lower() not in _NOT_NAME_WORDS for w in words)


def _before_quote(lines: list[Line], at: int, *, first_person: bool = False) -> bool:
    """Whether a line just after a name (its title aside) is a quotation, or (with
    ``first_person``) words in the first person: a customer's, when nothing gave the name
    a role (a therapist's own bio may well say "my therapy")."""
    return any(len(nxt.text) > 40 and (nxt.text[0] in _QUOTE_MARKS or first_person and bool(
        _FIRST_PERSON_SINGULAR.search(nxt.text.lower()))) for nxt in lines[at + 1:at + 3])


_FIRST_PERSON_SINGULAR = re.compile(r"(^|[\s.!?,])(i|i've|i’ve|i'm|i’m|i'd|my)\s")


def _split_line(text: str) -> tuple[str, str, str]:
    """A line as (lead, name part, rest): the lead is a dash or "by"."""
    lead = ""
    m = _LEAD.match(text) or _BY.match(text)
    if m:
        lead, text = m.group(0).strip(), text[m.end():]
    parts = _SEPARATOR.split(text, maxsplit=1)
    name = parts[0]
    rest = text[len(name):].strip() if len(parts) > 1 else ""
    if m and not _LEAD.match(m.group(0)):
        name = _BYLINE_TAIL.sub("", name)
    return lead, name, rest


def _credentials(rest: str) -> tuple[list[str], str]:
    """Credentials at the start of what follows a name ("RDH", "DA, EFDA - Hygienist")."""
    creds: list[str] = []
    rest = rest.lstrip(" ,")
    while rest:
        m = re.match(r"^([A-Za-z.\-]{2,9})(?:,\s*|\s+|$)", rest)
        if not m or not _CREDENTIAL.match(m.group(1)) or m.group(1).upper() != m.group(1) \
                or not 2 <= sum(c.isupper() for c in m.group(1)) <= 5 \
                or _ACRONYM_TITLE.fullmatch(m.group(1)):
            break  # "CEO" is the job, not a degree
        creds.append(m.group(1))
        rest = rest[m.end():]
    return creds, rest.strip(" ,-–—|")


def find_people(page: ParsedPage, lower_words: set[str], lines: list[Line] | None = None) -> list[Found]:
    """Everyone the page's lines name, each with a title where one is given.

    ``lines`` are the page's lines when the caller has them already; each gets the role its
    section heading gives (``Line.role``) on the way.
    """
    if lines is None:
        lines = page_lines(page)
    found: list[Found] = []
    role, role_level = None, 0  # the role a section heading gives its people ("Our Dentists")
    quotes = 0  # the level of a heading such as "What our clients say" above, 0 for none
    for at, line in enumerate(lines):
        if line.chrome == "nav":
            continue
        if line.heading or line.bold:
            new_role = _section_role(line.text) if len(line.text) < 60 else None
            level = line.heading or 7  # a bold line ranks under every heading
            if new_role or (line.heading and (not role or level <= role_level)):
                role, role_level = new_role, level
        if line.heading:
            if _QUOTE_HEADING.search(line.text):
                quotes = line.heading
            elif quotes and line.heading <= quotes:
                quotes = 0
        if quotes and not line.quote:
            line.quote = True
        line.role = role
        # the entry after a name that took the section's role, set alike ("Partners":
        # "Lisa J. Banks" / "Avi Kumin"), is the next of the list whatever its given name
        listed = bool(found) and role is not None and found[-1].at == at - 1 \
            and found[-1].title == role and _same_look(lines[at - 1], line)
        person = _read_line(lines, at, lower_words, role, listed)
        here = [person] if person else []
        if not person and (len(line.text) > 40 or not (line.bold or line.heading)):
            here = list(_in_prose(line, lines, at, lower_words))
            for one in here:
                one.route = "prose"
        for one in here:
            one.at = at
            if line.chrome and one.kind == "staff":
                one.kind = "named"  # a footer's credit ("designed by ...") is not the staff
        found += here
    return found


def _same_look(a: Line, b: Line) -> bool:
    """Whether two lines are set alike (bold, heading, quote, chrome, cell)."""
    return (a.bold, a.heading, a.quote, a.chrome, a.cell) == (b.bold, b.heading, b.quote, b.chrome, b.cell)


def _read_line(lines: list[Line], at: int, lower_words: set[str], role: str | None,
               listed: bool = False) -> Found | None:
    """The person a line names, if any; ``listed`` says the line follows a name that took
    the section's role in a list set alike, which vouches for a name alone on it."""
    line = lines[at]
    text = line.text
    if len(text) > 250:
        return None
    lead, name_part, rest = _split_line(text)
    signature = bool(lead) or line.quote or _after_quote(lines, at)
    # under words in quote marks, a name signs them whatever else is said of it
    signed = bool(lead) or line.quote or _after_quote(lines, at, marks=True)
    titled = bool(rest) and title_phrase(rest) is not None
    words = name_words(name_part, lower_words, strict=signature, titled=titled,
                       signed=signed and not _BY.match(text))
    if words is None and signature and not (lead or line.quote):
        words = name_words(name_part, lower_words, strict=False, titled=titled)
        signature = signed  # after someone's words, but no given name: judged as a card
    if words is None and _BY.match(text) and not rest:
        # a byline alone on its line ("by Sharlyn Lauby"): the name need not be in the census
        words = name_words(name_part, lower_words, strict=False)
    if words is None:
        return None
    if signature and not signed and not _BY.match(text):
        card_title = title_phrase(rest) or _next_title(lines, at, words)
        if card_title and not _elsewhere(card_title, lower_words):
            signature = False  # a card with its title after the last card's first-person bio
    if place_after(rest) and given_name(words[0]) < 0.05:
        return None  # "Cedar Hollow, NJ": a town and its state
    creds, rest = _credentials(rest)
    name = " ".join(words)
    first = words[0]
    if _BY.match(text) and not line.quote:
        quoted = bool(re.search(r"\(\w+ \d{1,2}, \d{4}\)|\bon \d", rest)) or signature and bool(lead) is False
        return Found(name, None, "quoted" if quoted or _after_quote(lines, at) else "named")
    title = title_phrase(rest) if rest else None
    if signature or _before_quote(lines, at):
        return Found(name, title, "quoted")
    if title and _elsewhere(rest, lower_words):
        return Found(name, title, "named", elsewhere=True)  # "Designer, Some Agency": a credit
    if rest and not title:
        if len(rest) > 60 or not creds:
            return None  # a name opening a sentence or a list of things: read as prose
    # the bio under it says "Arvin ...", or it is the next entry of a list of the role
    called = not rest and (listed or _bio_calls(lines, at, words))
    vouched = _given_first(first) or bool(_HONORIFIC.match(name_part)) or called
    if title is None:
        title = _next_title(lines, at, words)
        if title and not vouched and not family_name(words[-1]):
            return None  # "Who Should Attend" / "Marketing Managers": a feature, not a person
        if title and _elsewhere(title, lower_words):
            return Found(name, title, "named", elsewhere=True)
    if title is None:
        title = _label_title(lines, at)
    if title is None and not vouched and not creds:
        return None  # capitalised words with no given name: only a title beside them will do
    if title is None:
        title = _bio_around(lines, at, first)
    if title is None and _before_quote(lines, at, first_person=True):
        return Found(name, None, "quoted")
    if title is None and role:
        title = role
    if title is None and creds:
        # "Jo Bell, RDH": a licence says what they do, but it is no job title at this firm
        return Found(name, ", ".join(creds), "named")
    if title is None and not creds:
        if not (_given_first(first) or called):
            return None  # a bold "Loan Calculator": without a title, only a given name will do
        return Found(name, None, "named")  # named, but nothing says they work there
    return Found(name, title, "staff")


def _plural_role(word: str) -> bool:
    """Whether ``word`` is a role in the plural ("professors", "Dentists")."""
    lower = word.lower()
    return lower.endswith("s") and not lower.endswith("ss") and job_head(lower[:-1])


def _next_title(lines: list[Line], at: int, words: list[str]) -> str | None:
    """A title alone on the line after a name ("Jo Bell" / "Office Manager").

    A heading under a name in plain type is what the name signs (a work, a project), not
    the name's role: a card sets the name at least as boldly as the title.
    """
    nxt = lines[at + 1].text if at + 1 < len(lines) else ""
    if not nxt or len(nxt) > 80:
        return None
    if lines[at + 1].heading and not (lines[at].heading or lines[at].bold):
        return None
    found = title_phrase(nxt, whole=True)
    if not found or _names_someone(_SEPARATOR.split(nxt, 1)[0]):
        return None
    own = {w.lower() for w in words}
    last = found.split()[-1]
    if own & {w.lower().strip(",") for w in found.split()} or (
            last.endswith("s") and not last.endswith("ss") and job_head(last[:-1])):
        return None  # a line repeating the "name" ("Used Cisco" / "Used Cisco Servers"), or
        # a plural ("Investors"): a menu, not a person and their role
    return found


def _names_someone(text: str) -> bool:
    """Whether ``text`` is a name, or a name after the job words that open it ("Professor
    Gary Peller"): the next card's line, not a title."""
    words = text.split()
    while len(words) > 2 and job_head(words[0]):
        words.pop(0)
    return name_words(" ".join(words), set(), strict=False, titled=True) is not None


def _label_title(lines: list[Line], at: int) -> str | None:
    """A title on a label line before a name ("Office Manager:")."""
    prev = lines[at - 1].text if at else ""
    if prev.endswith(":") and len(prev) <= 60:
        return title_phrase(prev[:-1], whole=True)
    return None


def _bio_around(lines: list[Line], at: int, first: str) -> str | None:
    """A title the bio under a name states."""
    for bio in lines[at + 1:at + 3]:
        if len(bio.text) > 60:
            return _bio_title(bio.text, first)
    return None


def _bio_calls(lines: list[Line], at: int, words: list[str]) -> bool:
    """Whether the bio under a name calls the person by the given name alone and speaks of
    them as "he" or "she" ("Arvin Marchel" / "As co-founder, Arvin brings ... His resume",
    "Walter (Bill) Babb" / "Bill began ... where he grew up"): the page vouches for a given
    name the census does not know. The word must stand without the family name after it
    ("Iowa State" / "Iowa State University is ..."); a product's blurb has no "he"."""
    given = [_NICKNAME.sub(r"\1", w) for w in words[:-1]
             if w is words[0] and not _INITIAL.match(w) or _NICKNAME.match(w)]
    for bio in lines[at + 1:at + 3]:
        if len(bio.text) > 60:
            head = bio.text[:400]
            return bool(_PERSONAL_PRONOUN.search(head)) and any(
                re.search(rf"\b{re.escape(w)}\b(?!\s+{re.escape(words[-1])})", head) for w in given)
    return False


_PERSONAL_PRONOUN = re.compile(r"\b(?:he|she|his|her|him)\b", re.I)


def _in_prose(line: Line, lines: list[Line], at: int, lower_words: set[str]) -> Iterator[Found]:
    """Names inside a sentence, when the first word is a known given name."""
    text = line.text
    for m in _IN_PROSE.finditer(text):
        words = name_words(m.group(0), lower_words, strict=True)
        if words is None or not _given_first(words[0]) and not _HONORIFIC.match(m.group(0)):
            continue
        before, after = text[:m.start()], text[m.end():]
        title = None
        if re.match(r"^\s?(?:[A-Z&]|and [A-Z])", after):
            continue  # one of more capitalised words: a firm's name ("Jo Bell Web Design")
        if _FIRM_BEFORE.search(before):
            continue  # the rest of a firm's name ("Hartley & Son Joinery")
        if after.startswith(",") and _PLACE_TAIL.match((after[1:].split() or [""])[0].rstrip(".,;")):
            continue  # "Cedar Hollow, NJ": a town
        title = _title_before(before) if before.rstrip().endswith(",") else None
        tail = after
        creds, tail = _credentials(tail) if tail.startswith(",") else ([], tail)
        appositive = re.match(r"^\s*(?:,|[-–—])?\s*([^,.;]{3,80}?)(?:,|\.|;| on | at |$)",
                              ", " + tail if creds else tail)
        if title is None and appositive and (after.startswith((",", " -", " –", " —")) or creds):
            title = title_phrase(appositive.group(1))
        if title is None:
            verb = _IS_TITLE.match(after)
            title = title_phrase(verb.group(1)) if verb else None
        if title is None and not before.rstrip().endswith(","):
            title = _title_before(before)
        quoted = line.quote or _after_quote(lines, at) and text.lstrip()[0] in "-–—"
        yield Found(" ".join(words), title, "quoted" if quoted else ("staff" if title else "named"))


#: A capitalised word and an ampersand just before a run of words: they end a firm's name.
_FIRM_BEFORE = re.compile(r"[A-Z][\w'’]*\s*&\s*$")
#: Words that end a title read backwards from a name ("know that | Customer service coordinator").
_BEFORE_STOP = {"that", "the", "a", "an", "our", "their", "your", "his", "her", "by", "with",
                "and", "to", "of", "for", "know", "from", "at", "in", "on", "is", "was", "as",
                "thanks", "thank", "said", "says", "says,", "meet", "call", "contact", "ask"}


_IS_TITLE = re.compile(r"^,?\s+(?:is|has been|serves as|works as)\s+(?:the |our |a |an |its )?"
                       r"([A-Za-z][\w\-/& ]{1,80})")


def _title_before(before: str) -> str | None:
    """A role written just before a name ("our office manager Jo Bell" -> "office manager",
    "Clinical Supervisor, Jo Bell, RN, is ...")."""
    lead = re.search(r"(?:^|[.!?]\s+)([^.!?,]{2,60}),\s*$", before)
    if lead and title_phrase(lead.group(1), whole=True):
        return clean(lead.group(1))
    words = re.findall(r"[A-Za-z][\w\-’']*", re.split(r"[,.;:()]", before[-80:])[-1])
    if not words or not job_head(words[-1]) or not before.rstrip().endswith(words[-1]):
        return None
    if _plural_role(words[-1]):
        return None  # "associate professors Jo Bell (Univ. of X), ...": a group's guests
    title = [words.pop()]
    while words and len(title) < 5 and words[-1].lower() not in _BEFORE_STOP:
        title.insert(0, words.pop())
    return " ".join(title)
