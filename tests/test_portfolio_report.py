"""The report's "Compared with N peers" section: on 200 synthetic organisations plus the
example, the example's report shows its percentile per domain, agreeing with a hand
computation."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from assess.numbers import show_percentile, show_score
from assess.portfolio import Store
from assess.portfolio.synthetic import synthetic_records
from assess.report import write_reports
from assess.report.peers import chart_data, draw_peers

from .conftest import EXAMPLE
from .portfolio_support import example_record


def _with_portfolio(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "northshire"
    shutil.copytree(EXAMPLE, folder)
    yaml = folder / "assessment.yaml"
    yaml.write_text(yaml.read_text().replace("baseline: ../northshire-2025", "") + extra)
    return folder


def _hand_percentile(score: float, peers: list[float]) -> float:
    return 100 * (sum(p < score for p in peers) + sum(p == score for p in peers) / 2) / len(
        peers)


@pytest.fixture(scope="module")
def two_hundred(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("portfolio")
    subject = example_record()
    peers = [dataclasses.replace(r, sector="local-government")
             for r in synthetic_records(subject, 200, seed=11)]
    with Store(f"sqlite:///{folder / 'p.sqlite'}") as store:
        for r in (*peers, subject):
            store.add(r)
    return folder / "p.sqlite", peers


def test_the_report_shows_the_percentile_per_domain(
        tmp_path: Path, two_hundred: tuple[Path, list]) -> None:  # type: ignore[type-arg]
    db, peers = two_hundred
    folder = _with_portfolio(tmp_path, f"portfolio:\n  db: sqlite:///{db}\n  peers: "
                                       f"{{sector: local-government}}\n")
    written = list(write_reports(folder, ["markdown"], tmp_path / "out"))
    [md] = [p for p in written if p.name == "report.md"]  # not the annex
    text = md.read_text()
    assert "Compared with 200 peers" in text
    subject = example_record()
    for d in subject.domains:
        values = [x.score for r in peers for x in r.domains if x.id == d.id
                  and x.score is not None]
        percentile = show_percentile(_hand_percentile(d.score or 0, values))
        row = next(line for line in text.splitlines()
                   if line.startswith(f"| {d.name} | {show_score(d.score)} | {len(values)} |"))
        assert row.rstrip().endswith(f"| {percentile} |")
    assert any(p.name.startswith("peers") and p.suffix == ".png" for p in written)


def test_a_relative_portfolio_path_and_a_small_group(
        tmp_path: Path, two_hundred: tuple[Path, list]) -> None:  # type: ignore[type-arg]
    db, _ = two_hundred
    folder = _with_portfolio(tmp_path, "portfolio:\n  db: sqlite:///p.sqlite\n  peers: "
                                       "{sector: health}\n")
    shutil.copy(db, folder / "p.sqlite")
    [html] = [p for p in write_reports(folder, ["html"], tmp_path / "out")
              if p.name == "report.html"]  # not the annex
    text = html.read_text()
    assert "Compared with 0 peers" in text
    assert "fewer than 5 peers: not shown" in text
    assert 'id="figure-peers"' not in text


def test_the_peer_chart_is_drawn_from_the_quartiles() -> None:
    ctx = {"meta": {"organisation": "Northshire Council"}, "peers": {
        "group": "sector local-government", "scale": [0, 5], "domains": [
            {"name": "Cloud", "score": 2.5, "percentile": 75.0, "quartiles": (1.0, 2.0, 3.0)},
            {"name": "Network", "score": 1.0, "percentile": None, "quartiles": None}]}}
    data = chart_data(ctx)
    assert data.labels == ("Cloud",) and data.boxes == ((1.0, 2.0, 3.0),)
    assert data.table()[1] == (("Cloud", "2.50", "1.00", "2.00", "3.00", "75"),)
    fig = draw_peers(data)
    ax = fig.axes[0]
    assert [round(p.get_width(), 6) for p in ax.patches] == [2.0]
