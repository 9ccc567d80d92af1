"""The code stays simple enough to carry on: no patched libraries, short modules with a docstring,
pure modules without Streamlit, page scripts where Streamlit expects them. Read from the source
(ast), so a new module is checked as soon as it exists."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD = ROOT / "dashboard"
OWN = {"core", "ui", "views", "web", "app", "server", "curate", "validate"}  # the project's own top-level names
MODULES = sorted(p for p in DASHBOARD.rglob("*.py") if "__pycache__" not in p.parts)
SCRIPTS = sorted((ROOT / "scripts").glob("*.py"))
MAX_LINES = 400
# Libraries whose objects the dashboard builds and hands to Streamlit: their objects are configured
# through constructors and update methods, never by setting attributes (python-pptx, by contrast, is
# used through its documented property setters, e.g. slide.shapes.title.text = ...).
CONFIGURED_BY_CALLS = {"plotly", "pydeck", "streamlit", "kaleido"}
NAMEDTUPLE_API = {"_make", "_asdict", "_replace", "_fields"}  # documented, though spelt with an underscore
# Replacing these on another package's object changes what the library does for everyone.
LIBRARY_HOOKS = {"to_json", "to_dict", "__init__", "__getattribute__", "__getattr__", "__setattr__", "__class__"}


def _third_party(module: str) -> bool:
    root = module.split(".")[0]
    return root not in OWN and root not in sys.stdlib_module_names and root != "__future__"


def _library_names(tree: ast.AST, packages=None) -> set[str]:
    """Names bound by imports from other packages (pio, st, go, pdk, Figure...), or from these packages."""
    def wanted(module: str) -> bool:
        return _third_party(module) and (packages is None or module.split(".")[0] in packages)

    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names if wanted(a.name)}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and wanted(node.module):
            names |= {a.asname or a.name for a in node.names}
    return names


def _root(node: ast.AST) -> ast.AST:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.value if not isinstance(node, ast.Call) else node.func
    return node


def patches(source: str) -> list[str]:
    """Every place the source assigns to another package's module, class or object, replaces a
    library hook, subclasses a library class, or reaches into a private name of another object."""
    tree = ast.parse(source)
    library = _library_names(tree)
    builders = _library_names(tree, CONFIGURED_BY_CALLS)
    made_by_library: set[str] = set()  # variables holding a plotly, pydeck or Streamlit object
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            if isinstance(_root(node.value.func), ast.Name) and _root(node.value.func).id in builders:
                made_by_library |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        targets = []
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            for element in (target.elts if isinstance(target, ast.Tuple) else [target]):
                if not isinstance(element, ast.Attribute):
                    continue
                root = _root(element)
                name = root.id if isinstance(root, ast.Name) else ""
                if name in library or name in made_by_library:
                    found.append(f"line {line}: assigns {ast.unparse(element)} on another package's object")
                elif element.attr in LIBRARY_HOOKS:
                    found.append(f"line {line}: replaces {ast.unparse(element)}")
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "object.__setattr__":
            found.append(f"line {line}: {ast.unparse(node.func)} sets an attribute behind the object's back")
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                root = _root(base)
                if isinstance(root, ast.Name) and root.id in library:
                    found.append(f"line {line}: class {node.name} subclasses {ast.unparse(base)}")
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__") \
                and node.attr not in NAMEDTUPLE_API:
            root = _root(node)
            if not (isinstance(root, ast.Name) and root.id in ("self", "cls")):
                found.append(f"line {line}: reaches into a private name: {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("path", MODULES + SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_library_is_patched(path):
    assert patches(path.read_text(encoding="utf-8")) == []


def test_the_patch_check_finds_patches():
    """The check above can fail: each way of patching a library that the project once used is found."""
    cases = {
        "import plotly.io as pio\npio.to_json = lambda f: ''\n": "assigns pio.to_json",
        "import plotly.graph_objects as go\nfig = go.Figure()\nfig.to_dict = lambda: {}\n": "assigns fig.to_dict",
        "import pydeck as pdk\ndeck = pdk.Deck()\ndeck._tooltip = {}\n": "assigns deck._tooltip",
        "def f(built):\n    built.to_json = lambda: ''\n": "replaces built.to_json",
        "import plotly.graph_objects as go\nclass Sent(go.Figure):\n    pass\n": "subclasses go.Figure",
        "from pydeck import Deck\nclass CompactDeck(Deck):\n    pass\n": "subclasses Deck",
        "def f(spec):\n    object.__setattr__(spec, 'x', 1)\n": "object.__setattr__",
        "def f(fig):\n    return fig._data\n": "private name: fig._data",
    }
    for source, expected in cases.items():
        assert any(expected in found for found in patches(source)), (source, patches(source))
    assert patches("class Own:\n    def f(self):\n        self._x = 1\n        return self._x\n") == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(DASHBOARD)))
def test_every_module_is_short_and_says_what_it_is_for(path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_LINES, f"{path.name}: {len(source.splitlines())} lines; split it by job"
    if source.strip():
        assert ast.get_docstring(ast.parse(source)), f"{path.name} has no docstring saying its job"


def test_the_core_never_imports_streamlit():
    """core/ is the pure layer (loading, validation, queries, builders): tests and scripts use it
    without a Streamlit runtime. web/ is plain ASGI middleware, tested without a server: server.py
    hands it what it needs from Streamlit (settings, secrets)."""
    for path in [*(DASHBOARD / "core").rglob("*.py"), *(DASHBOARD / "web").rglob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not any(m.split(".")[0] == "streamlit" for m in imported), path


def test_the_folders_show_the_architecture():
    """dashboard/: app.py, server.py (st.App: the middleware in front of app.py) and the command lines;
    views/ (page scripts), ui/ (Streamlit glue), web/ (the middleware), core/ with data, curation,
    analysis and render. No pages/ folder: Streamlit would switch to its legacy multipage mode."""
    folders = {p.name for p in DASHBOARD.iterdir() if p.is_dir() and p.name not in ("__pycache__",)}
    assert folders == {"core", "ui", "views", "static", "web"}
    assert {p.name for p in (DASHBOARD / "core").iterdir() if p.is_dir() and p.name != "__pycache__"} == {
        "data", "curation", "analysis", "render"}
    assert {p.name for p in DASHBOARD.glob("*.py")} == {"app.py", "server.py", "curate.py", "validate.py"}
