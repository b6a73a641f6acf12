"""The target list: which organizations to pursue first, scored the LAMP way.

LAMP (from *The 2-Hour Job Search*) ranks employers by Advocacy (does the user know
someone there?), Motivation (how much the user wants to work there) and Postings
(relevant openings seen), and sorts by motivation first, then postings, then advocacy:
enthusiasm predicts follow-through better than convenience does. The top few are the
current batch to work on; the rest wait.
"""

from __future__ import annotations

import logging

from infoview.analytics._frames import (
    Frames,
    flags,
    is_in,
    org_keys,
    people_org_keys,
    row_positions,
    table,
    with_message,
)
from infoview.analytics.warmth import advocates_by_org
from infoview.errors import BadInput

log = logging.getLogger(__name__)

POSTINGS_MAX = 3
#: The target list's sentence when the user has no organization at all, saying how to add one.
NO_ORGANIZATIONS = ("no organizations saved yet; add the employers you are curious about "
                    "under People, Organizations, or write where a person works on their "
                    "record.")


def targets(frames: Frames, *, motivation_scale: int = 3, batch_size: int = 5):
    """Organizations ranked LAMP-style, with the current batch flagged and progress beside it.

    Advocacy counts the people the user already knows who work at the organization now or
    worked there before (:func:`infoview.analytics.warmth.advocates_by_org`, the rule of warm
    paths: met, referred, a friend, colleague or alumnus, answered a message, a LinkedIn
    connection); organization names match without case, accents or suffixes like Inc.
    Motivation is the user's score from 0 to ``motivation_scale``
    (missing counts as 0; values above the scale are capped, with a log line). Postings
    are the relevant openings seen, capped at 3.

    Args:
        frames: the store's tables.
        motivation_scale: the top of the motivation scale (3 by default).
        batch_size: how many of the top organizations form the current batch.

    Returns:
        ``rank, organization_id, name, industry, motivation, postings, advocacy,
        advocates, people_found, contacted, met, batch``; empty with a message when no
        organization has been added.
    """
    import pandas as pd

    if motivation_scale < 1:
        raise BadInput(f"motivation_scale must be at least 1, not {motivation_scale}.")
    if batch_size < 0:
        raise BadInput(f"batch_size cannot be negative ({batch_size}).")
    orgs = table(frames, "organizations")
    columns = ["rank", "organization_id", "name", "industry", "motivation", "postings",
               "advocacy", "advocates", "people_found", "contacted", "met", "batch"]
    stored = (orgs[["id", "name", "industry", "motivation", "postings"]]
              .rename(columns={"id": "organization_id"}))
    named = _named_on_people(frames, set(org_keys(stored["name"], frames).dropna()))
    if stored.empty and named.empty:
        return with_message(pd.DataFrame(columns=columns), NO_ORGANIZATIONS)
    result = (pd.concat([stored.astype(object), named.astype(object)], ignore_index=True)
              if len(named) else stored.copy())
    motivation = pd.to_numeric(result["motivation"], errors="coerce").fillna(0)
    if (motivation > motivation_scale).any():
        log.warning("some motivation scores are above the scale of %s and were capped", motivation_scale)
    result["motivation"] = motivation.clip(0, motivation_scale).astype("int64")
    postings = pd.to_numeric(result["postings"], errors="coerce").fillna(0)
    result["postings"] = postings.clip(0, POSTINGS_MAX).astype("int64")

    progress = _people_progress(frames)
    key = org_keys(result["name"], frames)
    for column in ("people_found", "contacted", "met"):
        result[column] = key.map(progress[column]).fillna(0).astype("int64").to_numpy()
    advocates = advocates_by_org(frames)
    result["advocates"] = key.map(advocates).fillna(0).astype("int64").to_numpy()
    result["advocacy"] = result["advocates"] > 0

    result = result.sort_values(
        ["motivation", "postings", "advocacy", "advocates", "name"],
        ascending=[False, False, False, False, True], kind="stable",
    ).reset_index(drop=True)
    result["rank"] = range(1, len(result) + 1)
    result["batch"] = result["rank"] <= batch_size
    return result[columns]


#: What a person's organization field may hold that names no employer to pursue.
NOT_AN_EMPLOYER = ("freelance", "freelancer", "self-employed", "self employed", "independent",
                   "retired", "student", "unemployed", "none", "n/a")


def _named_on_people(frames: Frames, stored: set[str]):
    """The organizations the user's people work at that have no record of their own (Sam's
    record names Kestrel Health, never added under Organizations): one row each, spelled
    as the first person naming it spells it, with no motivation or openings yet. A name
    that plainly is a stored organization is that organization
    (:class:`~infoview.store.matching.OrganizationIndex`), never a second row; "Freelance"
    and the like (:data:`NOT_AN_EMPLOYER`) are no organization to pursue."""
    import numpy as np
    import pandas as pd

    from infoview.text import org_key

    person_key, keys = people_org_keys(frames)
    left_out = stored | {org_key(words) for words in NOT_AN_EMPLOYER}
    known = np.array([k not in left_out for k in keys], dtype=bool)
    wanted = (person_key >= 0) & known[np.maximum(person_key, 0)] if len(keys) else \
        np.zeros(len(person_key), dtype=bool)
    _unique, first = np.unique(person_key[wanted], return_index=True)
    rows = np.flatnonzero(wanted)[first]
    names = table(frames, "people")["organization"].astype("object").to_numpy()[rows]
    return pd.DataFrame({"organization_id": [None] * len(rows),
                         "name": [str(n).strip() for n in names],
                         "industry": [None] * len(rows), "motivation": [0] * len(rows),
                         "postings": [0] * len(rows)})


def _people_progress(frames: Frames):
    """Per folded organization name: people found, contacted, met."""
    import numpy as np
    import pandas as pd

    people = table(frames, "people")
    outreach = table(frames, "outreach")
    meetings = table(frames, "meetings")
    ids = people["id"].to_numpy(dtype="int64")
    contacted = flags(row_positions(outreach["person_id"], ids), len(ids))
    met = flags(row_positions(meetings.loc[is_in(meetings["status"], ["held"]), "person_id"], ids), len(ids))
    person_key, keys = people_org_keys(frames)
    has_key = person_key >= 0
    key = person_key[has_key]

    def count(mask):
        return np.bincount(key, weights=mask[has_key], minlength=len(keys)).astype(np.int64)

    return pd.DataFrame({"people_found": np.bincount(key, minlength=len(keys)),
                         "contacted": count(contacted), "met": count(met)},
                        index=pd.Index(keys, dtype=object, name="key"))
