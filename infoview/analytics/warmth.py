"""Warm paths: everyone the user can reach at an organization, and how, warmest first.

The ranking, over plain data. Reading the store for it is
:func:`infoview.flows.warm.warm_paths` (what the CLI and the research panel call).

Who counts, for a target organization:

- people who work there now (their organization), or worked there before (a past
  :class:`~infoview.models.Affiliation`: from a newer LinkedIn archive, research of their
  page, a debrief), or whose researched bio or the user's notes mention it;
- with a company research result, the people listed on its pages (cold when unknown).

What makes a path warm (each is a *tie*, with the reason shown to the user):

=============  =====  ==============================================================
tie            score  when
=============  =====  ==============================================================
met            100    the user held a meeting with them
referred        90    someone suggested them to the user (the referrals table)
known           70-85 how the user knows them: friend, referral, colleague, alumni
replied         65    they answered a message of the user's
introduction    60    one introduction away: a person the user met works or worked
                      there too, or the referral graph links that person to them
connection      55    a LinkedIn connection
common ground   45    a school or former employer shared with the user
host ground     35    a school or former employer shared with someone the user met
contacted       20    written to, no answer yet
cold            10    nothing yet
=============  =====  ==============================================================

Warmth is the best tie's score, times 1.0 for someone there now, 0.85 for someone who
worked there before and 0.7 for a mention only; each further tie adds 2 (up to 8), so two
equally warm people are ordered by how many ways lead to them.

Organization names match without case, accents, punctuation or legal suffixes
(:func:`~infoview.text.org_key`): "Kestrel Health Labs, Inc." is "kestrel health
labs". A name that plainly is a stored organization written shorter or fuller is that
organization (:class:`~infoview.store.matching.OrganizationIndex`): with "Kestrel Health"
kept, Ana typed at "Kestrel Health Labs" works there.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from infoview.errors import BadInput
from infoview.store.matching import OrganizationIndex
from infoview.text import name_key, org_key
from infoview.times import day_words, stored_day

#: Score of each tie, warmest first.
TIE_SCORES: dict[str, int] = {
    "met": 100, "referred": 90, "known": 85, "replied": 65, "introduction": 60,
    "connection": 55, "common_ground": 45, "host_ground": 35, "contacted": 20, "cold": 10,
}
#: Warmth in words, from the lowest score that earns them: met, referred or a friend is
#: very warm; a reply, an introduction or a connection warm; shared ground lukewarm; a
#: message with no answer yet, or a mention only, cool.
WARMTH_WORDS: tuple[tuple[int, str], ...] = (
    (75, "very warm"), (50, "warm"), (30, "lukewarm"), (0, "cool"))
#: Score of the ``known`` tie by how the user knows them.
KNOWN_SCORES: dict[str, int] = {"friend": 85, "referral": 80, "colleague": 70, "alumni": 70}
#: How much a person's link to the organization counts.
RELATION_WEIGHT: dict[str, float] = {"now": 1.0, "before": 0.85, "mentioned": 0.7,
                                     "listed": 1.0}
#: Ties that mean the user already knows the person: they make an advocate (LAMP).
ADVOCATE_TIES: frozenset[str] = frozenset(("met", "referred", "known", "replied", "connection"))


@dataclass
class WarmPath:
    """One person the user can reach at the organization.

    Attributes:
        person_id: their id in the store (``None`` for someone only listed on the pages).
        name, title, organization: who they are now.
        relation: ``now``, ``before`` (worked there), ``mentioned`` or ``listed``.
        warmth: 0-100, higher is warmer.
        tie: the warmest tie (a key of :data:`TIE_SCORES`).
        via: the person to ask for an introduction, when the path goes through one.
        reasons: every reason, warmest first, as short sentences.
    """

    person_id: int | None
    name: str
    title: str | None
    organization: str | None
    relation: str
    warmth: int
    tie: str
    via: str | None = None
    via_id: int | None = None
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return dict(self.__dict__)

    def warmth_words(self) -> str:
        """How warm the path is, in words a reader takes in at a glance ("very warm",
        "cold: no link yet"): the score orders the list, but a bare 10 reads as a grade."""
        if self.tie == "cold":
            return "cold: no link yet"
        for floor, words in WARMTH_WORDS:
            if self.warmth >= floor:
                return words
        return WARMTH_WORDS[-1][1]


@dataclass
class _Person:
    id: int
    name: str
    title: str | None
    organization: str | None
    how_known: str
    connected_on: date | None
    notes: str | None
    imported: bool = False  # how_known is the LinkedIn import's default, not the user's word


def _day(value: Any) -> date | None:
    if value is None or value != value:  # None or NaN/NaT
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value)
    return date.fromisoformat(text[:10]) if text else None


class Network:
    """What warm paths read: people, their histories, meetings, referrals, messages.

    Plain data in (the ``add_*`` methods), ranked paths out (:meth:`paths`); nothing here
    reads the store. :func:`infoview.flows.warm.read_network` fills one from the store:
    build it once and ask for many organizations. The stored organizations come first
    (:meth:`add_organization`), so that everything after is grouped by them (:meth:`key`).
    """

    def __init__(self) -> None:
        self.people: dict[int, _Person] = {}
        self.by_org: dict[str, set[int]] = defaultdict(set)
        self.past: dict[str, dict[int, tuple[str | None, str, str]]] = defaultdict(dict)
        self.ground: dict[int, dict[str, tuple[str, str]]] = defaultdict(dict)
        self.met: dict[int, date | None] = {}
        self.referred_by: dict[int, list[tuple[int, str]]] = defaultdict(list)
        self.edges: dict[int, set[int]] = defaultdict(set)
        self.sent: dict[int, date | None] = {}
        self.replied: dict[int, date | None] = {}
        self.texts: dict[int, list[tuple[str, str]]] = defaultdict(list)
        self.my_ground: dict[str, tuple[str, str]] = {}
        self.companies: dict[str, list[dict]] = {}
        self.names: dict[str, str] = {}
        self.organizations = OrganizationIndex()
        self._hosts: list[tuple[int, dict[str, tuple[str, str]]]] = []

    # ---- building -----------------------------------------------------------------------

    def add_person(self, pid: int, name: str, title: str | None, organization: str | None,
                   how_known: str, connected_on: Any, notes: str | None,
                   tags: str | None = None) -> None:
        """One person as the store holds them (``tags`` as its JSON text)."""
        # how_known "colleague" is the LinkedIn import's default, not the user's word.
        imported = bool(connected_on) and how_known == "colleague" and '"linkedin"' in (tags or "")
        self._person(_Person(pid, name, title, organization, how_known, _day(connected_on),
                             notes, imported))

    def add_organization(self, name: str) -> None:
        """A stored organization's name, as the user's records spell it (before the people,
        affiliations and research that name it)."""
        self.organizations.add(name)
        self.names.setdefault(org_key(name), name)

    def key(self, name: str | None) -> str:
        """The key ``name`` is grouped under: the stored organization it plainly is, else
        its own :func:`~infoview.text.org_key`."""
        return self.organizations.key(name)

    def add_affiliation(self, pid: int, org: str, kind: str, status: str, title: str | None,
                        source: str) -> None:
        """A school or employer of a person, now (``status`` current) or before."""
        self._affiliation(pid, org, kind, status, title, source)

    def add_meeting(self, pid: int, starts_at: Any, status: str, notes: str | None) -> None:
        """A meeting with a person: a held one is a ``met`` tie; its notes may mention."""
        if status == "held":
            when = _day(starts_at)
            previous = self.met.get(pid)
            self.met[pid] = max(d for d in (when, previous) if d) if (when or previous) \
                else None
        if notes:
            self.texts[pid].append(("your meeting notes", notes))

    def add_referral(self, src: int, dst: int, may_mention: str | None) -> None:
        """``src`` suggested ``dst`` to the user."""
        self.referred_by[dst].append((src, may_mention or "unknown"))
        self.edges[src].add(dst)
        self.edges[dst].add(src)

    def add_outreach(self, pid: int, last_sent: Any, last_replied: Any) -> None:
        """The latest message sent to a person and their latest reply (or ``None``)."""
        self.sent[pid] = _day(last_sent)
        if last_replied:
            self.replied[pid] = _day(last_replied)

    def add_research(self, kind: str, pid: int | None, record: dict) -> None:
        """A saved research result (its dict): a person's page may mention the target, a
        company's pages list its people."""
        if kind == "person" and pid is not None:
            for attr, label in (("bio", "their researched bio"),
                                ("organization", "their researched page")):
                if record.get(attr):
                    self.texts[pid].append((label, str(record[attr])))
        elif kind == "company" and record.get("name"):
            self.companies[self.key(record["name"])] = [
                p for p in record.get("people") or []
                if not isinstance(p, dict) or p.get("kind", "staff") == "staff"]
            self.names.setdefault(self.key(record["name"]), str(record["name"]))

    def _person(self, person: _Person) -> None:
        self.people[person.id] = person
        key = self.key(person.organization)
        if key:
            self.by_org[key].add(person.id)
            self.ground[person.id].setdefault(key, ("work", person.organization or ""))
        if person.notes:
            self.texts[person.id].append(("your notes about them", person.notes))

    def _affiliation(self, pid: int, org: str, kind: str, status: str, title: str | None,
                     source: str) -> None:
        key = self.key(org)
        if not key:
            return
        self.ground[pid].setdefault(key, (kind, org))
        if kind == "work" and status == "past":
            self.past[key][pid] = (title, source, org)
        elif kind == "work":
            self.by_org[key].add(pid)

    def set_profile(self, schools: Iterable[str], employers: Iterable[str]) -> None:
        """The user's own schools and employers (common ground)."""
        self.my_ground = {}
        for kind, values in (("school", schools), ("work", employers)):
            for value in values or ():
                if self.key(value):
                    self.my_ground.setdefault(self.key(value), (kind, value))

    # ---- asking ---------------------------------------------------------------------------

    def paths(self, target: str, listed: Iterable[dict] | None = None) -> list[WarmPath]:
        """Warm paths to ``target`` (an organization name), warmest first."""
        key = self.key(target)
        if not key:
            raise BadInput("give the organization's name, e.g. \"Kestrel Health Labs\"")
        target = self.names.get(key) or target  # the name as the user's records spell it
        relation: dict[int, tuple[str, str]] = {}
        for pid in self.by_org.get(key, ()):
            person = self.people.get(pid)
            if person is None:
                continue
            role = f" as {person.title}" if person.title and self.key(
                person.organization) == key else ""
            relation[pid] = ("now", f"works at {target}{role}")
        for pid, (title, source, org) in self.past.get(key, {}).items():
            if pid in self.people and pid not in relation:
                was = f" as {title}" if title else ""
                relation[pid] = ("before", f"worked at {org}{was} (from {source})")
        pattern = _mention_pattern(target)
        for pid, texts in self.texts.items():
            if pid in relation or pid not in self.people:
                continue
            for label, text in texts:
                if pattern.search(text):
                    relation[pid] = ("mentioned", f"{label} mentions {target}")
                    break
        insiders = {pid for pid in relation if pid in self.met}
        self._hosts = [(h, self.ground.get(h, {})) for h in sorted(self.met)
                       if h in self.people]
        out = [self._path(pid, rel, why, target, key, insiders)
               for pid, (rel, why) in relation.items()]
        out.extend(self._listed(listed if listed is not None else self.companies.get(key, []),
                                relation, target))
        out.sort(key=lambda p: (-p.warmth, p.name.casefold(), p.person_id or 0))
        return out

    def _listed(self, listed: Iterable[dict], known: dict[int, Any],
                target: str) -> list[WarmPath]:
        """People named on the organization's pages whom the store does not link to it."""
        names = {name_key(p.name): pid for pid, p in self.people.items() if pid in known}
        out = []
        for entry in listed:
            name = str(entry.get("name") or "").strip()
            if not name or name_key(name) in names:
                continue
            names[name_key(name)] = -1
            out.append(WarmPath(None, name, entry.get("title"), target, "listed",
                                TIE_SCORES["cold"], "cold",
                                reasons=[f"listed on the pages of {target}; no tie yet"]))
        return out

    def _path(self, pid: int, rel: str, why: str, target: str, key: str,
              insiders: set[int]) -> WarmPath:
        person = self.people[pid]
        ties: list[tuple[int, str, str, int | None]] = []  # (score, tie, reason, via id)
        if pid in self.met:
            when = self.met[pid]
            ties.append((100, "met", f"you met them{f' on {when}' if when else ''}", None))
        for src, mention in self.referred_by.get(pid, ()):
            if src in self.people:
                extra = "; you may mention their name" if mention == "yes" else ""
                ties.append((90, "referred", f"{self.people[src].name} suggested them{extra}",
                             src))
        if person.how_known in KNOWN_SCORES and not person.imported:
            ties.append((KNOWN_SCORES[person.how_known], "known",
                         f"you know them ({person.how_known})", None))
        if pid in self.replied:
            replied = self.replied[pid]
            on = f" on {day_words(replied)}" if replied is not None else ""
            ties.append((65, "replied", f"they replied to you{on}", None))
        ties.extend(self._introductions(pid, target, insiders))
        if person.connected_on:
            ties.append((55, "connection", f"LinkedIn connection since {stored_day(person.connected_on)}",
                         None))
        theirs = {k: v for k, v in self.ground.get(pid, {}).items() if k != key}
        for k, (kind, value) in theirs.items():
            if k in self.my_ground:
                verb = "studied" if kind == "school" else "worked"
                ties.append((45, "common_ground", f"you both {verb} at {value}", None))
        ties.extend(self._host_ground(pid, theirs))
        if pid in self.sent and pid not in self.replied:
            ties.append((20, "contacted", f"you wrote to them on {self.sent[pid]}; no answer "
                                          "yet", None))
        if not ties:
            ties.append((10, "cold", "no tie yet", None))
        ties.sort(key=lambda t: -t[0])
        best = ties[0]
        bonus = min(8, 2 * (len({t[1] for t in ties}) - 1))
        warmth = min(100, round(best[0] * RELATION_WEIGHT[rel]) + bonus)
        via = self.people[best[3]].name if best[3] is not None else None
        return WarmPath(pid, person.name, person.title, person.organization, rel, warmth,
                        best[1], via, best[3], [why, *(t[2] for t in ties)])

    def _introductions(self, pid: int, target: str,
                       insiders: set[int]) -> list[tuple[int, str, str, int | None]]:
        out: list[tuple[int, str, str, int | None]] = []
        referrers = {src for src, _m in self.referred_by.get(pid, ())}
        for other in sorted(insiders - {pid} - referrers):
            out.append((60, "introduction", f"one introduction away: {self.people[other].name}, "
                                            f"whom you met, is or was at {target} too", other))
            break
        for other in sorted(self.edges.get(pid, ())):
            if other in self.met and other != pid and other not in referrers:
                out.append((60, "introduction", f"one introduction away through "
                                                f"{self.people[other].name}, whom you met",
                            other))
                break
        return out

    def _host_ground(self, pid: int,
                     theirs: dict[str, tuple[str, str]]) -> list[tuple[int, str, str, int | None]]:
        for host, ground in self._hosts:
            if host == pid:
                continue
            shared = [v for k, v in ground.items()
                      if k in theirs and k not in self.my_ground]
            if shared:
                kind, value = shared[0]
                verb = "studied" if kind == "school" else "worked"
                reason = f"{self.people[host].name}, whom you met, also {verb} at {value}"
                return [(35, "host_ground", reason, host)]
        return []


def _mention_pattern(target: str) -> re.Pattern[str]:
    words = target.split()
    # Legal suffixes are optional in prose ("at Kestrel Health Labs" for "..., Inc.").
    core = org_key(target).split() or words
    body = r"[\s,.-]+".join(re.escape(w) for w in core)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def target_name(target: Any) -> tuple[str, list[dict] | None]:
    """The organization's name, and the people listed, from a name, an
    :class:`~infoview.models.Organization`, a company research result or its dict."""
    if isinstance(target, str):
        return target.strip(), None
    if isinstance(target, dict):
        data = target
    elif hasattr(target, "to_dict"):
        data = target.to_dict()
    else:
        raise BadInput(f"give an organization's name or a researched company, not {target!r}")
    name = str(data.get("name") or "").strip()
    if not name:
        raise BadInput("this research result has no organization name; give the name instead")
    people = data.get("people")
    if not isinstance(people, list):
        return name, None
    # customers quoted on the site and other names are not people at the organization
    return name, [dict(p) for p in people if not isinstance(p, dict) or p.get("kind", "staff") == "staff"]


def paths_frame(paths: list[WarmPath]):
    """The paths as a DataFrame (reasons joined by "; "), for notebooks."""
    import pandas as pd

    columns = ["warmth", "name", "title", "organization", "relation", "tie", "via", "reasons",
               "person_id"]
    rows = [{**p.to_dict(), "reasons": "; ".join(p.reasons)} for p in paths]
    return pd.DataFrame(rows, columns=columns)


def advocates_by_org(frames) -> Any:
    """How many people the user already knows (a tie in :data:`ADVOCATE_TIES`) are at each
    organization now or were before, by :func:`org_key`: LAMP's advocacy.

    Vectorised over the store's frames, with the same rules as :meth:`Network.paths`.
    """
    import numpy as np
    import pandas as pd

    from infoview.analytics._frames import id_flags, is_in, org_keys, people_org_keys, table

    people = table(frames, "people")
    meetings = table(frames, "meetings")
    referrals = table(frames, "referrals")
    outreach = table(frames, "outreach")
    affiliations = table(frames, "affiliations")
    ids = pd.Series(people["id"].astype("Int64").to_numpy())
    known = (
        is_in(people["how_known"], tuple(KNOWN_SCORES))
        | people["connected_on"].notna().to_numpy()
        | id_flags(ids, meetings.loc[is_in(meetings["status"], ["held"]), "person_id"])
        | id_flags(ids, referrals["to_person_id"])
        | id_flags(ids, outreach.loc[outreach["replied_at"].notna(), "person_id"])
    )
    known_ids = ids[known]
    # people at their organization now, by the code of its key, then past employers
    person_key, keys = people_org_keys(frames)
    now = ids.notna().to_numpy() & (person_key >= 0) & id_flags(ids, known_ids)
    work = affiliations.loc[is_in(affiliations["kind"], ["work"]), ["person_id", "organization"]]
    work = work.dropna()
    work = work.loc[work["person_id"].isin(known_ids.dropna()).to_numpy()]
    work_keys = org_keys(work["organization"], frames).astype(object)
    known_keys = set(keys)
    keys = np.append(keys, np.asarray([k for k in dict.fromkeys(work_keys.dropna())
                                       if k not in known_keys], dtype=object))
    position = {k: i for i, k in enumerate(keys)}
    links = pd.DataFrame({
        "key": np.concatenate([person_key[now], np.array(
            [-1 if k is None or k is pd.NA else position[k] for k in work_keys],
            dtype=np.int64)]),
        "person_id": np.concatenate([ids[now].to_numpy(dtype="int64"),
                                     pd.to_numeric(work["person_id"]).to_numpy(dtype="int64")]),
    })
    links = links.loc[links["key"].to_numpy() >= 0]
    if len(work) or not ids.is_unique:  # else each person is at one organization once
        links = links.drop_duplicates()
    if links.empty:
        return pd.Series(dtype="int64")
    counts = np.bincount(links["key"].to_numpy(), minlength=len(keys))
    found = np.flatnonzero(counts)
    return pd.Series(counts[found], index=pd.Index(keys[found], dtype="string", name="key"),
                     name="person_id").sort_index()
