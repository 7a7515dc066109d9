"""General knowledge the data packages lack: abbreviations in news style, feature words, extra demonyms.

Nothing here is about any one article: these are the abbreviations of the AP stylebook and common usage.
"""

from __future__ import annotations

# Country abbreviations written in news text, by ISO2.
COUNTRY_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "U.S.A.", "US", "USA", "America", "the States"),
    "GB": ("U.K.", "UK", "Britain", "Great Britain"),
    "AE": ("U.A.E.", "UAE", "Emirates"),
    "CD": ("DRC", "D.R.C.", "DR Congo"),
    "KR": ("South Korea",),
    "KP": ("North Korea",),
    "RU": ("Russia",),
    "IR": ("Iran",),
    "SY": ("Syria",),
    "VN": ("Vietnam",),
    "LA": ("Laos",),
    "CZ": ("Czech Republic", "Czechia"),
    "TW": ("Taiwan",),
    "BO": ("Bolivia",),
    "VE": ("Venezuela",),
    "TZ": ("Tanzania",),
    "MD": ("Moldova",),
    "PS": ("Palestine", "Palestinian territories"),
    "VA": ("Vatican", "Vatican City"),
    "TR": ("Turkey", "Türkiye"),
    "CI": ("Ivory Coast",),
    "MM": ("Burma", "Myanmar"),
    "NL": ("Holland", "the Netherlands"),
}

# AP-style and postal abbreviations of US states, by ISO 3166-2 suffix.
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AL": ("Ala.",),
    "AK": (),
    "AZ": ("Ariz.",),
    "AR": ("Ark.",),
    "CA": ("Calif.", "Cal."),
    "CO": ("Colo.",),
    "CT": ("Conn.",),
    "DE": ("Del.",),
    "DC": ("D.C.", "DC", "Washington, D.C.", "Washington D.C."),
    "FL": ("Fla.",),
    "GA": ("Ga.",),
    "HI": (),
    "ID": (),
    "IL": ("Ill.",),
    "IN": ("Ind.",),
    "IA": (),
    "KS": ("Kan.", "Kans."),
    "KY": ("Ky.",),
    "LA": ("La.",),
    "ME": (),
    "MD": ("Md.",),
    "MA": ("Mass.",),
    "MI": ("Mich.",),
    "MN": ("Minn.",),
    "MS": ("Miss.",),
    "MO": ("Mo.",),
    "MT": ("Mont.",),
    "NE": ("Neb.", "Nebr."),
    "NV": ("Nev.",),
    "NH": ("N.H.",),
    "NJ": ("N.J.",),
    "NM": ("N.M.",),
    "NY": ("N.Y.",),
    "NC": ("N.C.",),
    "ND": ("N.D.",),
    "OH": (),
    "OK": ("Okla.",),
    "OR": ("Ore.", "Oreg."),
    "PA": ("Pa.", "Penn."),
    "RI": ("R.I.",),
    "SC": ("S.C.",),
    "SD": ("S.D.",),
    "TN": ("Tenn.",),
    "TX": ("Tex.",),
    "UT": (),
    "VT": ("Vt.",),
    "VA": ("Va.",),
    "WA": ("Wash.",),
    "WV": ("W.Va.", "W. Va."),
    "WI": ("Wis.", "Wisc."),
    "WY": ("Wyo.",),
}

# Abbreviations of Australian and Canadian provinces in news use, by ISO 3166-2 code.
PROVINCE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "AU-NSW": ("NSW", "N.S.W."),
    "AU-QLD": ("Qld", "Qld."),
    "AU-ACT": ("ACT",),
    "CA-BC": ("B.C.",),
    "CA-ON": ("Ont.",),
    "CA-AB": ("Alta.",),
    "CA-SK": ("Sask.",),
    "CA-MB": ("Man.",),
    "CA-QC": ("Que.",),
    "CA-NS": ("N.S.",),
    "CA-NB": ("N.B.",),
    "CA-NL": ("Nfld.", "N.L."),
    "CA-PE": ("P.E.I.", "PEI"),
}

# Demonyms the country package lacks or spells differently (country context, never places).
EXTRA_DEMONYMS: dict[str, str] = {
    "Afghani": "AF",
    "Kosovar": "XK",
    "Kosovan": "XK",
    "Briton": "GB",
    "British": "GB",
    "English": "GB",
    "Scottish": "GB",
    "Welsh": "GB",
    "Palestinian": "PS",
    "Palestinians": "PS",
    "Israeli": "IL",
    "Saudi": "SA",
    "Emirati": "AE",
    "Qatari": "QA",
    "Kuwaiti": "KW",
    "Bahraini": "BH",
    "Omani": "OM",
    "Yemeni": "YE",
    "Iraqi": "IQ",
    "Iranian": "IR",
    "Persian": "IR",
    "Syrian": "SY",
    "Lebanese": "LB",
    "Jordanian": "JO",
    "Egyptian": "EG",
    "Turkish": "TR",
    "Russian": "RU",
    "Ukrainian": "UA",
    "Chinese": "CN",
    "Japanese": "JP",
    "Korean": "KR",
    "South Korean": "KR",
    "North Korean": "KP",
    "Pakistani": "PK",
    "Indian": "IN",
    "American": "US",
    "Americans": "US",
    "Canadian": "CA",
    "Mexican": "MX",
    "German": "DE",
    "French": "FR",
    "Italian": "IT",
    "Spanish": "ES",
    "Dutch": "NL",
    "Swiss": "CH",
    "Filipino": "PH",
    "Philippine": "PH",
    "Vietnamese": "VN",
    "Thai": "TH",
    "Indonesian": "ID",
    "Australian": "AU",
    "Sudanese": "SD",
    "Somali": "SO",
    "Ethiopian": "ET",
    "Kenyan": "KE",
    "Nigerian": "NG",
    "Congolese": "CD",
    "Sri Lankan": "LK",
    "Tamil": "LK",
    "Sinhalese": "LK",
    "Georgian": "GE",
    "Cypriot": "CY",
    "Greek": "GR",
    "Czech": "CZ",
    "Polish": "PL",
    "Brazilian": "BR",
    "Argentine": "AR",
    "Colombian": "CO",
    "Venezuelan": "VE",
    "Cuban": "CU",
    "Haitian": "HT",
    "Uzbek": "UZ",
    "Tajik": "TJ",
    "Turkmen": "TM",
    "Kazakh": "KZ",
}

# Words that say what kind of place a name is: "Laurel County", "Helmand Province", "the Swat Valley".
ADMIN2_WORDS = ("county", "parish", "district", "borough", "municipality", "township", "prefecture")
ADMIN1_WORDS = ("province", "state", "governorate", "region", "oblast", "territory", "canton")
AREA_WORDS = ("valley", "basin", "plain", "plateau", "mountains", "hills", "desert", "peninsula")
SITE_WORDS = (
    "airport",
    "airbase",
    "air base",
    "airfield",
    "airstrip",
    "base",
    "port",
    "harbor",
    "harbour",
    "square",
    "city",
)

# Words of the name of a small feature near a town, which the gazetteer (towns and divisions) lacks: "Mill Creek
# Park", "Bear River", "Lake Jones", "Union Twp.".
LOCAL_FEATURE_WORDS = frozenset(
    "lake river creek park pond reservoir falls township twp station beach springs trail".split()
)

# Nouns a town's name qualifies in local news: "the Lebanon police", "a Jordan middle school", "a Malta woman".
# A country or province is rarely written so (its adjective is: "Lebanese police"), so these words after a name
# that is both make the town the likelier reading where the outlet's home province holds it.
LOCAL_NOUNS = frozenset(
    "police sheriff school schools middle elementary woman man men women boy girl boys girls teen teenager "
    "resident residents native natives mayor council councilman councilwoman selectmen township library "
    "hospital firefighters voters church".split()
)

# National institutions known by the name of their seat or body, with the country they sit in: "Congress
# passed the bill" happened in the United States, though "Congress" is no point on a map (and never the town
# of that name). An event they carry out gets their country only, and only where the report names no place for
# it. General knowledge, by name key (see keys.name_key).
NATIONAL_INSTITUTIONS: dict[str, str] = {
    "congress": "US",
    "us congress": "US",
    "capitol hill": "US",
    "capitol": "US",
    "us capitol": "US",
    "white house": "US",
    "pentagon": "US",
    "justice department": "US",
    "department of justice": "US",
    "state department": "US",
    "department of state": "US",
    "defense department": "US",
    "department of defense": "US",
    "treasury department": "US",
    "homeland security department": "US",
    "department of homeland security": "US",
    "kremlin": "RU",
    "state duma": "RU",
    "duma": "RU",
    "downing street": "GB",
    "whitehall": "GB",
    "knesset": "IL",
    "bundestag": "DE",
    "elysee": "FR",
    "elysee palace": "FR",
    "lok sabha": "IN",
    "rajya sabha": "IN",
    "miraflores": "VE",
    "miraflores palace": "VE",
    "casa rosada": "AR",
    "planalto": "BR",
    "planalto palace": "BR",
    "zhongnanhai": "CN",
    "blue house": "KR",
    "quai dorsay": "FR",
    "foggy bottom": "US",
}

# English function words. One in title case ("In 2009, he ...", "Or else") is the word, not the postal code or
# other abbreviation it spells ("IN", "OR", "ME" in capitals are the states).
FUNCTION_WORDS = frozenset(
    "a an the in on at to of by for from into onto up as or and but if so no nor not is am are was be been do "
    "does did he she it we us me my his her its our they them who what when where why how this that than then "
    "there here all any each some such only own too very can will just".split()
)
