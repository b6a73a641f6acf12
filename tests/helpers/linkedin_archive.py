"""Writes LinkedIn data archives for the tests: the real file names, column layouts, the
"Notes:" preamble, CRLF line ends, quoted commas, multi-line bodies, non-ASCII names.

``archive_files(version=1)`` is a member's first download; ``version=2`` the same member
months later (Amara changed employer, José answered, one more connection). ``older=True``
gives the layout of older exports: no preamble and no URL in Connections.csv, messages
with a Direction column and no conversation ids or profile URLs, invitations without URLs.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

ME = ("Inès", "Moreau")
ME_URL = "https://www.linkedin.com/in/ines-moreau"
NOTES = ('Notes:\r\n"When exporting your connection data, you may notice that some of the '
         'email addresses are missing. You will only see email addresses for connections '
         'who have allowed it."\r\n\r\n')

PROFILE_HEADER = ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date",
                  "Headline", "Summary", "Industry", "Zip Code", "Geo Location",
                  "Twitter Handles", "Websites", "Instant Messengers"]
MESSAGES_HEADER = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL",
                   "TO", "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"]
INVITATIONS_HEADER = ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
                      "inviteeProfileUrl"]

#: (first, last, url slug, company, position, connected on) of the first download.
CONNECTIONS = [
    ("Amara", "Okafor", "amara-okafor-4b21a9", "Lumen Grid Analytics", "Senior Data Scientist",
     "12 Mar 2024"),
    ("José", "Núñez-García", "jose-nunez-garcia", "Acme, Inc.", "Product Manager, Payments",
     "28 Feb 2022"),
    ("Søren", "Kierkegård", "soren-k", "Fjord Maps, ApS", "Head of Cartography", "03 Jan 2023"),
    ("Maria", "Garcia", "maria-garcia-kestrel", "Kestrel Health Labs", "Data Engineer",
     "05 May 2023"),
    ("Maria", "Garcia", "maria-garcia-tide", "Tidewater Labs", "UX Researcher", "07 Nov 2021"),
    ("Chloé", "Dubois", "chloe-dubois-paris", '"Les Petits" Studio', "Illustrator",
     "19 Aug 2018"),
    ("Kwame", "Mensah", "kwame-mensah", "Kestrel Health Labs, Inc.", "Analytics Engineer",
     "02 Apr 2024"),
]
#: Added in the second download.
LATER_CONNECTION = ("Łukasz", "Wiśniewski", "lukasz-w", "Vistula Robotics", "Embedded Engineer",
                    "30 Sep 2024")

AMARA_REPLY = ('Hi Inès,\nhappy to talk, "really".\n\nThursday works, or Friday, '
               'after 3pm.\n— Amara')


THANKS = 'Thursday at 3pm, then.\nThank you, "truly", Inès'


def url(slug: str) -> str:
    """The profile URL LinkedIn writes for a slug."""
    return f"https://www.linkedin.com/in/{slug}"


def _csv(header: list[str], rows: list[list[str]], preamble: str = "") -> str:
    out = io.StringIO(newline="")
    out.write(preamble)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _me() -> str:
    return " ".join(ME)


def _messages(version: int) -> list[list[str]]:
    me, amara, jose = _me(), url("amara-okafor-4b21a9"), url("jose-nunez-garcia")
    maria_tide, zoe = url("maria-garcia-tide"), url("zoe-wasik-77")
    rows = [
        ["c-1", "", me, ME_URL, "Amara Okafor", amara, "2024-03-14 09:02:11 UTC",
         "Informational chat?", "Hello Amara, would you have 20 minutes, for advice?", "INBOX"],
        ["c-1", "", "Amara Okafor", amara, me, ME_URL, "2024-03-15 17:40:00 UTC", "",
         AMARA_REPLY, "INBOX"],
        ["c-1", "", me, ME_URL, "Amara Okafor", amara, "2024-03-15 18:05:30 UTC", "",
         THANKS, "INBOX"],
        ["c-2", "", me, ME_URL, "José Núñez-García", jose, "2024-04-01 08:00:00 UTC", "",
         "Hola José, a question about payments, if you have time.", "INBOX"],
        ["c-2", "", me, ME_URL, "José Núñez-García", jose, "2024-04-09 08:00:00 UTC", "",
         "Following up on my note, no rush.", "INBOX"],
        ["c-3", "", "Maria Garcia", maria_tide, me, ME_URL, "2024-05-02 12:00:00 UTC", "",
         "Saw your post on research ops, want to chat?", "INBOX"],
        ["c-3", "", me, ME_URL, "Maria Garcia", maria_tide, "2024-05-02 13:30:00 UTC", "",
         "Yes, gladly.", "INBOX"],
        ["c-4", "", "Zoë Wąsik", zoe, me, ME_URL, "2024-06-01 10:00:00 UTC", "Opportunity",
         "Hi, I recruit for Vistula Robotics, are you open to talk?", "INBOX"],
    ]
    if version >= 2:
        rows.append(["c-2", "", "José Núñez-García", jose, me, ME_URL,
                     "2024-09-03 07:15:00 UTC", "", "Sorry for the delay! Next week?", "INBOX"])
    return rows


def _invitations() -> list[list[str]]:
    me = _me()
    return [
        [me, "Kwame Mensah", "3/28/24, 9:15 AM", "Hi Kwame, we met at the PyData meetup.",
         "OUTGOING", ME_URL, url("kwame-mensah")],
        [me, "Lena Fischer", "6/20/24, 4:45 PM", "", "OUTGOING", ME_URL, url("lena-fischer")],
        ["Søren Kierkegård", me, "1/2/23, 8:00 PM", "", "INCOMING", url("soren-k"), ME_URL],
    ]


def archive_files(version: int = 1, older: bool = False) -> dict[str, str]:
    """The text of each file of an archive, by file name."""
    people = list(CONNECTIONS)
    if version >= 2:
        people[0] = people[0][:3] + ("Kestrel Health Labs GmbH", "Staff Data Scientist",
                                     people[0][5])
        people.append(LATER_CONNECTION)
    files = {
        "Profile.csv": _csv(PROFILE_HEADER, [[
            ME[0], ME[1], "", "Lyon, France", "", "Data analyst exploring health tech",
            "Six years in analytics, at Northwind Health and before that\nat a start-up, "
            "mostly SQL, Python, dashboards.", "Hospitals and Health Care", "",
            "Lyon, Auvergne-Rhône-Alpes, France", "", "", ""]]),
        "Positions.csv": _csv(
            ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
            [["Northwind Health", "Data Analyst", "Reporting, forecasting", "Lyon", "Sep 2019",
              ""],
             ["Tidewater Labs", "Junior Analyst", "Dashboards,\nSQL", "Paris", "Jan 2017",
              "Aug 2019"]]),
        "Education.csv": _csv(
            ["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"],
            [["Université Lumière Lyon 2", "2013", "2016", "", "Licence, Économie", "Chess"],
             ["ENSAI", "2016", "2017", "", "Master", ""]]),
    }
    if older:
        files["Connections.csv"] = _csv(
            ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"],
            [[f, last, "", company, position, on]
             for f, last, _slug, company, position, on in people])
        files["messages.csv"] = _csv(
            ["From", "To", "Date", "Subject", "Content", "Direction"],
            [[r[2], r[4], r[6].replace(" UTC", ""), r[7], r[8],
              "OUTGOING" if r[2] == _me() else "INCOMING"] for r in _messages(version)])
        files["Invitations.csv"] = _csv(
            ["From", "To", "Sent At", "Message", "Direction"], [r[:5] for r in _invitations()])
    else:
        files["Connections.csv"] = _csv(
            ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
             "Connected On"],
            [[f, last, url(slug), "", company, position, on]
             for f, last, slug, company, position, on in people], preamble=NOTES)
        files["messages.csv"] = _csv(MESSAGES_HEADER, _messages(version))
        files["Invitations.csv"] = _csv(INVITATIONS_HEADER, _invitations())
    return files


def write_archive(dest: Path, files: dict[str, str], as_zip: bool = True) -> Path:
    """Write the files as a .zip (``dest`` is the file) or into the folder ``dest``."""
    if as_zip:
        with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(name, text.encode("utf-8"))
        return dest
    dest.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (dest / name).write_bytes(text.encode("utf-8"))
    return dest
