"""Search every curated row and the full text of the documents (/search?q=...). (skeleton)"""

import streamlit as st

import ui

corpus = ui.get_corpus()
f = ui.current()
ui.header("Search", f"Search: {f.search}")
