"""Production settings: no tracebacks for readers, XSRF protection on, no usage statistics, no uploads
and no agent API on a reader's server."""

import tomllib

from core.data.paths import ROOT


def test_production_settings():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["enableXsrfProtection"] is True
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["maxUploadSize"] == 0, "a reader's server takes no uploads (the curator's: scripts/run.sh)"
    assert config["server"]["enableAgentApi"] is False


def test_no_unsafe_html_anywhere_in_the_app():
    for path in (ROOT / "dashboard").rglob("*.py"):
        assert "unsafe_allow_html" not in path.read_text(), path
