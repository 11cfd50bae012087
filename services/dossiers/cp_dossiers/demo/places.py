"""Dutch places for demo addresses, with their postcodes, area code and court.

Postcode ranges, area codes and court locations are close to the real ones
but rounded; they only need to look right in a demo.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    city: str
    postcode_from: int
    postcode_to: int
    area_code: str
    # Rechtbank (court district) and the location of its kanton team.
    court_district: str
    court_location: str
    # Relative number of inhabitants, for drawing debtors.
    weight: int


PLACES: tuple[Place, ...] = (
    Place("Amsterdam", 1011, 1109, "020", "Amsterdam", "Amsterdam", 92),
    Place("Rotterdam", 3011, 3089, "010", "Rotterdam", "Rotterdam", 66),
    Place("Den Haag", 2491, 2597, "070", "Den Haag", "Den Haag", 56),
    Place("Utrecht", 3511, 3585, "030", "Midden-Nederland", "Utrecht", 37),
    Place("Eindhoven", 5611, 5658, "040", "Oost-Brabant", "Eindhoven", 24),
    Place("Groningen", 9711, 9747, "050", "Noord-Nederland", "Groningen", 24),
    Place("Tilburg", 5011, 5049, "013", "Zeeland-West-Brabant", "Tilburg", 23),
    Place("Almere", 1311, 1364, "036", "Midden-Nederland", "Lelystad", 22),
    Place("Breda", 4811, 4839, "076", "Zeeland-West-Brabant", "Breda", 19),
    Place("Nijmegen", 6511, 6546, "024", "Gelderland", "Nijmegen", 18),
    Place("Apeldoorn", 7311, 7339, "055", "Gelderland", "Apeldoorn", 17),
    Place("Haarlem", 2011, 2037, "023", "Noord-Holland", "Haarlem", 16),
    Place("Arnhem", 6811, 6846, "026", "Gelderland", "Arnhem", 16),
    Place("Enschede", 7511, 7548, "053", "Overijssel", "Enschede", 16),
    Place("Amersfoort", 3811, 3829, "033", "Midden-Nederland", "Amersfoort", 16),
    Place("Zaandam", 1501, 1509, "075", "Noord-Holland", "Zaandam", 16),
    Place("'s-Hertogenbosch", 5211, 5237, "073", "Oost-Brabant", "'s-Hertogenbosch", 16),
    Place("Zwolle", 8011, 8043, "038", "Overijssel", "Zwolle", 13),
    Place("Leiden", 2311, 2334, "071", "Den Haag", "Leiden", 13),
    Place("Maastricht", 6211, 6229, "043", "Limburg", "Maastricht", 12),
    Place("Dordrecht", 3311, 3329, "078", "Rotterdam", "Dordrecht", 12),
    Place("Leeuwarden", 8911, 8939, "058", "Noord-Nederland", "Leeuwarden", 12),
    Place("Alkmaar", 1811, 1834, "072", "Noord-Holland", "Alkmaar", 11),
    Place("Venlo", 5911, 5928, "077", "Limburg", "Venlo", 10),
    Place("Deventer", 7411, 7431, "0570", "Overijssel", "Deventer", 10),
    Place("Delft", 2611, 2629, "015", "Den Haag", "Den Haag", 10),
    Place("Heerlen", 6411, 6419, "045", "Limburg", "Heerlen", 9),
    Place("Emmen", 7811, 7827, "0591", "Noord-Nederland", "Emmen", 9),
    Place("Assen", 9401, 9409, "0592", "Noord-Nederland", "Assen", 7),
    Place("Middelburg", 4331, 4339, "0118", "Zeeland-West-Brabant", "Middelburg", 5),
    Place("Zutphen", 7201, 7210, "0575", "Gelderland", "Zutphen", 5),
    Place("Harderwijk", 3841, 3849, "0341", "Gelderland", "Harderwijk", 5),
)

# Streets found in almost every Dutch town.
COMMON_STREETS: tuple[str, ...] = (
    "Kerkstraat", "Dorpsstraat", "Schoolstraat", "Molenweg", "Stationsweg", "Julianastraat",
    "Beatrixlaan", "Wilhelminastraat", "Oranjestraat", "Kastanjelaan", "Eikenlaan", "Lindelaan",
    "Parallelweg", "Nieuwstraat", "Markt", "Hoofdstraat", "Prins Bernhardlaan", "Sportlaan",
    "Beukenlaan", "Tulpstraat", "Rozenstraat", "Sluisweg", "Havenstraat", "Burgemeester de Vlugtlaan",
    "Van Goghstraat", "Rembrandtlaan", "Vondelstraat", "Koningin Emmalaan", "Merelstraat", "Zonnebloemweg",
)

# Streets of business parks.
BUSINESS_STREETS: tuple[str, ...] = (
    "Industrieweg", "Handelsweg", "Nijverheidsweg", "Edisonweg", "Newtonstraat", "Ambachtsweg",
    "Transportweg", "Energieweg", "Zuiderhavenweg", "Bedrijvenpark Noord", "Celsiusstraat",
    "Marconistraat", "Kelvinbaan", "Ampèrestraat", "Logistiekweg", "Vlasakker",
)

# Letter pairs that Dutch postcodes do not use.
EXCLUDED_POSTCODE_LETTERS = frozenset({"SA", "SD", "SS"})
