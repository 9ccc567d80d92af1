"""Channels and groups a sentence names: platforms and outlets (those of channels.csv and common
ones; a channel named by a common noun, "markets", only where the sentence speaks of recruiting),
and names with a group word ("Brigade", "Jamaat", "Katibat") that groups.csv does not know."""

from __future__ import annotations

import re

from core.curation.vocab import (
    CHANNEL_NEGATION, CONSTRUCT_NAME, GROUP_NAME, GROUP_STOP, KNOWN_CHANNELS, Mention, Vocab, slug,
)

RECRUITING = re.compile(r"\b(?:recruit\w*|propaganda|radicali\w*|preach\w*|extremis\w*|jihad\w*|spread\w*|lure\w*|"
                        r"indoctrinat\w*|channels?|sermons?)\b", re.I)


class NameFinder:
    """Channel and group candidates of one sentence, as dicts of candidate fields."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self.channel_patterns = self._channel_patterns()
        self._known_lower = {n.lower() for n in vocab.known_names}

    def _channel_patterns(self) -> list[tuple[re.Pattern, str, str, str]]:
        kinds = dict(KNOWN_CHANNELS)
        for row in self.vocab.channels.itertuples():
            name = re.sub(r"\s*\(.*\)$", "", row.name).strip()
            if name and name[0].isupper() and len(name.split()) <= 3 and name not in kinds:
                kinds[name] = row.kind
        pats = []
        for name, kind in sorted(kinds.items(), key=lambda kv: -len(kv[0])):
            pats.append((re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w])", re.I if len(name) > 4 else 0), name, kind, name.lower()))
        return pats

    def channels(self, text: str) -> list[tuple[int, dict]]:
        """(position, fields) of each channel the sentence names, in order."""
        rows, taken = [], []
        lowered = text.lower()
        recruiting = RECRUITING.search(text)
        for pattern, name, kind, needle in self.channel_patterns:
            if needle not in lowered or (name not in KNOWN_CHANNELS and f" {needle}" in f" {text}" and not recruiting):
                continue  # "raids on markets": a common noun is a channel only where the sentence speaks of recruiting
            for m in pattern.finditer(text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append(m.span())
                negated = CHANNEL_NEGATION.search(text[max(0, m.start() - 40):m.start()])
                rows.append((m.start(), dict(name=name, kind=kind, stance="not used" if negated else "used",
                                             reason=f"channel name '{m.group(0)}'" + ("; a negation before it" if negated else ""))))
                break
        return sorted(rows, key=lambda r: r[0])

    def groups(self, text: str, mentions: list[Mention]) -> list[dict]:
        """Fields of each group the sentence names that groups.csv does not know."""
        known = [(m.start, m.end) for m in mentions if m.kind in ("group", "country")]
        rows = []
        found = sorted([*CONSTRUCT_NAME.finditer(text), *GROUP_NAME.finditer(text)], key=lambda m: (m.start(), -m.end()))
        kept = []
        for m in found:  # the longest of overlapping names
            if not any(k.start() <= m.start() < k.end() or m.start() <= k.start() < m.end() for k in kept):
                kept.append(m)
        for m in kept:
            name = re.sub(r"^(?:(?:The|A|An|In|On|Why|How|According|After|Before|Since|When|While|Its|Their)\s+)+", "",
                          m.group(0).strip())
            if name in GROUP_STOP or len(name.split()) < 2 or any(m.start() < e and s < m.end() for s, e in known):
                continue
            if name.lower() in self._known_lower:
                continue
            rows.append(dict(name=name, group_id=slug(name), reason=f"a name with a group word ('{name}') that groups.csv does not know"))
        return rows
