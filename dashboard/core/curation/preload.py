"""Imported once by the fork server of core.curation.worker (and only there): builds what every child
would otherwise build again, the offline gazetteer's city index (1-2 s), so that each child forked
to read or propose starts with it."""

from core.curation.gazetteer import city_index
from core.curation.review import propose_candidates  # noqa: F401 - pandas and the proposer, imported once
from core.data.loading import load_corpus  # noqa: F401

city_index()
