"""Shared fixtures: a small demo source and warehouse built once, a real Streamlit server, a real browser."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
DEMO_AS_OF = date(2026, 11, 20)
TEST_OUTPUT = REPO / "test-output"

# Flags that keep Chromium from reaching for the network, which this machine does not have.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def demo_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `small` demo source (about 20k leads), generated once per test worker."""
    from pipelines.demo import generate, parse_scale

    out = tmp_path_factory.mktemp("demo") / "source"
    generate(out, n_leads=parse_scale("small"), seed=7, as_of=DEMO_AS_OF, fmt="csv", progress=False)
    return out


@pytest.fixture(scope="session")
def demo_warehouse(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built from the small demo source. Treat it as read-only."""
    from pipelines.build import build

    db = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    build(demo_source, db)
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class StreamlitServer:
    url: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def start_streamlit(
    db: Path, log_path: Path, timeout: float = 60.0, env: dict[str, str] | None = None
) -> StreamlitServer:
    """`streamlit run app.py` on a free port against `db` (and `env`), waiting until it answers its health check."""
    port = free_port()
    python_path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "LOAN_DASHBOARD_DB": str(db), "PYTHONPATH": python_path, **(env or {})}
    log = log_path.open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return StreamlitServer(url, process, log_path)
        except OSError:
            time.sleep(0.25)
    process.kill()
    raise RuntimeError(f"streamlit did not become healthy in {timeout} s:\n{log_path.read_text()}")


def stop_streamlit(server: StreamlitServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's Chromium; browser tests skip without it, except in CI (REQUIRE_BROWSER=1) where they fail."""
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM} is missing and REQUIRE_BROWSER=1: browser tests are mandatory here")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="module")
def browser(chromium_path: Path) -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def wait_for_app(page, timeout_ms: int = 60_000) -> None:
    """Wait until the app is connected and its script has run to the end (no sleeping)."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)
    # Elements left from a previous run are marked stale until the new run replaces them.
    page.wait_for_function("!document.querySelector('[data-stale=\\'true\\']')", timeout=timeout_ms)


def screenshot(page, name: str) -> Path:
    TEST_OUTPUT.mkdir(exist_ok=True)
    path = TEST_OUTPUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
