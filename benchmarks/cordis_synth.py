"""Synthetic CORDIS projects downloads, in exactly the layouts of the real ones, at any size.

Writes ``project.csv`` and ``organization.csv`` in the Horizon 2020 layout
(``;``-separated UTF-8; fields quoted where they hold ``;``, quotes or newlines;
amounts with a decimal comma in part of the rows), into a folder or a zip::

    python benchmarks/cordis_synth.py /tmp/cordis-h2020            # H2020 size: 35,000 projects
    python benchmarks/cordis_synth.py /tmp/cordis-5x --scale 5     # five times that
    python benchmarks/cordis_synth.py /tmp/cordis.zip              # the same, zipped

At scale 1 there are 35,000 projects and 180,000 participation rows of about
30,000 organisations (PICs), most taking part in one or two projects and a few
in hundreds, as in a framework programme. Everything is made up.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import zipfile
from collections.abc import Iterator
from pathlib import Path

_PROJECT_HEADER = (
    "id;acronym;status;title;startDate;endDate;totalCost;ecMaxContribution;legalBasis;topics;frameworkProgramme;"
    "masterCall;subCall;fundingScheme;nature;objective;contentUpdateDate;rcn;grantDoi"
)
_ORGANISATION_HEADER = (
    "projectID;projectAcronym;organisationID;vatNumber;name;shortName;SME;activityType;street;postCode;city;"
    "country;nutsCode;geolocation;organizationURL;contactForm;order;role;ecContribution;netEcContribution;"
    "totalCost;endOfParticipation;active"
)
PROJECT_COLUMNS = _PROJECT_HEADER.split(";")
ORGANISATION_COLUMNS = _ORGANISATION_HEADER.split(";")

PROJECTS = 35_000
ROWS = 180_000
ORGANISATIONS = 30_000
COUNTRIES = ("DE", "FR", "ES", "IT", "NL", "BE", "UK", "EL", "SE", "AT", "PT", "DK", "FI", "IE", "PL", "CH", "NO")
ACTIVITIES = ("PRC", "HES", "REC", "PUB", "OTH")
ACTIVITY_WEIGHTS = (40, 25, 20, 7, 8)
_WORDS = (
    "water energy health data grid sensing climate food urban mobility circular materials quantum "
    "photonics soil ocean care digital hydrogen battery vaccine cohort ageing robotics safety"
)
WORDS = _WORDS.split()


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _amount(rng: random.Random, low: int, high: int) -> str:
    value = f"{rng.randint(low, high)}.{rng.randint(0, 99):02d}" if rng.random() < 0.5 else str(rng.randint(low, high))
    return value.replace(".", ",") if rng.random() < 0.5 else value


def _projects(rng: random.Random, n: int) -> Iterator[list[str]]:
    for i in range(n):
        pid = str(600000 + i)
        start = rng.randint(2014, 2021)
        objective = (
            f'The project "{_text(rng, 3)}" studies {_text(rng, 120)}; it works on {_text(rng, 60)}.\n'
            f"Second paragraph: {_text(rng, 40)}."
        )
        yield [
            pid,
            f"SYN{i}",
            rng.choice(("SIGNED", "CLOSED", "CLOSED", "TERMINATED")),
            f"Synthetic project {i}: {_text(rng, 4)}" + ("; a subtitle" if rng.random() < 0.2 else ""),
            f"{start}-{rng.randint(1, 12):02d}-01",
            f"{start + rng.randint(1, 5)}-{rng.randint(1, 12):02d}-28",
            _amount(rng, 50_000, 20_000_000),
            _amount(rng, 50_000, 15_000_000),
            "H2020-EU.3.1.",
            f"SC{rng.randint(1, 7)}-{rng.randint(1, 40):02d}-{start}"
            + (f";SC1-{rng.randint(1, 9):02d}-{start}" if rng.random() < 0.1 else ""),
            "H2020",
            f"H2020-SC-{start}",
            f"H2020-SC-{start}-1",
            rng.choice(("RIA", "IA", "CSA", "MSCA-ITN-ETN", "ERC-STG")),
            "",
            objective,
            "2023-01-01 00:00:00",
            str(200000 + i),
            f"10.9999/{pid}",
        ]


def _organisations(rng: random.Random, n: int) -> list[list[str]]:
    out = []
    for j in range(n):
        country = rng.choice(COUNTRIES)
        activity = rng.choices(ACTIVITIES, ACTIVITY_WEIGHTS)[0]
        name = f"Synthetic {activity.lower()} organisation {j}" + ("; Ltd" if rng.random() < 0.05 else "")
        out.append(
            [
                str(900_000_000 + j),
                f"{country}{rng.randint(10**8, 10**9 - 1)}",
                name,
                f"SO{j}",
                "true" if activity == "PRC" and rng.random() < 0.5 else "false",
                activity,
                f"Street {j}",
                f"{rng.randint(1000, 9999)}",
                "Town",
                country,
                f"{'EL' if country == 'EL' else country}{rng.randint(1, 4)}{rng.randint(1, 9)}",
                f"{rng.uniform(35, 65):.4f},{rng.uniform(-10, 30):.4f}",
                f"www.synthetic-{j}.test" if rng.random() < 0.7 else "",
                "",
            ]
        )
    return out


def write(target: Path, scale: float = 1.0, seed: int = 13) -> tuple[int, int]:
    """Write a download of ``scale`` times the H2020 size to ``target`` (a folder, or a file ending
    in .zip); returns the numbers of projects and of participation rows."""
    rng = random.Random(seed)
    n_projects = int(PROJECTS * scale)
    n_rows = int(ROWS * scale)
    orgs = _organisations(rng, int(ORGANISATIONS * scale))
    # A few organisations take part in very many projects, most in one or two.
    cumulative: list[float] = []
    total = 0.0
    for k in range(len(orgs)):
        total += 1.0 / (k + 1) ** 0.8
        cumulative.append(total)
    per_project = [1] * n_projects
    for _ in range(n_rows - n_projects):
        per_project[rng.randrange(n_projects)] += 1
    if target.suffix.lower() == ".zip":
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            with archive.open("project.csv", "w") as fh:
                _write_projects(io.TextIOWrapper(fh, encoding="utf-8", newline=""), rng, n_projects)
            with archive.open("organization.csv", "w") as fh:
                _write_rows(io.TextIOWrapper(fh, encoding="utf-8", newline=""), rng, orgs, cumulative, per_project)
    else:
        target.mkdir(parents=True, exist_ok=True)
        with (target / "project.csv").open("w", encoding="utf-8", newline="") as fh:
            _write_projects(fh, rng, n_projects)
        with (target / "organization.csv").open("w", encoding="utf-8", newline="") as fh:
            _write_rows(fh, rng, orgs, cumulative, per_project)
    return n_projects, n_rows


def _write_projects(fh: io.TextIOBase, rng: random.Random, n: int) -> None:
    writer = csv.writer(fh, delimiter=";", lineterminator="\n")
    writer.writerow(PROJECT_COLUMNS)
    writer.writerows(_projects(rng, n))
    fh.flush()


def _write_rows(
    fh: io.TextIOBase, rng: random.Random, orgs: list[list[str]], cumulative: list[float], per_project: list[int]
) -> None:
    writer = csv.writer(fh, delimiter=";", lineterminator="\n")
    writer.writerow(ORGANISATION_COLUMNS)
    roles = ("participant", "participant", "participant", "thirdParty", "associatedPartner")
    for i, count in enumerate(per_project):
        pid = str(600000 + i)
        picked: dict[int, list[str]] = {}
        while len(picked) < min(count, len(orgs)):
            (org,) = rng.choices(orgs, cum_weights=cumulative, k=1)
            picked.setdefault(id(org), org)
        for order, org in enumerate(picked.values(), start=1):
            pic, vat, name, short, sme, activity, street, post, city, country, nuts, geo, url, contact = org
            contribution = _amount(rng, 0, 3_000_000)
            writer.writerow(
                [
                    pid,
                    f"SYN{i}",
                    pic,
                    vat,
                    name,
                    short,
                    sme,
                    activity,
                    street,
                    post,
                    city,
                    country,
                    nuts,
                    geo,
                    url,
                    contact,
                    str(order),
                    "coordinator" if order == 1 else rng.choice(roles),
                    contribution,
                    contribution,
                    _amount(rng, 0, 4_000_000),
                    "false",
                    "true",
                ]
            )
    fh.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, help="a folder, or a file ending in .zip")
    parser.add_argument("--scale", type=float, default=1.0, help="times the H2020 size (default 1)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    projects, rows = write(args.target, args.scale, args.seed)
    print(f"wrote {projects:,} projects and {rows:,} organisation rows to {args.target}")


if __name__ == "__main__":
    main()
