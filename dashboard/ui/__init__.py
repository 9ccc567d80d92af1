"""The Streamlit glue under the page scripts, one concern per module:

- store: the corpus every session shares, its views, and the reload after a curator's write;
- cache: what pages derive from the rows, kept per server process and keyed on what it depends on;
- state: a session's filters, their widgets in the sidebar, and the link (the only module that reads
  or writes st.query_params);
- chrome: what every page repeats (header, data-problem banner, empty states, text escaped for Markdown);
- tables: tables with their downloads, and the Sources section under every chart and table;
- graphics: charts and maps on the page, each with its text alternative;
- exports: the Export button under a chart, and the session's briefing pack;
- layout: a phone (390 px): the app's only CSS (charts that scroll sideways, lower maps);
- navigation: the reader pages; curation: the Curate page's cached proposals.

Everything the pages compute or draw comes from `core` (no Streamlit there)."""
