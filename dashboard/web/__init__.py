"""The server around the pages (dashboard/server.py puts them in front of Streamlit through st.App):
plain ASGI middleware, no Streamlit here.

- asgi: small helpers (headers of a request, a plain-text answer, a refused websocket);
- headers: the security headers on every answer, and the endpoints nobody outside may reach;
- readers: what a reader's server refuses (uploads) and the link too long to pass on;
- curator: the curator's server answers only on its hosts, to its own pages, after sign-in.
"""
