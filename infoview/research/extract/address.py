"""Where a company is, from a postal address on its page (often only in the footer).

Small firms rarely say "based in Bristol"; they print their address in the footer or on the
contact page. A postal code is the surest sign of an address, and the town stands just
before it:

- US and Canada: "Petaluma, CA 94954", "Fort Myers, Florida 33908", "Woodmere NY, 11598",
  "Edmonton, Alberta T6B 3E9" (a state or province, by code or by name, then a ZIP or a
  Canadian postal code) gives "Petaluma, CA";
- UK: "London WC2H 9HQ", "Newcastle upon Tyne, NE6 5ZH" (a postcode) gives "London, UK".

The address is read across line breaks (footers set each part on its own line), the
street before the town is dropped (after its number, or its "Suite 500"), and a county
or a country between town and code is skipped ("Lahaska, Bucks County, PA 18931").
The first address on the page wins. The state and province names are facts, not a list
taken from any site.
"""

from __future__ import annotations

import re

_US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming", "DC": "District of Columbia",
}
_PROVINCES = {
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories",
    "NU": "Nunavut", "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec",
    "SK": "Saskatchewan", "YT": "Yukon",
}
_BY_NAME = {name.lower(): code for code, name in {**_US_STATES, **_PROVINCES}.items()}
_REGION = "|".join(sorted([*_US_STATES, *_PROVINCES], key=len, reverse=True)
                   + sorted((re.escape(n) for n in _BY_NAME), key=len, reverse=True))
#: A ZIP code, a Canadian postal code, or a UK postcode: where an address ends.
_CODE = re.compile(r"(?<![\w-])(?:(?P<zip>\d{5})(?:-\d{4})?|(?P<ca>[A-Z]\d[A-Z] ?\d[A-Z]\d)|"
                   r"(?P<uk>(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}))(?![\w-])")
#: The state or province just before a ZIP or a Canadian code.
_REGION_BEFORE = re.compile(rf"[,\s](?P<region>{_REGION})\.?,?\s*$", re.I)
_LOOK_BACK = 100
#: Words that end a street's name, or that mark a unit ("Suite 500").
_STREET = re.compile(
    r"\b(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|ct|court|cir|"
    r"circle|pkwy|parkway|hwy|highway|pl|place|sq|square|ter|terrace|pike|trail|row|"
    r"suite|ste|floor|fl|unit|box|building|bldg|nw|ne|sw|se|n|s|e|w)\b\.?", re.I)
_COUNTY = re.compile(r"\b(county|co\.|england|scotland|wales|northern ireland|uk|"
                     r"united kingdom|great britain|usa|u\.s\.a\.|united states|canada)$", re.I)
_TOWN = re.compile(r"^[A-Z][a-z][A-Za-z'’.-]*(?: (?:[A-Z][a-z][A-Za-z'’.-]*|upon|on|de|la|le|"
                   r"of|the))*$")


def _town(before: str) -> str | None:
    """The town at the end of the text before a region or code ("... Suite 500 Denver")."""
    before = re.sub(r"\.(?=[A-Z])", ". ", before)   # "Blvd.Lynchburg"
    segments = [s.strip() for s in re.split(r"[,|/•·]|\s{2,}", before) if s.strip()]
    while segments and _COUNTY.search(segments[-1]):
        segments.pop()   # "Bucks County", "England" between town and code
    if not segments:
        return None
    words = segments[-1].split()
    for i in range(len(words) - 1, -1, -1):   # the street ends at its last number or word
        if any(ch.isdigit() for ch in words[i]) or _STREET.fullmatch(words[i]) or \
                words[i].startswith("#"):
            words = words[i + 1:]
            break
    town = " ".join(words[-4:]).strip(" .")
    return town if town and _TOWN.match(town) and not _STREET.fullmatch(town) else None


def place_in_lines(lines: list[str]) -> str | None:
    """The town of the first postal address in ``lines`` ("Denver, CO"; "London, UK")."""
    text = re.sub(r"[\u200b-\u200d\u2060\ufeff]", "", ", ".join(lines))  # zero-width marks
    for match in _CODE.finditer(text):
        before = text[max(0, match.start() - _LOOK_BACK):match.start()]
        if match.group("uk"):
            town = _town(before)
            if town:
                return f"{town}, UK"
            continue
        region = _REGION_BEFORE.search(before)
        if region is None:
            continue
        name = region.group("region")
        if len(name) == 2 and not name[0].isupper():
            continue   # "in 12345", "or 90210": words, not a state
        code = name.upper() if len(name) == 2 else _BY_NAME.get(name.lower())
        canadian = code in _PROVINCES
        if code is None or canadian != bool(match.group("ca")):
            continue
        town = _town(before[:region.start() + 1])
        if town:
            return f"{town}, {code}"
    return None
