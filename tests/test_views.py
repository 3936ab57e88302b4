"""A record shown with its dataset (``Dataset.view``): names beside ids in Jupyter, IPython and text."""

from __future__ import annotations

import html
import io

import pytest

import mtib
from mtib.cli import main
from mtib.core.model import HelixSphere, Organisation, Participant, Partnership, Role, Source, Text, Topsector
from mtib.dataset import RecordView


class _Printer:
    def __init__(self) -> None:
        self.written = ""

    def text(self, s: str) -> None:
        self.written += s


def _own_dataset() -> mtib.Dataset:
    """A dataset built in Python whose names are not the bundled ones."""
    src = Source(id="s", title="A page", url="https://example.org/a?b=1&c=<2>")
    org = Organisation(id="acme", name="Acme & Co <Labs>", sphere=HelixSphere.INDUSTRY, sources=("s",))
    top = Topsector(id="ts", name=Text(nl="Eigen sector", en="Own sector"), established=2011, sources=("s",))
    p = Partnership(
        id="p1",
        name="Partnership one",
        topsectors=("ts",),
        participants=(Participant(organisation="acme", role=Role.COORDINATOR),),
        sources=("s",),
    )
    return mtib.Dataset({"sources": (src,), "organisations": (org,), "topsectors": (top,), "partnerships": (p,)})


def test_a_view_names_what_the_record_refers_to_in_its_own_dataset() -> None:
    ds = _own_dataset()
    rows = dict(ds.view("p1").rows())
    assert rows["topsectors"] == "ts (Own sector)"
    assert rows["participants"] == "acme (Acme & Co <Labs>) [coordinator, industry]"  # sphere derived
    assert dict(ds.view("p1", lang="nl").rows())["topsectors"] == "ts (Eigen sector)"
    # the record on its own knows only ids
    assert "ts (Own sector)" not in ds.partnerships["p1"]._repr_html_()


def test_the_html_view_is_escaped_and_links_the_sources() -> None:
    page = _own_dataset().view("p1")._repr_html_()
    assert html.escape("acme (Acme & Co <Labs>)") in page and "<Labs>" not in page
    assert '<a href="https://example.org/a?b=1&amp;c=&lt;2&gt;">A page</a>' in page
    assert page.count("<table") == 1 and "<caption>Partnership one (partnership &#x27;p1&#x27;)</caption>" in page


def test_a_view_prints_as_mtib_show(ds: mtib.Dataset) -> None:
    p = next(p for p in ds.partnerships if p.participants and p.budget is not None)
    view = ds.view(p.id)
    out = io.StringIO()
    assert main(["show", p.id], out=out) == 0
    assert out.getvalue() == view.text() + "\n" == str(view) + "\n"
    printer = _Printer()
    view._repr_pretty_(printer, False)
    assert printer.written == view.text()
    assert f"  budget: {p.budget}" in view.text()  # money with its currency
    first = ds.organisations[p.participants[0].organisation]
    assert f"{first.id} ({first.name})" in view._repr_html_().replace("&amp;", "&").replace("&#x27;", "'")


def test_a_view_takes_a_record_or_an_id(ds: mtib.Dataset) -> None:
    lsh = ds.topsectors["lsh"]
    assert ds.view(lsh) == ds.view("lsh")
    assert isinstance(ds.view("lsh"), RecordView) and ds.view("lsh").kind == "topsector"
    with pytest.raises(mtib.NotFoundError, match="lsh"):
        ds.view("lhs")
    with pytest.raises(ValueError, match="lang"):
        ds.view("lsh", lang="de")  # type: ignore[arg-type]


def test_a_view_lists_who_refers_to_the_record(ds: mtib.Dataset) -> None:
    org = next(o for o in ds.organisations if ds.referrers(o))
    text = ds.view(org).text()
    assert f"referred to by {len(ds.referrers(org))} record(s)" in text
    assert ds.referrers(org)[0].id in text
