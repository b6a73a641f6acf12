"""Numbered schema migrations; the version lives in ``PRAGMA user_version``.

Each migration is plain SQL written out once and never edited afterwards: version 1 is
the first schema, and every later change is a new numbered step. Opening a file with an
older version writes a backup copy beside it (``NAME.bak-vN``) and then applies the
missing steps in one transaction, so an upgrade either happens whole or not at all.

Adding a field to a record in :mod:`infoview.models` therefore needs a new step here
(``ALTER TABLE ... ADD COLUMN ...``); ``tests/test_store_migrations.py`` fails until the
schema and the dataclasses agree.
"""

from __future__ import annotations

import sqlite3

_V1 = """
CREATE TABLE people (
    name TEXT NOT NULL,
    title TEXT,
    organization TEXT,
    email TEXT,
    phone TEXT,
    profile_url TEXT,
    location TEXT,
    how_known TEXT NOT NULL DEFAULT 'cold',
    tags TEXT NOT NULL DEFAULT '[]',
    notes TEXT,
    keep_in_touch_days INTEGER NOT NULL DEFAULT 60,
    keep_in_touch_max_days INTEGER NOT NULL DEFAULT 90,
    connected_on TEXT,
    created_at TEXT,
    id INTEGER PRIMARY KEY
);
CREATE TABLE organizations (
    name TEXT NOT NULL,
    website TEXT,
    industry TEXT,
    location TEXT,
    motivation INTEGER,
    postings INTEGER,
    notes TEXT,
    created_at TEXT,
    id INTEGER PRIMARY KEY
);
CREATE TABLE research (
    kind TEXT NOT NULL,
    source_url TEXT NOT NULL,
    data TEXT NOT NULL DEFAULT '{}',
    fetched_at TEXT,
    person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
    organization_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
    id INTEGER PRIMARY KEY
);
CREATE TABLE outreach (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    channel TEXT NOT NULL DEFAULT 'email',
    kind TEXT NOT NULL DEFAULT 'request',
    sent_at TEXT,
    replied_at TEXT,
    subject TEXT,
    body TEXT,
    notes TEXT,
    id INTEGER PRIMARY KEY
);
CREATE TABLE meetings (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    starts_at TEXT,
    timezone TEXT,
    format TEXT NOT NULL DEFAULT 'video',
    place TEXT,
    planned_minutes INTEGER NOT NULL DEFAULT 20,
    status TEXT NOT NULL DEFAULT 'requested',
    role TEXT,
    industry TEXT,
    rapport INTEGER,
    notes TEXT,
    id INTEGER PRIMARY KEY
);
CREATE TABLE questions_asked (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    question_id TEXT,
    category TEXT,
    position INTEGER,
    answer_notes TEXT,
    usefulness INTEGER,
    id INTEGER PRIMARY KEY
);
CREATE TABLE referrals (
    from_person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    to_person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    may_mention TEXT NOT NULL DEFAULT 'unknown',
    contact_by TEXT NOT NULL DEFAULT 'user',
    notes TEXT,
    created_at TEXT,
    id INTEGER PRIMARY KEY
);
CREATE TABLE actions (
    what TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'other',
    owner TEXT NOT NULL DEFAULT 'user',
    due TEXT,
    done_at TEXT,
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
    created_at TEXT,
    id INTEGER PRIMARY KEY
);
CREATE TABLE outcomes (
    kind TEXT NOT NULL,
    date TEXT,
    person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    organization_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
    notes TEXT,
    id INTEGER PRIMARY KEY
);
CREATE TABLE insights (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]',
    id INTEGER PRIMARY KEY
);
CREATE TABLE profile (
    name TEXT NOT NULL DEFAULT '',
    email TEXT,
    phone TEXT,
    profile_url TEXT,
    headline TEXT,
    background TEXT,
    strengths TEXT,
    exploring TEXT,
    schools TEXT NOT NULL DEFAULT '[]',
    employers TEXT NOT NULL DEFAULT '[]',
    places TEXT NOT NULL DEFAULT '[]',
    interests TEXT NOT NULL DEFAULT '[]',
    timezone TEXT,
    id INTEGER PRIMARY KEY CHECK (id = 1)
);
"""

# Version 2: indexes on every reference (deleting a person and listing a person's meetings
# stop scanning whole tables) and on the keys used to match people on import.
_V2 = """
CREATE INDEX research_person ON research(person_id);
CREATE INDEX research_organization ON research(organization_id);
CREATE INDEX research_source_url ON research(source_url);
CREATE INDEX outreach_person ON outreach(person_id);
CREATE INDEX meetings_person ON meetings(person_id);
CREATE INDEX questions_asked_meeting ON questions_asked(meeting_id);
CREATE INDEX referrals_from ON referrals(from_person_id);
CREATE INDEX referrals_to ON referrals(to_person_id);
CREATE INDEX referrals_meeting ON referrals(meeting_id);
CREATE INDEX actions_meeting ON actions(meeting_id);
CREATE INDEX actions_person ON actions(person_id);
CREATE INDEX outcomes_person ON outcomes(person_id);
CREATE INDEX outcomes_meeting ON outcomes(meeting_id);
CREATE INDEX outcomes_organization ON outcomes(organization_id);
CREATE INDEX insights_meeting ON insights(meeting_id);
CREATE INDEX people_name ON people(name COLLATE NOCASE);
CREATE INDEX people_profile_url ON people(profile_url);
CREATE INDEX organizations_name ON organizations(name COLLATE NOCASE);
"""

# Version 3: the registry of files the kit wrote (briefs, reports, vCards, exports), with
# who is in each, so that deleting a person can list and remove the files naming them
# (see infoview.store.exports). Only paths and person ids: the file holds the names.
_V3 = """
CREATE TABLE exports (
    path TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    written_at TEXT NOT NULL,
    person_ids TEXT NOT NULL DEFAULT '[]',
    id INTEGER PRIMARY KEY
);
"""

# Version 4: people's past (and current) employers and schools, kept apart from the one
# current organization on ``people`` so that a newer LinkedIn archive or research can add
# history without losing it; warm paths read it.
_V4 = """
CREATE TABLE affiliations (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    organization TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'work',
    status TEXT NOT NULL DEFAULT 'past',
    title TEXT,
    started_on TEXT,
    finished_on TEXT,
    source TEXT NOT NULL DEFAULT 'manual',
    source_url TEXT,
    notes TEXT,
    created_at TEXT,
    id INTEGER PRIMARY KEY
);
CREATE INDEX affiliations_person ON affiliations(person_id);
"""

# Version 5: a meeting booked again (moved, or after a no-show or a cancellation) names the
# meeting it replaces, which keeps its old time and its status. The reference is checked at
# commit, since a meeting may name one with a higher id and an import inserts in id order.
_V5 = """
ALTER TABLE meetings ADD COLUMN rescheduled_from INTEGER
    REFERENCES meetings(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX meetings_rescheduled_from ON meetings(rescheduled_from);
"""

# Version 6: questions asked, by bank id, with their meeting and rating, so that a plan
# learning from thousands of debriefs walks an index instead of sorting every answer
# (infoview.flows.question_history).
_V6 = """
CREATE INDEX questions_asked_question ON questions_asked(question_id, meeting_id, usefulness);
"""

# Mail and calendar imports (infoview.flows.mail_import, calendar_import): what each import
# found per person, keyed by a hash of the Message-ID or the event's UID so that a re-import
# adds nothing. A message or meeting the user deletes by hand keeps its row with an empty
# reference, so that a re-import does not bring it back. mail_sources remembers how far an
# mbox file was read (its size and a hash of those bytes, nothing about any message) and
# with which address book, so that reading it again skips what is unchanged.
_MAIL_CALENDAR = """
CREATE TABLE mail_messages (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    message_key TEXT NOT NULL,
    direction TEXT NOT NULL DEFAULT 'received',
    sent_at TEXT,
    subject TEXT,
    body TEXT,
    outreach_id INTEGER REFERENCES outreach(id) ON DELETE SET NULL,
    created_at TEXT,
    id INTEGER PRIMARY KEY
);
CREATE UNIQUE INDEX mail_messages_key ON mail_messages(message_key, person_id);
CREATE INDEX mail_messages_person ON mail_messages(person_id);
CREATE INDEX mail_messages_outreach ON mail_messages(outreach_id);
CREATE TABLE calendar_events (
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    event_key TEXT NOT NULL,
    meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
    starts_at TEXT,
    summary TEXT,
    status TEXT NOT NULL DEFAULT 'confirmed',
    effect TEXT NOT NULL DEFAULT 'added',
    created_at TEXT,
    id INTEGER PRIMARY KEY
);
CREATE UNIQUE INDEX calendar_events_key ON calendar_events(event_key, person_id);
CREATE INDEX calendar_events_person ON calendar_events(person_id);
CREATE INDEX calendar_events_meeting ON calendar_events(meeting_id);
CREATE TABLE mail_sources (
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    digest TEXT NOT NULL,
    book TEXT NOT NULL,
    read_at TEXT NOT NULL,
    id INTEGER PRIMARY KEY
);
"""

# Follow-ups (infoview.flows.actions): a follow-up can be snoozed to a day (hidden from
# every list of due actions until then), and the user's profile keeps the holiday region
# whose public holidays are not business days for the 3B7 routine (``GB-ENG``, ``US-CA``).
_FOLLOW_UPS = """
ALTER TABLE actions ADD COLUMN snoozed_until TEXT;
ALTER TABLE profile ADD COLUMN region TEXT;
"""

# The app's work in progress (infoview.store.appstate), so that a page reload loses
# nothing: a question plan being edited, by key (``prepare:3``), until it is saved or
# dropped. The people it names are listed, so that forgetting a person removes it.
_APP_STATE = """
CREATE TABLE app_state (
    key TEXT NOT NULL UNIQUE,
    value TEXT NOT NULL DEFAULT '{}',
    person_ids TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT NOT NULL,
    id INTEGER PRIMARY KEY
);
"""


def _last_word(column: str) -> str:
    """SQL for what follows the last space of ``column`` (all of it without a space)."""
    text = f"coalesce({column}, '')"
    return f"substr({text}, length(rtrim({text}, replace({text}, ' ', ''))) + 1)"


#: SQL giving each person the key :func:`infoview.store.exports.candidate_names` looks
#: people up by: the last word of their name in lower case when it is plain ASCII letters
#: and digits (almost always), else ``*``. An index on it lets a report hand over the few
#: people whose last name is a word of the report, not read every name.
LAST_NAME_KEY = (f"CASE WHEN {_last_word('name')} GLOB '*[^A-Za-z0-9]*' "
                 f"OR {_last_word('name')} = '' THEN '*' ELSE lower({_last_word('name')}) END")

# The outcomes report on a large store (issue 22): the questions asked are summed up per
# question and category from an index that holds both (no sort of every row), and the
# people a written file may name are looked up by the last word of their name.
_REPORT_INDEXES = f"""
CREATE INDEX questions_asked_grouping ON questions_asked(question_id, category, usefulness);
CREATE INDEX people_last_name_key ON people({LAST_NAME_KEY})
"""

# The outcomes report on a large store (issue 22), again: the follow-ups not done yet, by
# kind and person, in an index of their own (a few in a hundred thousand actions, most of
# them done), so that finding the suggested people since contacted looks at those only.
_OPEN_ACTIONS = """
CREATE INDEX actions_open ON actions(kind, person_id) WHERE done_at IS NULL
"""

# A debrief keeps the planned questions that were not asked (``asked = 0``), so that a
# debrief saved early, or with a question left unticked, loses nothing of the plan; every
# count of questions asked leaves them out, and the indexes the reports walk say which
# rows were asked without reading the table.
_NOT_ASKED = """
ALTER TABLE questions_asked ADD COLUMN asked INTEGER NOT NULL DEFAULT 1;
DROP INDEX questions_asked_grouping;
CREATE INDEX questions_asked_grouping ON questions_asked(asked, question_id, category, usefulness);
DROP INDEX questions_asked_question;
CREATE INDEX questions_asked_question ON questions_asked(question_id, meeting_id, usefulness, asked)
"""

# A meeting keeps the user's own words on why they chose its host, and who the user is to
# them (a student, a career changer ...), as typed under Prepare: the plan saved with the
# meeting, opened again (a reload, a closed tab, Home's "See the brief"), brought the
# questions back but wrote "Add your own reason" in the brief and asked as "anyone".
_MEETING_WORDS = """
ALTER TABLE meetings ADD COLUMN reason TEXT;
ALTER TABLE meetings ADD COLUMN audience TEXT
"""

# A follow-up the kit suggests is known by which suggestion it is (``actions.rule``), not by
# its words: they named it so far (kind, meeting, person and the folded text), so no
# sentence could be improved without suggesting again what a user had finished or snoozed.
# Rows saved before are given the rule their words show (the wording of the time), so they
# keep matching; a row whose words no longer lead to one (a person renamed since) keeps
# matching by its words. A lead still to contact says whose name may be mentioned ("you
# may mention Sam", not "them": which one?). No semicolon inside the texts (``char(59)``
# stands for one): the script is split on them.
_FOLLOW_UP_RULES = """
ALTER TABLE actions ADD COLUMN rule TEXT;
UPDATE actions SET rule = 'thank-you'
    WHERE kind = 'thank_you' AND what LIKE 'Send % a thank-you note';
UPDATE actions SET rule = CASE WHEN owner = 'host' THEN 'introduction' ELSE 'contact' END
    WHERE kind = 'contact_referral'
    AND (what LIKE 'Contact %, suggested by %' OR what LIKE 'Check that % introduced you to %');
UPDATE actions SET rule = (
    SELECT 'about ' || r.to_person_id FROM referrals AS r JOIN people AS p ON p.id = r.to_person_id
    WHERE r.meeting_id = actions.meeting_id
    AND substr(actions.what, -length(' how your talk with ' || p.name || ' went'))
        = ' how your talk with ' || p.name || ' went'
    ORDER BY r.id LIMIT 1)
    WHERE kind = 'tell_referrer' AND what LIKE 'Tell % how your talk with % went';
UPDATE actions SET rule = 'advice: ' || substr(what, instr(what, ' how you acted on their advice: ') + 32)
    WHERE kind = 'report_back' AND instr(what, ' how you acted on their advice: ') > 0;
UPDATE actions SET rule = 'find someone'
    WHERE kind = 'next_contact'
    AND what LIKE 'No reply from % after 3 business days: find someone else at % to write to';
UPDATE actions SET rule = (
    SELECT 'after ' || p.id FROM people AS p LEFT JOIN people AS b ON b.id = actions.person_id
    WHERE substr(actions.what, 1, length('No reply from ' || p.name || ' after 3 business days: write to '))
        = 'No reply from ' || p.name || ' after 3 business days: write to '
    ORDER BY p.organization IS NOT b.organization, p.id LIMIT 1)
    WHERE kind = 'next_contact' AND rule IS NULL
    AND what LIKE 'No reply from % after 3 business days: write to %';
UPDATE actions SET rule = 'no reply'
    WHERE kind = 'follow_up'
    AND what LIKE 'Follow up with %: no reply to your request of % after 7 business days';
UPDATE actions SET rule = 'since ' || substr(what, instr(what, ': last contact ') + 22, 4) || '-'
    || printf('%02d', (instr('JanFebMarAprMayJunJulAugSepOctNovDec',
                             substr(what, instr(what, ': last contact ') + 18, 3)) + 2) / 3)
    || '-' || substr(what, instr(what, ': last contact ') + 15, 2)
    WHERE kind = 'keep_in_touch' AND instr(what, ': last contact ') > 0
    AND what LIKE 'Send % a short update%: last contact __ ___ ____, at the latest by %';
UPDATE actions SET what = substr(what, 1, length(what) - length(' (you may mention them)'))
    || ' (you may mention ' || (
        SELECT CASE WHEN instr(trim(p.name), ' ') > 0
               THEN substr(trim(p.name), 1, instr(trim(p.name), ' ') - 1) ELSE trim(p.name) END
        FROM meetings AS m JOIN people AS p ON p.id = m.person_id WHERE m.id = actions.meeting_id)
    || ')'
    WHERE kind = 'contact_referral' AND done_at IS NULL AND rule = 'contact'
    AND what LIKE '% (you may mention them)'
    AND EXISTS (SELECT 1 FROM meetings AS m JOIN people AS p ON p.id = m.person_id
                WHERE m.id = actions.meeting_id AND trim(p.name) != '');
UPDATE actions SET what = substr(what, 1, instr(what, char(59) || ' if not, ask whether you may write to '))
    || ' if not, ask ' || (
        SELECT CASE WHEN instr(trim(p.name), ' ') > 0
               THEN substr(trim(p.name), 1, instr(trim(p.name), ' ') - 1) ELSE trim(p.name) END
        FROM meetings AS m JOIN people AS p ON p.id = m.person_id WHERE m.id = actions.meeting_id)
    || ' whether you may write to ' || (
        SELECT CASE WHEN instr(trim(p.name), ' ') > 0
               THEN substr(trim(p.name), 1, instr(trim(p.name), ' ') - 1) ELSE trim(p.name) END
        FROM people AS p WHERE p.id = actions.person_id)
    || ' yourself'
    WHERE kind = 'contact_referral' AND done_at IS NULL AND rule = 'introduction'
    AND what LIKE 'Check that % introduced you to %' || char(59)
                  || ' if not, ask whether you may write to them yourself'
    AND EXISTS (SELECT 1 FROM meetings AS m JOIN people AS p ON p.id = m.person_id
                WHERE m.id = actions.meeting_id AND trim(p.name) != '')
    AND EXISTS (SELECT 1 FROM people AS p WHERE p.id = actions.person_id AND trim(p.name) != '')
"""

# The open 3B7 follow-ups and keep-in-touch updates saved before ``_FOLLOW_UP_RULES`` still
# wrote their days the old way ("28 Aug", "02 Sep 2026"), beside the new ones in day words
# ("Fri 28 Aug 2026"): the same thing said two ways on one page. Only the exact words the
# kit generated are rewritten (the person's name as it is now, the days as the kit wrote
# them, real days: ``date(day, '+0 days')`` gives back a day that exists unchanged, and
# moves "31 Feb" on), and only while open: a done one, or one whose words the user changed,
# keeps its own. A 3B7 day had no year: it is the year of the request the follow-up is
# about (a message to that person sent on that day, within a day either way for the time
# zone), and the row is left alone unless exactly one year fits. Each row gets the rule of
# its suggestion too, should it lack one. The day words are built in SQL: the weekday from
# ``strftime('%w')``, the day without its leading zero.
_FOLLOW_UP_DAY_WORDS = """
CREATE TEMP TABLE old_follow_up_days AS
    SELECT a.id AS action_id, a.kind AS kind,
           substr(a.what, length(p.name) + 46, 2) AS dd,
           substr(a.what, length(p.name) + 49, 3) AS mon,
           (SELECT group_concat(DISTINCT strftime('%Y', date(o.sent_at, d.shift)))
              FROM outreach AS o,
                   (SELECT '-1 days' AS shift UNION ALL SELECT '+0 days'
                    UNION ALL SELECT '+1 days') AS d
             WHERE o.person_id = a.person_id AND o.sent_at IS NOT NULL
               AND strftime('%d', date(o.sent_at, d.shift)) = substr(a.what, length(p.name) + 46, 2)
               AND substr('JanFebMarAprMayJunJulAugSepOctNovDec',
                          3 * strftime('%m', date(o.sent_at, d.shift)) - 2, 3)
                   = substr(a.what, length(p.name) + 49, 3)) AS yyyy,
           NULL AS dd2, NULL AS mon2, NULL AS yyyy2,
           'Follow up with ' || p.name || ': no reply to your request of ' AS head,
           ' after 7 business days' AS tail, 'no reply' AS rule
      FROM actions AS a JOIN people AS p ON p.id = a.person_id
     WHERE a.kind = 'follow_up' AND a.done_at IS NULL
       AND a.what = 'Follow up with ' || p.name || ': no reply to your request of '
                    || substr(a.what, length(p.name) + 46, 6) || ' after 7 business days'
       AND substr(a.what, length(p.name) + 46, 6) GLOB '[0-3][0-9] [A-Z][a-z][a-z]';
INSERT INTO old_follow_up_days
    SELECT id, kind,
           substr(what, length(head) + 1, 2), substr(what, length(head) + 4, 3),
           substr(what, length(head) + 8, 4),
           substr(what, length(head) + 31, 2), substr(what, length(head) + 34, 3),
           substr(what, length(head) + 38, 4),
           head, '', NULL
      FROM (SELECT a.id AS id, a.kind AS kind, a.what AS what,
                   'Send ' || p.name || ' a short update'
                   || CASE WHEN substr(a.what, length(p.name) + 21, 12) = ' (overdue): '
                           THEN ' (overdue)' ELSE '' END || ': last contact ' AS head
              FROM actions AS a JOIN people AS p ON p.id = a.person_id
             WHERE a.kind = 'keep_in_touch' AND a.done_at IS NULL)
     WHERE length(what) = length(head) + 41
       AND substr(what, 1, length(head)) = head
       AND substr(what, length(head) + 1)
           GLOB '[0-3][0-9] [A-Z][a-z][a-z] [12][0-9][0-9][0-9], at the latest by '
                || '[0-3][0-9] [A-Z][a-z][a-z] [12][0-9][0-9][0-9]';
CREATE TEMP TABLE new_follow_up_days AS
    SELECT action_id, kind, head, tail, rule,
           yyyy || '-' || printf('%02d', (instr('JanFebMarAprMayJunJulAugSepOctNovDec', mon) + 2) / 3)
               || '-' || dd AS day,
           yyyy2 || '-' || printf('%02d', (instr('JanFebMarAprMayJunJulAugSepOctNovDec', mon2) + 2) / 3)
               || '-' || dd2 AS day2
      FROM old_follow_up_days
     WHERE yyyy GLOB '[12][0-9][0-9][0-9]'
       AND instr('JanFebMarAprMayJunJulAugSepOctNovDec', mon) % 3 = 1
       AND (kind = 'follow_up'
            OR (yyyy2 GLOB '[12][0-9][0-9][0-9]'
                AND instr('JanFebMarAprMayJunJulAugSepOctNovDec', mon2) % 3 = 1));
DELETE FROM new_follow_up_days
    WHERE date(day, '+0 days') IS NOT day
       OR (kind = 'keep_in_touch' AND date(day2, '+0 days') IS NOT day2);
UPDATE actions SET
    what = (SELECT n.head
                   || substr('SunMonTueWedThuFriSat', 3 * strftime('%w', n.day) + 1, 3) || ' '
                   || CAST(strftime('%d', n.day) AS INTEGER) || ' '
                   || substr('JanFebMarAprMayJunJulAugSepOctNovDec',
                             3 * strftime('%m', n.day) - 2, 3) || ' ' || strftime('%Y', n.day)
                   || CASE WHEN n.kind = 'keep_in_touch' THEN ', at the latest by '
                       || substr('SunMonTueWedThuFriSat', 3 * strftime('%w', n.day2) + 1, 3)
                       || ' ' || CAST(strftime('%d', n.day2) AS INTEGER) || ' '
                       || substr('JanFebMarAprMayJunJulAugSepOctNovDec',
                                 3 * strftime('%m', n.day2) - 2, 3) || ' '
                       || strftime('%Y', n.day2)
                       ELSE n.tail END
              FROM new_follow_up_days AS n WHERE n.action_id = actions.id),
    rule = coalesce(rule, (SELECT CASE WHEN n.kind = 'keep_in_touch' THEN 'since ' || n.day
                                       ELSE n.rule END
                             FROM new_follow_up_days AS n WHERE n.action_id = actions.id))
    WHERE id IN (SELECT action_id FROM new_follow_up_days);
DROP TABLE old_follow_up_days;
DROP TABLE new_follow_up_days
"""

#: The steps, in order: ``MIGRATIONS[n - 1]`` brings a file from version ``n - 1`` to ``n``.
MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _MAIL_CALENDAR, _FOLLOW_UPS,
                               _APP_STATE, _REPORT_INDEXES, _OPEN_ACTIONS, _NOT_ASKED,
                               _MEETING_WORDS, _FOLLOW_UP_RULES, _FOLLOW_UP_DAY_WORDS)
#: The schema version this code writes.
LATEST = len(MIGRATIONS)


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def upgrade(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Bring the database to ``target`` inside one transaction; returns the old version.

    The connection must be in autocommit mode (``isolation_level=None``). The version is
    read again after taking the write lock, so two processes opening a new file at the same
    time do not both migrate it.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        for version in range(current + 1, target + 1):
            for statement in _statements(MIGRATIONS[version - 1]):
                conn.execute(statement)
        if target > current:
            conn.execute(f"PRAGMA user_version = {int(target)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return current
