"""The question bank: a CSV file shipped in ``data/``, optionally merged with the user's own.

The shipped bank is ``questions.csv`` in :func:`infoview.paths.data_dir`. Its columns:

``id, category, minutes, weight, audiences, answered_by_research, tags, text``

plus optional columns: ``favourite`` and ``never`` (yes/no), that mostly matter in the
user's own file, and ``builds_on``, the research topics a question draws on without being
answered by them ("How has {company} changed since you joined?" builds on the company's
history: research makes it sharper, never unnecessary). ``answered_by_research`` holds the
topics whose facts do answer a question, so that a plan leaves it out when research found
them. List cells (audiences, answered_by_research, tags, builds_on) hold words separated by
spaces or semicolons. A user file has the same columns and is merged by id: a new id adds a
question (``category`` and ``text`` required), a known id overrides only the cells that are
filled in, so a row holding just ``id,favourite`` marks a shipped question as a favourite.

The user file comes from the ``user_file`` argument, else from ``$INFOVIEW_QUESTIONS``,
else from the file the app keeps beside the store (:func:`use_own_file`).
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import os
import re
from collections.abc import Mapping
from pathlib import Path

from infoview.errors import BadInputFile
from infoview.paths import data_dir
from infoview.questions.models import (
    AUDIENCES,
    CATEGORIES,
    PLACEHOLDERS,
    RESEARCH_TOPICS,
    Question,
)
from infoview.sheettext import decode_sheet, delimiter_of
from infoview.text import mid_sentence

log = logging.getLogger(__name__)

#: Environment variable naming the user's own question file.
USER_BANK_ENV = "INFOVIEW_QUESTIONS"

BANK_FILE_NAME = "questions.csv"

#: Columns every bank file has, in the shipped file's order.
COLUMNS: tuple[str, ...] = (
    "id", "category", "minutes", "weight", "audiences", "answered_by_research", "tags", "text",
)
OPTIONAL_COLUMNS: tuple[str, ...] = ("favourite", "never", "builds_on")

_LIST_SPLIT = re.compile(r"[;\s]+")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"no", "n", "false", "0", ""}

#: Neutral words used when a placeholder has no value. Chosen so that each reads naturally
#: where the bank uses it: "in {profession}" -> "in your field", "at {company}" -> "at your
#: company". ``{role}`` is written "a {role}" or "as a {role}" in the bank; without a value
#: these become "someone in your role" and "in your role" (see :func:`fill_placeholders`).
NEUTRAL_FILLS: dict[str, str] = {
    "role": "your role",
    "profession": "your field",
    "industry": "your industry",
    "company": "your company",
    "person": "you",
}


def shipped_bank_path() -> Path:
    """The bank file shipped with infoview."""
    return data_dir() / BANK_FILE_NAME


@functools.lru_cache(maxsize=1)
def shipped_questions() -> tuple[Question, ...]:
    """The shipped bank alone (no user file), read once: the linter's rewordings and the
    closing pair as written come from it."""
    return tuple(_read_file(shipped_bank_path(), partial=False))


#: The user's own file for this process, set by the app when it opens a store that has one
#: beside it (:func:`use_own_file`); used when no argument nor ``$INFOVIEW_QUESTIONS`` names one.
_own_file: Path | None = None


def use_own_file(path: str | Path | None) -> None:
    """Merge ``path`` into every bank this process loads from now on (``None``: stop)."""
    global _own_file
    _own_file = Path(path) if path is not None else None


def load_bank(path: str | Path | None = None, user_file: str | Path | None = None) -> list[Question]:
    """Read the question bank, merged with the user's own file when there is one.

    Args:
        path: the main bank file; the shipped one by default.
        user_file: the user's additions and overrides (same columns, merged by id). When
            ``None``, ``$INFOVIEW_QUESTIONS`` is used if set, else the app's own file.

    Returns:
        The questions in file order (user additions at the end).

    Raises:
        BadInputFile: a file is missing, is not a bank (columns), or has a bad row; the
            message names the file and the line.
    """
    main_path = Path(path) if path is not None else shipped_bank_path()
    questions = {q.id: q for q in _read_file(main_path, partial=False)}
    if user_file is None and os.environ.get(USER_BANK_ENV):
        user_file = os.environ[USER_BANK_ENV]
    if user_file is None and _own_file is not None and _own_file.is_file():
        user_file = _own_file
    if user_file is not None:
        _merge(questions, Path(user_file).expanduser())
    return list(questions.values())


def _merge(questions: dict[str, Question], user_path: Path) -> None:
    """Add or override questions of ``questions`` with the rows of ``user_path``."""
    for line, cells in _rows(user_path, partial=True):
        qid = cells["id"]
        known = questions.get(qid)
        if known is None:
            questions[qid] = _question(cells, user_path, line)
            continue
        filled = {k: v for k, v in cells.items() if v != ""}
        merged = {**_cells_of(known), **filled}
        questions[qid] = _question(merged, user_path, line)
    log.debug("merged user bank %s", user_path)


def _cells_of(question: Question) -> dict[str, str]:
    """A question back as CSV cells, so that a partial user row can be merged over it."""
    return {
        "id": question.id,
        "category": question.category,
        "minutes": f"{question.minutes:g}",
        "weight": f"{question.weight:g}",
        "audiences": " ".join(question.audiences),
        "answered_by_research": " ".join(question.answered_by_research),
        "tags": " ".join(question.tags),
        "text": question.text,
        "favourite": "yes" if question.favourite else "no",
        "never": "yes" if question.never else "no",
        "builds_on": " ".join(question.builds_on),
    }


def _read_file(path: Path, *, partial: bool) -> list[Question]:
    seen: dict[str, int] = {}
    out = []
    for line, cells in _rows(path, partial=partial):
        if cells["id"] in seen:
            raise BadInputFile(
                f"question id {cells['id']!r} appears twice (first on line {seen[cells['id']]}); "
                "give each question its own id", path, line)
        seen[cells["id"]] = line
        out.append(_question(cells, path, line))
    return out


def _rows(path: Path, *, partial: bool):
    """Yield ``(line number, cells)`` for each non-empty row; checks the header."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadInputFile(f"cannot open the question file ({exc.strerror or exc})", path) from exc
    # Whatever Excel saved it as: CSV UTF-8, CSV (Windows text), Unicode Text (tabs), ...
    content = decode_sheet(raw, path).text
    with io.StringIO(content, newline="") as handle:
        reader = csv.DictReader(handle, skipinitialspace=True, delimiter=delimiter_of(content))
        header = [h.strip() for h in reader.fieldnames or []]
        reader.fieldnames = header
        required = ("id",) if partial else COLUMNS
        missing = [c for c in required if c not in header]
        if missing:
            raise BadInputFile(
                f"missing column(s) {', '.join(missing)}; a question file starts with the "
                f"header line: {','.join(COLUMNS)}", path, 1)
        unknown = [c for c in header if c not in COLUMNS + OPTIONAL_COLUMNS]
        if unknown:
            raise BadInputFile(
                f"unknown column(s) {', '.join(unknown)}; known columns are "
                f"{', '.join(COLUMNS + OPTIONAL_COLUMNS)}", path, 1)
        try:
            for row in reader:
                if None in row:
                    raise BadInputFile(
                        "more cells than columns (quote a text that holds commas)",
                        path, reader.line_num)
                cells = {k: (v or "").strip() for k, v in row.items()}
                if not any(cells.values()) or cells.get("id", "").startswith("#"):
                    continue
                yield reader.line_num, cells
        except csv.Error as exc:
            raise BadInputFile(f"not a readable CSV file ({exc})", path, reader.line_num) from exc


def _question(cells: dict[str, str], path: Path, line: int) -> Question:
    """Build and check one question from its cells."""

    def bad(message: str) -> BadInputFile:
        return BadInputFile(message, path, line)

    qid = cells.get("id", "")
    if not _ID.match(qid):
        raise bad(f"question id {qid!r} must be letters, digits, '-', '_' or '.' (like path-01)")
    category = cells.get("category", "")
    if category not in CATEGORIES:
        raise bad(f"{qid}: unknown category {category!r}; use one of {', '.join(CATEGORIES)}")
    text = " ".join(cells.get("text", "").split())
    if not text:
        raise bad(f"{qid}: the text is empty")
    unknown = sorted(set(_PLACEHOLDER.findall(text)) - set(PLACEHOLDERS))
    if unknown:
        raise bad(f"{qid}: unknown placeholder(s) {', '.join('{' + u + '}' for u in unknown)}; "
                  f"use {', '.join('{' + p + '}' for p in PLACEHOLDERS)}")
    minutes = _number(cells.get("minutes") or "2", "minutes", qid, bad)
    if not 0 < minutes <= 30:
        raise bad(f"{qid}: minutes must be more than 0 and at most 30, not {minutes:g}")
    weight = _number(cells.get("weight") or "3", "weight", qid, bad)
    if weight < 0:
        raise bad(f"{qid}: weight must be 0 or more, not {weight:g}")
    audiences = _words(cells.get("audiences") or "anyone")
    bad_aud = [a for a in audiences if a not in AUDIENCES]
    if bad_aud:
        raise bad(f"{qid}: unknown audience(s) {', '.join(bad_aud)}; use {', '.join(AUDIENCES)}")
    topics = _topics(cells.get("answered_by_research", ""), "answered_by_research", qid, bad)
    return Question(
        id=qid, category=category, text=text, minutes=minutes, weight=weight,
        audiences=audiences, answered_by_research=topics,
        tags=_words(cells.get("tags", "")),
        favourite=_flag(cells.get("favourite", ""), "favourite", qid, bad),
        never=_flag(cells.get("never", ""), "never", qid, bad),
        builds_on=_topics(cells.get("builds_on", ""), "builds_on", qid, bad),
    )


def _topics(value: str, column: str, qid: str, bad) -> list[str]:
    topics = _words(value)
    unknown = [t for t in topics if t not in RESEARCH_TOPICS]
    if unknown:
        raise bad(f"{qid}: unknown research topic(s) {', '.join(unknown)} in {column}; "
                  f"use {', '.join(RESEARCH_TOPICS)}")
    return topics


def _number(value: str, column: str, qid: str, bad) -> float:
    try:
        number = float(value)
    except ValueError:
        raise bad(f"{qid}: {column} must be a number, not {value!r}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise bad(f"{qid}: {column} must be a finite number, not {value!r}")
    return number


def _words(value: str) -> list[str]:
    return [w for w in _LIST_SPLIT.split(value.strip()) if w]


def _flag(value: str, column: str, qid: str, bad) -> bool:
    low = value.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise bad(f"{qid}: {column} must be yes or no, not {value!r}")


def placeholders_in(text: str) -> list[str]:
    """The ``{placeholder}`` names still present in ``text``."""
    return _PLACEHOLDER.findall(text)


def fill_placeholders(text: str, values: Mapping[str, str | None] | None = None) -> str:
    """Fill every known placeholder of ``text``, with a neutral phrase where a value is missing.

    "a {role}" takes "an" before a vowel sound ("an analyst"); without a role, "as a {role}"
    becomes "in your role" and "a {role}" becomes "someone in your role". Values lose any
    braces, so no ``{...}`` can come out of a filled text.

    Args:
        text: a bank text.
        values: placeholder name -> value; ``None`` or blank means missing.

    Returns:
        The filled text.
    """
    values = {k: _clean_value(k, v) for k, v in (values or {}).items()}
    # A typed field reads mid-sentence ("changing digital health"); names keep capitals.
    values = {k: mid_sentence(v) if v and k in _TERMS else v for k, v in values.items()}
    role = values.get("role")
    if role:
        text = re.sub(r"\b([Aa])n? \{role\}",
                      lambda m: f"{_article(role, m.group(1).isupper())} {role}", text)
    else:
        text = re.sub(r"\b([Aa])s an? \{role\}",
                      lambda m: _cased("in ", m[1]) + NEUTRAL_FILLS["role"], text)
        text = re.sub(r"\b([Aa])n? \{role\}",
                      lambda m: _cased("someone in ", m[1]) + NEUTRAL_FILLS["role"], text)

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name not in NEUTRAL_FILLS:
            return match.group(0)
        value = values.get(name) or NEUTRAL_FILLS[name]
        before = match.string[:match.start()].rstrip()
        if before and not before.endswith((".", "?", "!")):
            return value
        return value[0].upper() + value[1:]  # a sentence starts with it

    return _PLACEHOLDER.sub(one, text)


#: Blanks the user fills with a term rather than a name: lowercased mid-sentence when
#: typed with an ordinary capital (:func:`infoview.text.mid_sentence`).
_TERMS = frozenset({"role", "profession", "industry"})


def _cased(words: str, like: str) -> str:
    """``words`` capitalised when the text it replaces began with a capital."""
    return words.capitalize() if like.isupper() else words


def _clean_value(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).replace("{", "").replace("}", "").split())
    if name == "role":
        value = re.sub(r"^(a|an|the)\s+", "", value, flags=re.IGNORECASE)
    return value or None


_AN_LETTERS = set("AEFHILMNORSX")  # acronyms read letter by letter: "an SEO lead"
_A_DESPITE_VOWEL = ("uni", "use", "usu", "uti", "ux", "eu", "one", "once")
_AN_DESPITE_H = ("hour", "honest", "honour", "heir")


def _article(phrase: str, capital: bool) -> str:
    """"a" or "an" for ``phrase``, judged by how its first word is likely pronounced."""
    word = phrase.split()[0]
    low = word.lower()
    if len(word) > 1 and word.isupper():
        an = word[0] in _AN_LETTERS
    elif low.startswith(_A_DESPITE_VOWEL):
        an = False
    elif low.startswith(_AN_DESPITE_H):
        an = True
    else:
        an = low[:1] in "aeiou"
    article = "an" if an else "a"
    return article.capitalize() if capital else article

