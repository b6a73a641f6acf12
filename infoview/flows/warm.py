"""Warm paths read from the store: who the user can reach at an organization, and how.

The ranking itself is :mod:`infoview.analytics.warmth` (plain data in, ranked paths out,
shared with the LAMP target list); this module is the store-reading part that the CLI
(``infoview warm``) and the research panel call.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from infoview.analytics.warmth import Network, WarmPath, paths_frame, target_name
from infoview.text import org_variant

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store.core import Store

__all__ = ["Network", "WarmPath", "paths_frame", "read_network", "warm_paths"]


def read_network(store: Store, target: str | None = None) -> Network:
    """Read what warm paths need straight from the store (a few queries).

    With ``target``, only the people who can matter for that organization are read in
    full (those linked to it, the people met or in referrals, and those with notes or
    research that may mention it), which keeps a query fast on a large network.
    """
    net = Network()
    q = store.execute
    for (name,) in q("SELECT name FROM organizations ORDER BY id"):
        net.add_organization(name)  # first: the people are grouped by them
    affiliations = q("SELECT person_id, organization, kind, status, title, source "
                     "FROM affiliations")
    meetings = q("SELECT person_id, starts_at, status, notes FROM meetings")
    referrals = q("SELECT from_person_id, to_person_id, may_mention FROM referrals")
    research = q("SELECT kind, person_id, data FROM research ORDER BY fetched_at, id")
    wanted: set[int] | None = None
    if target is not None:
        key = net.key(target)
        wanted = {pid for pid, org in q("SELECT id, organization FROM people")
                  if net.key(org) == key}
        wanted |= {row[0] for row in affiliations}
        wanted |= {row[0] for row in meetings}
        wanted |= {row[0] for row in referrals} | {row[1] for row in referrals}
        wanted |= {row[1] for row in research if row[1] is not None}
        wanted |= {pid for (pid,) in q("SELECT id FROM people WHERE notes IS NOT NULL")}
    only = "" if wanted is None else " WHERE id IN (SELECT value FROM json_each(?))"
    args: list[Any] = [] if wanted is None else [json.dumps(sorted(wanted))]
    for row in q("SELECT id, name, title, organization, how_known, connected_on, notes, tags "
                 f"FROM people{only}", args):
        net.add_person(*row)
    for row in affiliations:
        net.add_affiliation(*row)
    for row in meetings:
        net.add_meeting(*row)
    for row in referrals:
        net.add_referral(*row)
    only = "" if wanted is None else " AND person_id IN (SELECT value FROM json_each(?))"
    for row in q("SELECT person_id, max(sent_at), max(replied_at) FROM outreach "
                 f"WHERE sent_at IS NOT NULL{only} GROUP BY person_id", args):
        net.add_outreach(*row)
    for kind, pid, data in research:
        net.add_research(kind, pid, json.loads(data or "{}"))
    profile = store.get_profile()
    net.set_profile(profile.schools, profile.employers)
    return net


def warm_paths(store: Store, target: Any, *, network: Network | None = None) -> list[WarmPath]:
    """Everyone the user can reach at ``target``, warmest first, with the reasons.

    Args:
        store: the user's store.
        target: the organization's name, an :class:`~infoview.models.Organization`, or a
            company research result (``CompanyProfile`` or its dict: its listed people are
            added). A name also picks up the people of the latest saved research of it.
        network: a :class:`~infoview.analytics.warmth.Network` already read
            (:func:`read_network`), to ask about many organizations.

    Raises:
        BadInput: no name to look for.
    """
    name, listed = target_name(target)
    net = network if network is not None else read_network(store, name)
    if listed is None and net.key(name) not in net.companies:
        # its research, saved under the site's name ("Kestrel Health Labs")
        found = [k for k in net.companies if org_variant(k, name)]
        listed = net.companies[found[0]] if len(found) == 1 else None
    return net.paths(name, listed)
