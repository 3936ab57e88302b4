"""MkDocs hooks: the pages that are generated at build time, so that they never drift.

- The data reference (``data/*.md``): every topsector, TKI, theme, mission, SDG
  link, partnership, organisation, fact, event and source of the bundled dataset,
  each record with its sources, written from ``mtib.load()``.
- The API reference (``reference/*.md``): one page per public module of mtib,
  rendered by mkdocstrings from the docstrings; the nav lists them.
- Command output: a marker ``<!-- mtib: ARGS -->`` on a line of its own in any
  page becomes a console block with the real output of ``mtib ARGS``
  (``<!-- mtib: overview --help -->`` gives the real help text).

The page generators are plain functions of a :class:`mtib.Dataset`, so
``tests/test_docs.py`` checks them without MkDocs. MkDocs itself is imported
only inside the hooks.
"""

from __future__ import annotations

import contextlib
import html
import importlib
import io
import os
import pkgutil
import re
import shlex
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import mtib
from mtib.analysis.stats import coverage
from mtib.core.schema import KIND_OF
from mtib.dataset import display_name

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

# ----------------------------------------------------------------------------- helpers

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")


def esc(text: object) -> str:
    """``text`` as Markdown that shows exactly that text (no markup, no HTML)."""
    value = str(text).replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", html.escape(value, quote=False))


def url(address: str) -> str:
    """A URL that is safe inside Markdown link parentheses."""
    return address.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def link(label: str, address: str) -> str:
    return f"[{esc(label)}]({url(address)})"


_PAGE_OF_KIND = {
    "topsectors": "topsectors.md",
    "tkis": "topsectors.md",
    "themes": "themes.md",
    "missions": "themes.md",
    "partnerships": "partnerships.md",
    "organisations": "organisations.md",
    "facts": "facts.md",
    "events": "timeline.md",
    "sources": "sources.md",
    "sdgs": "sdgs.md",
    "concepts": "index.md",
    "covenants": "agendas.md",
    "agendas": "agendas.md",
    "instruments": "agendas.md",
}


def ref(ds: mtib.Dataset, record_id: str, label: str | None = None, here: str = "") -> str:
    """A link to the data-reference entry of a record (by id), from page ``here``."""
    record = ds.resolve(record_id)
    kind = KIND_OF[type(record)]
    text = label if label is not None else display_name(record)
    if kind == "sdg_targets":
        return f"{link(text, 'sdgs.md#sdg-' + record.id.split('.')[0])}"
    page = _PAGE_OF_KIND.get(kind)
    if page is None:
        return esc(text)
    anchor = f"sdg-{record.id}" if kind == "sdgs" else record.id
    target = f"#{anchor}" if page == here else f"{page}#{anchor}"
    return link(text, target)


def texts(value: mtib.Text | None) -> list[str]:
    """The Dutch and English versions of a text, labelled, as Markdown lines."""
    if value is None:
        return []
    out = []
    if value.en is not None:
        out.append(f"*en*: {esc(value.en)}")
    if value.nl is not None:
        out.append(f"*nl*: {esc(value.nl)}")
    return out


def field_list(rows: Iterable[tuple[str, str | None]]) -> list[str]:
    """A two-column table of the fields that have a value."""
    kept = [(k, v) for k, v in rows if v]
    if not kept:
        return []
    return ["| | |", "|---|---|", *(f"| {k} | {v} |" for k, v in kept), ""]


def sources_block(ds: mtib.Dataset, record: Any, here: str = "") -> list[str]:
    """The sources a record cites, as a list with titles, publishers, years and URLs."""
    lines = ["**Sources**", ""]
    for source in ds.sources_of(record):
        bits = [link(source.title, source.url) if source.url else esc(source.title)]
        meta = [m for m in (source.publisher, str(source.published) if source.published else None) if m]
        if meta:
            bits.append(esc(", ".join(meta)))
        anchor = f"#{source.id}" if here == "sources.md" else f"sources.md#{source.id}"
        bits.append(f"[`{source.id}`]({anchor})")
        lines.append("- " + " — ".join(bits))
    lines.append("")
    return lines


def sdg_links(ds: mtib.Dataset, links: Iterable[mtib.SDGLink], here: str = "") -> list[str]:
    lines = []
    for sdg in links:
        goal = ds.sdgs[sdg.goal]
        label = f"SDG {sdg.code}" if sdg.target else f"SDG {sdg.goal} {goal.name.en}"
        why = f": {esc(sdg.rationale.get('en'))}" if sdg.rationale else ""
        lines.append(f"- {ref(ds, goal.id, label, here)} ({sdg.relation.value}){why}")
    return [*lines, ""] if lines else []


def generated_note() -> list[str]:
    return [
        '!!! info "Generated from the data"',
        f"    This page is written from `data/` by `docs/hooks.py` when the site is built "
        f"(mtib {mtib.__version__}, data {mtib.DATA_VERSION}), so it always shows the bundled dataset as it is.",
        "",
    ]


# ------------------------------------------------------------------------- data pages


def page_index(ds: mtib.Dataset) -> str:
    lines = [
        "# Data reference",
        "",
        *generated_note(),
        "The bundled dataset is human-edited YAML in `data/`, shipped inside the wheel and read by "
        "`mtib.load()`. Every record cites its sources; a claim that only the policy note makes is marked "
        "*reported*. [Contributing data](../contributing-data.md) describes the shape of the files and "
        "how to propose a record.",
        "",
        "| collection | records | page |",
        "|---|--:|---|",
    ]
    pages = {
        "sources": "sources.md",
        "organisations": "organisations.md",
        "topsectors": "topsectors.md",
        "tkis": "topsectors.md#tkis",
        "themes": "themes.md",
        "missions": "themes.md",
        "sdgs": "sdgs.md",
        "sdg_targets": "sdgs.md",
        "sdg_indicators": "",
        "partnerships": "partnerships.md",
        "facts": "facts.md",
        "events": "timeline.md",
        "concepts": "#concepts",
        "instruments": "agendas.md#instruments",
        "covenants": "agendas.md",
        "agendas": "agendas.md#agendas",
    }
    for name, count in ds.counts().items():
        page = pages.get(name, "")
        lines.append(f"| `{name}` | {count} | {link(name.replace('_', ' '), page) if page else ''} |")
    lines += ["", "## Concepts {#concepts}", ""]
    for concept in ds.concepts:
        lines += [f"### {esc(display_name(concept))} {{#{concept.id}}}", ""]
        lines += [f"{t}  " for t in texts(concept.description)]
        lines.append("")
        if concept.spheres:
            spheres = ", ".join(s.label() for s in mtib.HelixSphere if s in concept.spheres)
            lines += [f"Spheres: {spheres}.", ""]
        lines += sources_block(ds, concept)
    return "\n".join(lines)


def page_topsectors(ds: mtib.Dataset) -> str:
    here = "topsectors.md"
    lines = ["# Topsectors and TKIs", "", *generated_note()]
    lines += ["| topsector | id | since | TKIs | partnerships |", "|---|---|--:|---|--:|"]
    for ts in ds.topsectors:
        tkis = ", ".join(ref(ds, t, ds.tkis[t].acronym or display_name(ds.tkis[t]), here) for t in ts.tkis)
        lines.append(
            f"| {ref(ds, ts.id, here=here)} | `{ts.id}` | {ts.established} | {tkis} "
            f"| {len(ds.partnerships_of(ts.id))} |"
        )
    lines.append("")
    for ts in ds.topsectors:
        lines += [f"## {esc(ts.name.get('en'))} {{#{ts.id}}}", ""]
        lines += field_list(
            [
                ("id", f"`{ts.id}`"),
                ("Dutch name", esc(ts.name.nl) if ts.name.nl else None),
                ("acronym", esc(ts.acronym) if ts.acronym else None),
                ("established", str(ts.established)),
                ("also known as", esc(", ".join(ts.aliases)) if ts.aliases else None),
                ("website", link(ts.website, ts.website) if ts.website else None),
                ("TKIs", ", ".join(ref(ds, t, here=here) for t in ts.tkis) or None),
            ]
        )
        lines += [f"{t}  " for t in texts(ts.description)]
        lines.append("")
        partnerships = ds.partnerships_of(ts.id)
        if partnerships:
            lines += [
                f"**Partnerships** ({len(partnerships)}): "
                + ", ".join(ref(ds, p.id, p.acronym or p.name) for p in partnerships),
                "",
            ]
        lines += sources_block(ds, ts, here)
    lines += ["## TKIs {#tkis}", ""]
    for tki in ds.tkis:
        lines += [f"### {esc(display_name(tki))} {{#{tki.id}}}", ""]
        lines += field_list(
            [
                ("id", f"`{tki.id}`"),
                ("acronym", esc(tki.acronym) if tki.acronym else None),
                ("topsectors", ", ".join(ref(ds, t.id, here=here) for t in ds.topsectors_of(tki.id)) or None),
                ("also known as", esc(", ".join(tki.aliases)) if tki.aliases else None),
                ("established", str(tki.established) if tki.established else None),
                ("ended", str(tki.ended) if tki.ended else None),
                ("successor", ref(ds, tki.successor, here=here) if tki.successor else None),
                ("website", link(tki.website, tki.website) if tki.website else None),
            ]
        )
        lines += [f"{t}  " for t in texts(tki.description)]
        lines.append("")
        lines += sources_block(ds, tki, here)
    return "\n".join(lines)


def _mission_title(mission: mtib.Mission) -> str:
    name = mission.name.get("en") if mission.name else None
    if name is None:
        statement = mission.statement.get("en") or ""
        name = statement if len(statement) <= 90 else statement[:87].rstrip() + "..."
    return f"{mission.code}. {name}" if mission.code else name


def page_themes(ds: mtib.Dataset) -> str:
    here = "themes.md"
    lines = ["# Themes and missions", "", *generated_note()]
    lines += ["| theme | kind | SDGs | missions | partnerships |", "|---|---|---|--:|--:|"]
    for theme in ds.themes:
        goals = ", ".join(str(g.number) for g in ds.sdgs_of(theme.id))
        lines.append(
            f"| {ref(ds, theme.id, here=here)} | {theme.kind.value.replace('_', '-')} | {goals} "
            f"| {len(ds.missions_of(theme.id))} | {len(ds.partnerships_of(theme.id))} |"
        )
    lines.append("")
    for theme in ds.themes:
        lines += [f"## {esc(theme.name.get('en'))} {{#{theme.id}}}", ""]
        lines += field_list(
            [
                ("id", f"`{theme.id}`"),
                ("Dutch name", esc(theme.name.nl) if theme.name.nl else None),
                ("kind", theme.kind.value.replace("_", "-")),
                ("also known as", esc(", ".join(theme.aliases)) if theme.aliases else None),
            ]
        )
        lines += [f"{t}  " for t in texts(theme.description)]
        lines.append("")
        if theme.sdgs:
            lines += ["**SDG links**", "", *sdg_links(ds, theme.sdgs, here)]
        partnerships = ds.partnerships_of(theme.id)
        if partnerships:
            lines += [
                f"**Partnerships** ({len(partnerships)}): "
                + ", ".join(ref(ds, p.id, p.acronym or p.name) for p in partnerships),
                "",
            ]
        lines += sources_block(ds, theme, here)
        for mission in ds.missions_of(theme.id):
            lines += [f"### {esc(_mission_title(mission))} {{#{mission.id}}}", ""]
            lines += [f"{t}  " for t in texts(mission.statement)]
            lines.append("")
            lines += field_list(
                [
                    ("id", f"`{mission.id}`"),
                    ("code", esc(mission.code) if mission.code else None),
                    ("name", " / ".join(esc(v) for v in mission.name.values()) if mission.name else None),
                    ("target year", str(mission.target_year) if mission.target_year else None),
                    ("period", str(mission.period) if mission.period else None),
                    (
                        "part of",
                        ref(ds, mission.parent, _mission_title(ds.missions[mission.parent]), here)
                        if mission.parent
                        else None,
                    ),
                    ("evidence", mission.evidence.value),
                ]
            )
            if mission.sdgs:
                lines += ["**SDG links**", "", *sdg_links(ds, mission.sdgs, here)]
            lines += sources_block(ds, mission, here)
    return "\n".join(lines)


def page_partnerships(ds: mtib.Dataset) -> str:
    here = "partnerships.md"
    lines = ["# Partnerships", "", *generated_note()]
    lines += ["| partnership | topsectors | helix | period | evidence |", "|---|---|---|---|---|"]
    for p in ds.partnerships:
        lines.append(
            f"| {ref(ds, p.id, p.acronym or p.name, here)} | {', '.join(p.topsectors)} | {p.helix_type.label()} "
            f"| {p.period or ''} | {p.evidence.value} |"
        )
    lines.append("")
    for p in ds.partnerships:
        title = f"{p.acronym}: {p.name}" if p.acronym and p.acronym != p.name else p.name
        lines += [f"## {esc(title)} {{#{p.id}}}", ""]
        lines += [f"{t}  " for t in texts(p.description)]
        lines.append("")
        spheres = ", ".join(s.label() for s in mtib.HelixSphere if s in p.spheres)
        lines += field_list(
            [
                ("id", f"`{p.id}`"),
                ("kind", p.kind.value.replace("_", " ")),
                ("status", p.status.value),
                ("also known as", esc(", ".join(p.aliases)) if p.aliases else None),
                ("topsectors", ", ".join(ref(ds, t) for t in p.topsectors)),
                ("themes", ", ".join(ref(ds, t) for t in p.themes)),
                ("missions", ", ".join(ref(ds, m, _mission_title(ds.missions[m])) for m in p.missions) or None),
                ("helix", f"{p.helix_type.label()} ({spheres or 'no spheres'})"),
                ("cross-sectoral", "yes" if p.cross_sectoral else "no"),
                ("period", str(p.period) if p.period else None),
                ("budget", esc(str(p.budget)) if p.budget else None),
                (
                    "environmental change",
                    ", ".join(e.label() for e in mtib.EnvironmentalChange if e in p.environmental_change) or None,
                ),
                ("health", ", ".join(h.label() for h in mtib.HealthDimension if h in p.health_dimensions) or None),
                ("website", link(p.website, p.website) if p.website else None),
                ("evidence", p.evidence.value),
            ]
        )
        lines += ["**SDG links**", "", *sdg_links(ds, p.sdgs, here)]
        lines += ["**Participants**", "", "| organisation | role | sphere |", "|---|---|---|"]
        for part in p.participants:
            sphere = part.sphere.label() if part.sphere else ""
            lines.append(f"| {ref(ds, part.organisation)} | {part.role.value.replace('_', '-')} | {sphere} |")
        lines.append("")
        lines += sources_block(ds, p, here)
    return "\n".join(lines)


def page_organisations(ds: mtib.Dataset) -> str:
    here = "organisations.md"
    lines = ["# Organisations", "", *generated_note()]
    counts = Counter(o.sphere for o in ds.organisations)
    lines += [
        "Every organisation is placed in one sphere of the helix: "
        + ", ".join(f"{s.label()} {counts.get(s, 0)}" for s in mtib.HelixSphere)
        + ".",
        "",
    ]
    for sphere in mtib.HelixSphere:
        lines += [f"## {sphere.label().capitalize()} ({sphere.label('nl')})", ""]
        for org in (o for o in ds.organisations if o.sphere is sphere):
            lines += [f"### {esc(org.name)} {{#{org.id}}}", ""]
            partnerships = ds.partnerships_of(org.id)
            lines += field_list(
                [
                    ("id", f"`{org.id}`"),
                    ("kind", org.kind.value.replace("_", " ") if org.kind else None),
                    ("also known as", esc(", ".join(org.aliases)) if org.aliases else None),
                    ("country", org.country),
                    ("website", link(org.website, org.website) if org.website else None),
                    ("KvK", org.kvk),
                    ("ROR", link(org.ror, org.ror) if org.ror else None),
                    ("partnerships", ", ".join(ref(ds, p.id, p.acronym or p.name) for p in partnerships) or None),
                ]
            )
            lines += [f"{t}  " for t in texts(org.description)]
            lines.append("")
            lines += sources_block(ds, org, here)
    return "\n".join(lines)


def page_facts(ds: mtib.Dataset) -> str:
    here = "facts.md"
    contested = ds.facts.contested()
    lines = ["# Facts", "", *generated_note()]
    lines += [
        "Facts are claims as their sources make them. Claims on the same quantity share a *topic*; where "
        "sources disagree, each claim is kept with its own source and the topic is marked **contested**. "
        f"{len(contested)} of {len(ds.facts.topics())} topics are contested.",
        "",
    ]
    for topic in ds.facts.topics():
        mark = " (contested)" if topic in contested else ""
        lines += [f"## `{topic}`{mark} {{#topic-{topic}}}", ""]
        for fact in ds.facts.claims(topic):
            value = f"{fact.value} {fact.unit or ''}".strip() if fact.value is not None else "(no value)"
            lines += [f"### {esc(value)} — `{fact.id}` {{#{fact.id}}}", ""]
            lines += [f"{t}  " for t in texts(fact.statement)]
            lines.append("")
            lines += field_list(
                [
                    ("scope", esc(fact.scope) if fact.scope else None),
                    ("year", str(fact.year) if fact.year else None),
                    ("about", ", ".join(ref(ds, s) for s in fact.subjects) or None),
                    ("evidence", fact.evidence.value),
                ]
            )
            lines += sources_block(ds, fact, here)
    return "\n".join(lines)


def page_timeline(ds: mtib.Dataset) -> str:
    here = "timeline.md"
    lines = ["# Timeline", "", *generated_note()]
    for event in ds.events.timeline():
        when = event.date.isoformat() if event.date else str(event.when)
        lines += [f"## {when}: {esc(display_name(event))} {{#{event.id}}}", ""]
        lines += [f"{t}  " for t in texts(event.description)]
        lines.append("")
        lines += field_list(
            [
                ("id", f"`{event.id}`"),
                ("Dutch title", esc(event.title.nl) if event.title.nl and event.title.en else None),
                ("related", ", ".join(ref(ds, r) for r in event.related) or None),
                ("evidence", event.evidence.value),
            ]
        )
        lines += sources_block(ds, event, here)
    return "\n".join(lines)


def page_sdgs(ds: mtib.Dataset) -> str:
    here = "sdgs.md"
    lines = ["# SDGs", "", *generated_note()]
    lines += [
        "The 17 Sustainable Development Goals with the themes, missions and partnerships that link to them, "
        "and their targets (the English UN texts, as published by Open SDG).",
        "",
    ]
    for goal in ds.sdgs:
        lines += [f"## SDG {goal.number}: {esc(goal.name.get('en'))} {{#sdg-{goal.id}}}", ""]
        if goal.name.nl:
            lines += [f"*nl*: {esc(goal.name.nl)}", ""]
        if goal.title and goal.title.en:
            lines += [f"{esc(goal.title.en)}", ""]
        themes = ds.themes_of(goal.id)
        missions = ds.missions_of(goal.id)
        partnerships = ds.partnerships_of(goal.id)
        lines += field_list(
            [
                ("themes", ", ".join(ref(ds, t.id) for t in themes) or None),
                ("missions", ", ".join(ref(ds, m.id, m.id) for m in missions) or None),
                ("partnerships", ", ".join(ref(ds, p.id, p.acronym or p.name) for p in partnerships) or None),
            ]
        )
        targets = [t for t in ds.sdg_targets if t.goal == goal.number]
        lines += [f'??? note "{len(targets)} targets"', ""]
        for target in targets:
            linked = (
                len(ds.partnerships.where(sdg=target.id))
                + len(ds.themes_of(target.id))
                + len(ds.missions_of(target.id))
            )
            mark = f" *(linked by {linked} record{'s' if linked != 1 else ''})*" if linked else ""
            lines.append(f"    - **{target.id}** {esc(target.title.get('en'))}{mark}")
        lines.append("")
        lines += sources_block(ds, goal, here)
    return "\n".join(lines)


def page_sources(ds: mtib.Dataset) -> str:
    cited = dict(coverage(ds).citations)  # records citing each source, as `mtib stats` counts them
    kinds = Counter(s.kind for s in ds.sources)
    lines = ["# Sources", "", *generated_note()]
    lines += [
        f"The {len(ds.sources)} public sources the records cite: "
        + ", ".join(f"{n} {k.value.replace('_', ' ')}" for k, n in kinds.most_common())
        + ". Only the policy note mtib started from has no URL.",
        "",
        "| id | source | publisher | year | kind | cited by |",
        "|---|---|---|---|---|--:|",
    ]
    for source in ds.sources:
        title = link(source.title, source.url) if source.url else esc(source.title)
        lines.append(
            f'| <span id="{source.id}"></span>`{source.id}` | {title} | {esc(source.publisher or "")} '
            f"| {source.published or ''} | {source.kind.value.replace('_', ' ')} | {cited.get(source.id, 0)} |"
        )
    lines.append("")
    return "\n".join(lines)


def page_agendas(ds: mtib.Dataset) -> str:
    here = "agendas.md"
    lines = ["# Covenants, agendas and instruments", "", *generated_note()]
    lines += [
        "The knowledge and innovation covenants (KIC) in which business, knowledge institutions and "
        "government commit money to the policy, the knowledge and innovation agendas (KIA) that say what "
        "it is spent on, and the instruments through which the government adds to it.",
        "",
        "## Covenants {#covenants}",
        "",
    ]
    for kic in sorted(ds.covenants, key=lambda c: (c.period.start or 0) if c.period else 0):
        lines += [f"### {esc(display_name(kic))} {{#{kic.id}}}", ""]
        lines += [f"{t}  " for t in texts(kic.description)]
        lines.append("")
        commitment = f"{kic.commitment} for {kic.commitment_year}" if kic.commitment else None
        lines += field_list(
            [
                ("id", f"`{kic.id}`"),
                ("period", str(kic.period) if kic.period else None),
                ("signed", kic.signed.isoformat() if kic.signed else None),
                ("signatories", str(kic.signatories) if kic.signatories else None),
                ("commitment", esc(commitment) if commitment else None),
                ("agendas", ", ".join(ref(ds, a.id, here=here) for a in ds.agendas_of(kic.id)) or None),
                ("evidence", kic.evidence.value),
            ]
        )
        lines += sources_block(ds, kic, here)
    lines += ["## Agendas {#agendas}", ""]
    for kia in ds.agendas:
        lines += [f"### {esc(display_name(kia))} {{#{kia.id}}}", ""]
        lines += [f"{t}  " for t in texts(kia.description)]
        lines.append("")
        lines += field_list(
            [
                ("id", f"`{kia.id}`"),
                ("English name", esc(kia.name.en) if kia.name.en and kia.name.nl else None),
                ("period", str(kia.period) if kia.period else None),
                ("covenant", ref(ds, kia.covenant, here=here) if kia.covenant else None),
                ("part of", ref(ds, kia.parent, here=here) if kia.parent else None),
                ("parts", ", ".join(ref(ds, a.id, here=here) for a in ds.agendas_of(kia.id)) or None),
                ("themes", ", ".join(ref(ds, t, here=here) for t in kia.themes) or None),
                ("coordinated by", ", ".join(ref(ds, r, here=here) for r in (*kia.topsectors, *kia.organisations))),
                ("website", link(kia.website, kia.website) if kia.website else None),
                ("evidence", kia.evidence.value),
            ]
        )
        lines += sources_block(ds, kia, here)
    lines += ["## Instruments {#instruments}", ""]
    for tool in ds.instruments:
        lines += [f"### {esc(display_name(tool))} {{#{tool.id}}}", ""]
        lines += [f"{t}  " for t in texts(tool.description)]
        lines.append("")
        rates = "; ".join(esc(str(r) + (f" of {r.basis.get('en')}" if r.basis else "")) for r in tool.rates)
        lines += field_list(
            [
                ("id", f"`{tool.id}`"),
                ("kind", tool.kind.value.replace("_", " ")),
                ("period", str(tool.period) if tool.period else None),
                ("part of", ref(ds, tool.parent, here=here) if tool.parent else None),
                ("parts", ", ".join(ref(ds, i.id, here=here) for i in ds.instruments_of(tool.id)) or None),
                ("succeeded by", ref(ds, tool.successor, here=here) if tool.successor else None),
                ("rates", rates or None),
                ("budget", esc(str(tool.budget)) if tool.budget else None),
                ("run by", ", ".join(ref(ds, o, here=here) for o in tool.administrators) or None),
                ("funded by", ", ".join(ref(ds, o, here=here) for o in tool.funders) or None),
                ("website", link(tool.website, tool.website) if tool.website else None),
                ("evidence", tool.evidence.value),
            ]
        )
        lines += sources_block(ds, tool, here)
    return "\n".join(lines)


DATA_PAGES: dict[str, Callable[[mtib.Dataset], str]] = {
    "data/index.md": page_index,
    "data/topsectors.md": page_topsectors,
    "data/themes.md": page_themes,
    "data/partnerships.md": page_partnerships,
    "data/organisations.md": page_organisations,
    "data/facts.md": page_facts,
    "data/timeline.md": page_timeline,
    "data/agendas.md": page_agendas,
    "data/sdgs.md": page_sdgs,
    "data/sources.md": page_sources,
}


def data_pages(ds: mtib.Dataset) -> dict[str, str]:
    """Every generated data-reference page: its path under docs/ and its Markdown."""
    return {path: make(ds) + "\n" for path, make in DATA_PAGES.items()}


# ---------------------------------------------------------------------------- the API

_LAYER_ORDER = ["core", "dataset", "io", "analysis", "render", "cli"]
"""The layers, lowest first: the API reference lists modules in this order."""


def public_modules() -> list[str]:
    """The public modules of mtib (no leading underscore, not a layer's package), layer by layer."""
    names = [
        m.name.removeprefix("mtib.")
        for m in pkgutil.walk_packages(mtib.__path__, "mtib.")
        if not m.ispkg and not any(part.startswith("_") for part in m.name.split("."))
    ]
    return sorted(names, key=lambda n: (_LAYER_ORDER.index(n.split(".")[0]), n))


def _summary(obj: object) -> str:
    doc = (getattr(obj, "__doc__", None) or "").strip().split("\n\n")[0]
    doc = " ".join(doc.split())
    return re.sub(r":\w+:`~?([^`]+)`", r"`\1`", doc)


def api_pages() -> dict[str, str]:
    """The API reference pages: an index of ``mtib``'s names and one page per public module."""
    pages: dict[str, str] = {}
    lines = [
        "# API reference",
        "",
        "Generated from the docstrings of the installed package. Everything below is importable from the "
        "module it is documented in; the names in this table are also importable from `mtib` itself "
        "(`import mtib; mtib.load()`). Every public function, class and method has a runnable example, and "
        "the examples run as tests.",
        "The examples run against a small frozen sample of the bundled data (15 of its partnerships, with "
        "the records they refer to), so their output stays the same when records are added; on the full "
        "dataset the same code gives its own figures.",
        "",
        "| name | what it is |",
        "|---|---|",
    ]
    for name in mtib.__all__:
        obj = getattr(mtib, name)
        module = getattr(obj, "__module__", "") or ""
        short = module.removeprefix("mtib.")
        if module.startswith("mtib.") and short in public_modules() and hasattr(obj, "__qualname__"):
            cell = f"[`mtib.{name}`]({short}.md#{module}.{obj.__qualname__})"
        else:
            cell = f"`mtib.{name}`"
        summary = _summary(obj) if callable(obj) else f"`{obj!r}`"
        lines.append(f"| {cell} | {esc(summary).replace(chr(92) + '`', '`')} |")
    lines += ["", "## Modules", ""]
    for short in public_modules():
        module = importlib.import_module(f"mtib.{short}")
        lines.append(f"- [`mtib.{short}`]({short}.md): {_summary(module)}")
        pages[f"reference/{short}.md"] = (
            f"# `mtib.{short}`\n\n::: mtib.{short}\n    options:\n      show_root_heading: false\n"
            f"      show_root_toc_entry: false\n"
        )
    pages["reference/index.md"] = "\n".join(lines) + "\n"
    return pages


# ---------------------------------------------------------------------- command output

_MARKER = re.compile(r"^([ \t]*)<!-- mtib:(.*?)-->[ \t]*$", re.MULTILINE)


@contextlib.contextmanager
def _columns(width: int) -> Iterator[None]:
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        yield
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old


DOCS_DIR = os.path.dirname(os.path.abspath(__file__))


@contextlib.contextmanager
def _cwd(path: str) -> Iterator[None]:
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def run_cli(args: list[str]) -> tuple[int, str]:
    """The exit status and output (stdout, then stderr) of ``mtib ARGS``, run in docs/ at a fixed width."""
    from mtib.cli import main

    out, err = io.StringIO(), io.StringIO()
    with _columns(80), _cwd(DOCS_DIR):
        status = main(args, out=out, err=err)
    return status, out.getvalue() + err.getvalue()


def expand_markers(markdown: str) -> str:
    """Replace each ``<!-- mtib: ARGS -->`` line by a console block with the real output."""

    def replace(match: re.Match[str]) -> str:
        indent = match.group(1)
        command, _, pipe = match.group(2).partition("|")
        args = shlex.split(command)
        status, output = run_cli(args)
        if status not in (0, 1) and "--help" not in args:
            raise RuntimeError(f"`mtib {' '.join(args)}` in the docs exits with status {status}:\n{output}")
        shown = " ".join(shlex.quote(a) for a in args)
        head = re.fullmatch(r"\s*head -(\d+)\s*", pipe)
        if pipe and head is None:
            raise RuntimeError(f"unsupported pipe in a docs marker: {pipe!r} (only 'head -N')")
        if head is not None:
            output = "\n".join(output.splitlines()[: int(head.group(1))])
            shown += f" | head -{head.group(1)}"
        status_line = f"\n$ echo $?\n{status}" if status else ""
        block = f"```console\n$ mtib {shown}\n{output.rstrip()}{status_line}\n```"
        return "\n".join(indent + line if line else line for line in block.split("\n"))

    return _MARKER.sub(replace, markdown)


# ------------------------------------------------------------------------------ hooks


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Expand the "API reference" nav entry into one page per public module."""
    nav = config.nav or []
    for i, item in enumerate(nav):
        if isinstance(item, dict) and item.get("API reference") == "reference/index.md":
            entries: list[Any] = ["reference/index.md"]
            entries += [{f"mtib.{m}": f"reference/{m}.md"} for m in public_modules()]
            nav[i] = {"API reference": entries}
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages (data reference and API reference) to the site."""
    from mkdocs.structure.files import File

    from mtib.io.schemas import schemas

    published = {f"schemas/{name}": text for name, text in schemas().items()}  # the data files' JSON Schemas
    pages: dict[str, str | bytes] = {**data_pages(mtib.load()), **api_pages(), **plot_pictures(), **published}
    for path, content in pages.items():
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=content))
    return files


def plot_pictures() -> dict[str, bytes]:
    """The charts of ``mtib plot`` drawn from the bundled data, as SVG files of the site
    (``assets/plots/<chart>.svg``); none when matplotlib is not installed."""
    import tempfile
    from pathlib import Path

    try:
        from mtib.render.plot import CHARTS, plot
    except ImportError:  # pragma: no cover - the docs extra without matplotlib
        return {}
    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for chart in CHARTS:
            try:
                path = plot(chart, Path(tmp) / f"{chart}.svg")
            except ImportError:
                return {}
            out[f"assets/plots/{chart}.svg"] = path.read_bytes()
    return out


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill in the real output of every ``<!-- mtib: ARGS -->`` marker."""
    return expand_markers(markdown)
