"""Country profile: everything the corpus says about one country (/country?iso=TJK). (skeleton)"""

import streamlit as st

import ui

corpus = ui.get_corpus()
f = ui.current()
ui.header("Country profile", f"Country: {f.iso or 'choose one'}")
