"""Render a :class:`~infoview.prep.brief.Brief` as Markdown, HTML, PDF or a calendar event.

Everything research scraped is untrusted. HTML is rendered by jinja2 with autoescape on,
links keep only http(s) and mailto schemes, and the page carries a Content-Security-Policy
that forbids scripts and external resources as a second line of defence. Markdown output
escapes every value through the environment's ``finalize`` hook, so a template cannot forget.
PDF is the same HTML printed by WeasyPrint, which is never allowed to fetch a URL.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Collection, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from infoview.errors import BadInput, InfoviewError
from infoview.prep.brief import WRITE_ON
from infoview.store.exports import export_format, write_export
from infoview.times import stored_day

if TYPE_CHECKING:
    from infoview.prep.brief import Brief
    from infoview.store.core import Store

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Sections of the default brief (the one that fits one printed page for 20 minutes).
DEFAULT_SECTIONS: tuple[str, ...] = ("who", "why", "company", "gaps", "logistics", "agenda",
                                     "reminders")
#: Sections that can be asked for on top of the default ones.
OPTIONAL_SECTIONS: tuple[str, ...] = ("notes",)
_SAFE_SCHEMES = {"http", "https", "mailto"}
_URL_SAFE = ":/?#[]@!$&'*+,;=%~()"
# Brackets are escaped, so no link can form and parentheses can stay as they are.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_LINE_START = re.compile(r"^(#+|[-+=]|\d+[.)])(?=\s|$)")


class PdfUnavailable(InfoviewError, RuntimeError):
    """WeasyPrint or the system libraries it needs (pango) are not installed."""


def safe_url(url: str | None) -> str:
    """``url`` when its scheme is http, https or mailto, else ``""`` (shown as text only)."""
    if not url:
        return ""
    url = str(url).strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    return url if scheme in _SAFE_SCHEMES else ""


def _minutes(value: float) -> str:
    return f"{value:g}"


class _MdSafe(str):
    """Text already made safe for Markdown (skips the finalize escaping)."""


def md_escape(value) -> str:
    """Make a value inert in Markdown: whitespace folded, markup characters backslashed."""
    if value is None:
        return ""
    if isinstance(value, _MdSafe):
        return value
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))
    text = _MD_ENTITY.sub(r"\\&", text)
    # A value may start a line, where "# ", "- " or "1." would turn it into markup.
    return _MD_LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)


def _md_link(url: str | None, text: str | None = None) -> _MdSafe:
    """``[text](url)`` when the URL is safe, else the escaped text alone."""
    label = md_escape(text or url or "")
    target = safe_url(url)
    if not target:
        return _MdSafe(label)
    # Inside <...> a Markdown link target may hold anything but spaces, < and >.
    return _MdSafe(f"[{label}](<{quote(target, safe=_URL_SAFE)}>)")


def agenda_flag(item) -> str:
    """The linter's warning kept on a planned question the user insisted on
    (``"⚠ yes/no question"``), ``""`` for a clean question or a fixed step of the agenda."""
    if getattr(item, "kind", "question") not in ("question", "closing"):
        return ""
    from infoview.questions.lint import flag_note

    return flag_note(item.text)


def _day(moment: date | datetime | str | None) -> str:
    """A day as the app writes one, "Mon 7 Dec 2026", not "2026-12-07" (a record's date,
    date-time or ISO text; ``""`` for none, so ``day or "undated"`` reads well)."""
    return stored_day(moment)


def _day_time(moment: datetime) -> str:
    """A day and clock as the app writes them, "Mon 7 Dec 2026, 14:51"."""
    return f"{_day(moment)}, {moment:%H:%M}"


def _environment(kind: str):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    if kind == "html":
        env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    else:
        env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=False,
                          finalize=md_escape, undefined=StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True)
        env.filters["link"] = _md_link
    env.globals["write_on"] = WRITE_ON  # a line to write on by hand, where a part is empty
    env.filters["safe_url"] = safe_url
    env.filters["minutes"] = _minutes
    env.filters["flag"] = agenda_flag
    env.filters["day"] = _day
    env.filters["day_time"] = _day_time
    return env


def _sections(sections: Collection[str] | None) -> tuple[str, ...]:
    if sections is None:
        return DEFAULT_SECTIONS
    unknown = set(sections) - set(DEFAULT_SECTIONS) - set(OPTIONAL_SECTIONS)
    if unknown:
        raise BadInput(f"unknown brief section(s) {', '.join(sorted(unknown))}: choose from "
                       f"{', '.join(DEFAULT_SECTIONS + OPTIONAL_SECTIONS)}")
    return tuple(sections)


def render_markdown(brief: Brief, sections: Collection[str] | None = None) -> str:
    """The brief as Markdown (every value escaped; unsafe links become plain text)."""
    text = _environment("md").get_template("brief.md.j2").render(
        brief=brief, sections=_sections(sections))
    # The line to write on stays a line to the eye in the text file (its underscores touch
    # no word, so Markdown keeps them as they are).
    text = text.replace(md_escape(WRITE_ON), WRITE_ON)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


#: How tightly a PDF may be set (0: as the web page; each level a smaller type and shorter
#: scraped texts), so that a long plan still prints on one page.
COMPACT_LEVELS = 4


def render_html(brief: Brief, sections: Collection[str] | None = None, *,
                compact: int = 0) -> str:
    """The brief as one self-contained HTML page with print styles.

    Args:
        compact: 0 to ``COMPACT_LEVELS - 1``: how tightly it prints (smaller type, shorter
            company texts, fewer news items and reminders); the agenda is never cut.
    """
    if not 0 <= compact < COMPACT_LEVELS:
        raise BadInput(f"compact must be 0 to {COMPACT_LEVELS - 1}, not {compact}")
    return _environment("html").get_template("brief.html.j2").render(
        brief=brief, sections=_sections(sections), fragment=False, compact=compact)


def render_html_fragment(brief: Brief, sections: Collection[str] | None = None) -> str:
    """The brief as a piece of a page (the notebook's preview): the same content and looks
    as :func:`render_html`, its styles scoped to one ``div.infoview-brief`` so they leave
    the page around it alone, and its links opening in a new tab (the page stays open).
    Shown inline, it takes the height it needs: no inner scrollbar cuts the agenda off."""
    text = _environment("html").get_template("brief.html.j2").render(
        brief=brief, sections=_sections(sections), fragment=True, compact=0)
    # Every <a> here comes from the template: scraped text is escaped and cannot make one.
    return text.replace("<a href=", '<a target="_blank" rel="noopener noreferrer" href=')


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"the brief is self-contained; refusing to fetch {url}")


#: The thread loading WeasyPrint ahead of a PDF export, once started (see :func:`warm_pdf`).
_WARMING: threading.Thread | None = None


def warm_pdf() -> threading.Thread | None:
    """Start loading WeasyPrint in a background thread, once per process; returns it.

    Loading it costs about a second (cffi parses pango's C declarations in Python), most of
    a PDF export. A panel that offers PDF export calls this when it opens, so that the click
    asking for a PDF finds it loaded. Where it cannot load, nothing is said here: the export
    says what to install when it is asked for.
    """
    global _WARMING
    if _WARMING is None and "weasyprint" not in sys.modules:
        def load() -> None:
            try:
                from weasyprint import HTML

                # one tiny page too: pango and fontconfig set themselves up on the first
                HTML(string="<p>infoview</p>", url_fetcher=_no_fetch).write_pdf()
            except Exception as exc:  # noqa: BLE001 (ImportError, OSError from the libraries)
                log.debug("WeasyPrint did not load ahead of time: %s", exc)

        _WARMING = threading.Thread(target=load, name="infoview-warm-pdf", daemon=True)
        _WARMING.start()
    return _WARMING


def _weasyprint_html():
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise PdfUnavailable("PDF export needs WeasyPrint and Debian's pango libraries: "
                             "`apt-get install -y libpango-1.0-0 libpangoft2-1.0-0` "
                             f"(or run `make system-deps`); {exc}") from exc
    return HTML


def html_to_pdf(html: str) -> bytes:
    """A self-contained HTML page printed to PDF by WeasyPrint, which may fetch nothing."""
    return _weasyprint_html()(string=html, url_fetcher=_no_fetch).write_pdf()


def render_pdf(brief: Brief, sections: Collection[str] | None = None) -> bytes:
    """The HTML brief printed to PDF by WeasyPrint, on A4.

    The brief is one page (plus the notes page when asked for): when a long plan or long
    research runs over, it is set again more tightly (:data:`COMPACT_LEVELS`) until it fits.
    A plan too long for one page even then (two hours of questions) keeps every question
    and runs over.
    """
    html_class = _weasyprint_html()
    pages = 2 if "notes" in _sections(sections) else 1
    document = None
    for level in range(COMPACT_LEVELS):
        document = html_class(string=render_html(brief, sections, compact=level),
                              url_fetcher=_no_fetch).render()
        if len(document.pages) <= pages:
            break
        log.info("the brief ran to %d pages; setting it more tightly", len(document.pages))
    assert document is not None  # COMPACT_LEVELS >= 1
    return document.write_pdf()


def _ics_description(brief: Brief) -> str:
    lines = [f"{item.mark}  {item.label}: {item.text}"
             + (f" ({agenda_flag(item)})" if agenda_flag(item) else "") for item in brief.agenda]
    contact = " · ".join(x for x in (brief.who.email, brief.who.phone) if x)
    return "\n".join([brief.title, contact, "", *lines, "", *brief.reminders]).strip()


def render_ics(brief: Brief, *, alarm_minutes: int = 30, stamp: datetime | None = None) -> bytes:
    """The meeting as an iCalendar event with a reminder ``alarm_minutes`` before it.

    Raises:
        BadInput: the meeting has no agreed time yet.
    """
    lg = brief.logistics
    if lg.starts_at is None:
        raise BadInput("the meeting has no start time yet: agree one and store it "
                       "(or leave out the ics format)")
    from infoview.prep.ics import calendar_bytes, make_event, new_calendar

    uid = (f"meeting-{brief.meeting_id}@infoview" if brief.meeting_id is not None
           else f"meeting-{re.sub(r'[^a-z0-9]+', '-', brief.who.name.lower())}-"
                f"{lg.starts_at:%Y%m%dT%H%M}@infoview")
    cal = new_calendar()
    cal.add_component(make_event(
        uid=uid, summary=brief.title, start=lg.starts_at, end=lg.ends_at,
        description=_ics_description(brief), location=lg.place or lg.link or lg.format,
        url=safe_url(lg.link) or None, alarm_minutes=alarm_minutes, stamp=stamp))
    return calendar_bytes(cal)


def _slug(text: str) -> str:
    """A name for a file: accents dropped ("Zoë" gives "zoe"); a name with no Latin letters
    keeps its own ("王伟"), so that two such names never share a file."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    if not re.search(r"[a-z]", slug):
        slug = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", text).lower()).strip("-")
    return slug


def _default_name(brief: Brief, ext: str) -> str:
    # Without a name yet, the company tells briefs apart (a fair's exhibitors, one a file).
    label = brief.who.name if brief.who.named else (brief.who.organization or "")
    slug = _slug(label) or "brief"
    day = (brief.logistics.starts_at or brief.generated_at).strftime("%Y-%m-%d")
    return f"brief-{slug}-{day}.{ext}"


def _render(brief: Brief, kind: str,
            sections: Collection[str] | None) -> tuple[str | bytes, str | None]:
    """The brief in one format: the file's text or bytes, and, for a PDF, the text it says
    (the Markdown it was set from, searchable in the exports registry)."""
    if kind == "md":
        return render_markdown(brief, sections), None
    if kind == "html":
        return render_html(brief, sections), None
    if kind == "pdf":
        return render_pdf(brief, sections), render_markdown(brief, sections)
    return render_ics(brief), None


def export_brief(brief: Brief, out: str | Path, fmt: str = "md", *,
                 sections: Collection[str] | None = None, store: Store | None = None) -> Path:
    """Write the brief in one format and return the file written.

    Args:
        brief: the :class:`~infoview.prep.brief.Brief`.
        out: a file path, or a folder (an existing one, or a path without a suffix) in which
            a name like ``brief-samira-okafor-2026-12-01.pdf`` is chosen.
        fmt: one of the brief's formats in :data:`~infoview.store.exports.EXPORT_FORMATS`
            (``md``, ``html``, ``pdf``, ``ics``).
        sections: the sections to include (default :data:`DEFAULT_SECTIONS`).
        store: the open store, to record the file in its exports registry (so that
            deleting the person can find it); not recorded without one.
    """
    return export_briefs(brief, out, [fmt], sections=sections, store=store)[0]


def export_briefs(brief: Brief, out: str | Path, formats: Iterable[str], *,
                  sections: Collection[str] | None = None,
                  store: Store | None = None) -> list[Path]:
    """Write the brief in several formats; every one is rendered before any file is
    written, so a format that cannot be made (a calendar event without a time, a PDF
    without its renderer) leaves no file of the others behind. Arguments as
    :func:`export_brief`."""
    kinds = [export_format(fmt, "brief").name for fmt in formats]
    rendered = [(kind, *_render(brief, kind, sections)) for kind in kinds]
    base = Path(out).expanduser()
    files = []
    for kind, content, text in rendered:
        path = base / _default_name(brief, kind) if base.is_dir() or not base.suffix else base
        files.append(write_export(store, path, content, text=text, person_ids=[brief.person_id],
                                  kind="calendar" if kind == "ics" else "brief"))
    return files
