"""Curate: review proposed rows for a new document and write them (curator mode only). (skeleton)"""

import streamlit as st

import ui

ui.header("Curate", "Curator mode")
