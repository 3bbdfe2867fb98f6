"""Fixtures for Kefu's browser tests: a real headless Chromium driven by selenium.

scripts/test.sh starts a server and runs `pytest Tests/browser` with:

    KEFU_BASE_URL           e.g. http://127.0.0.1:PORT (no trailing slash needed)
    KEFU_ADMIN_EMAIL        an admin user's email
    KEFU_ADMIN_PASSWORD     and password
    KEFU_BROWSER_ARTIFACTS  where screenshots of failed tests go (a temp dir if unset)
    KEFU_CHROMIUM           browser binary (default /usr/bin/chromium, Debian's)
    KEFU_CHROMEDRIVER       driver binary (default /usr/bin/chromedriver, Debian's)

Selenium never downloads a browser or driver here: both paths are given, and
Selenium Manager is told to stay offline.

Fixtures:
    base_url           the server's base URL, without a trailing slash
    admin_credentials  AdminCredentials(email, password)
    driver             a fresh headless Chromium (clean profile, en-US) per test;
                       on failure, a screenshot and the page source are saved
    wait               WebDriverWait(driver, 10)
    login              login(email=None, password=None): signs in through /login
    api                api(method, path, body=None): the JSON API as the admin (bearer token)
    agent_credentials  a new agent account made through the API, AdminCredentials-shaped
"""

from __future__ import annotations

import json
import os
import random
import re
import urllib.request
import shutil
import tempfile
from pathlib import Path
from typing import NamedTuple

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

# Never let Selenium Manager go to the network for a browser or a driver.
os.environ.setdefault("SE_OFFLINE", "true")

CHROMIUM = os.environ.get("KEFU_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KEFU_CHROMEDRIVER", "/usr/bin/chromedriver")
WINDOW_SIZE = (1280, 900)
PAGE_LOAD_TIMEOUT = 30


class AdminCredentials(NamedTuple):
    email: str
    password: str


def _required_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        pytest.fail(
            f"{name} is not set: run the browser tests through scripts/test.sh, or set "
            "KEFU_BASE_URL, KEFU_ADMIN_EMAIL and KEFU_ADMIN_PASSWORD for a running server",
            pytrace=False,
        )
    return value


# --- failure artefacts -------------------------------------------------------

_artifacts_dir: Path | None = None
_saved: list[Path] = []


def _artifacts() -> Path:
    global _artifacts_dir
    if _artifacts_dir is None:
        configured = os.environ.get("KEFU_BROWSER_ARTIFACTS")
        if configured:
            _artifacts_dir = Path(configured)
            _artifacts_dir.mkdir(parents=True, exist_ok=True)
        else:
            _artifacts_dir = Path(tempfile.mkdtemp(prefix="kefu-browser-artifacts."))
    return _artifacts_dir


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test item so the driver fixture can tell,
    # at teardown, whether the test failed.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _save_failure(driver: webdriver.Chrome, nodeid: str) -> None:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[:150]
    folder = _artifacts()
    png = folder / f"{name}.png"
    html = folder / f"{name}.html"
    try:
        driver.save_screenshot(str(png))
        _saved.append(png)
    except Exception as error:  # the browser may be gone
        print(f"could not take a screenshot for {nodeid}: {error}")
    try:
        html.write_text(f"<!-- {driver.current_url} -->\n{driver.page_source}", encoding="utf-8")
        _saved.append(html)
    except Exception as error:
        print(f"could not save the page source for {nodeid}: {error}")


def pytest_terminal_summary(terminalreporter):
    if _saved:
        terminalreporter.section("browser test artefacts")
        terminalreporter.write_line(f"screenshots and page sources of failed tests in {_artifacts()}:")
        for path in _saved:
            terminalreporter.write_line(f"  {path}")


# --- fixtures ------------------------------------------------------------------

@pytest.fixture(scope="session")
def base_url() -> str:
    return _required_env("KEFU_BASE_URL").rstrip("/")


@pytest.fixture(scope="session")
def admin_credentials() -> AdminCredentials:
    return AdminCredentials(_required_env("KEFU_ADMIN_EMAIL"), _required_env("KEFU_ADMIN_PASSWORD"))


def _chromium_options(profile_dir: str) -> Options:
    options = Options()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--user-data-dir={profile_dir}",
        f"--window-size={WINDOW_SIZE[0]},{WINDOW_SIZE[1]}",
        "--lang=en-US",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-sync",
        "--disable-component-update",
        "--password-store=basic",
    ):
        options.add_argument(argument)
    # Accept-Language comes from this preference in headless mode; tests switch
    # language through the UI (or by starting their own driver with another one).
    options.add_experimental_option("prefs", {
        "intl.accept_languages": "en-US,en",
        "credentials_enable_service": False,
        "profile.password_manager_enabled": False,
    })
    return options


@pytest.fixture
def driver(request):
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            pytest.fail(f"{path} not found: install Debian's chromium and chromium-driver "
                        "(scripts/test.sh does)", pytrace=False)
    profile_dir = tempfile.mkdtemp(prefix="kefu-chromium-profile.")
    service = Service(executable_path=CHROMEDRIVER)
    browser = webdriver.Chrome(service=service, options=_chromium_options(profile_dir))
    browser.set_page_load_timeout(PAGE_LOAD_TIMEOUT)
    try:
        yield browser
    finally:
        failed = any(
            getattr(getattr(request.node, f"rep_{when}", None), "failed", False)
            for when in ("setup", "call")
        )
        if failed:
            _save_failure(browser, request.node.nodeid)
        browser.quit()
        shutil.rmtree(profile_dir, ignore_errors=True)


@pytest.fixture
def wait(driver) -> WebDriverWait:
    # A condition that reads an element while the page is being replaced (a form's redirect) can meet a stale
    # node; Chromium reports some of those as a plain WebDriverException ("Node with given id does not belong to
    # the document"), which is as transient as a StaleElementReferenceException: poll again.
    return WebDriverWait(driver, 10, ignored_exceptions=(StaleElementReferenceException, WebDriverException))


@pytest.fixture
def login(driver, base_url, admin_credentials, wait):
    """Signs in through the /login form (fields `email` and `password`) and waits
    until the browser has left /login. Returns the driver."""

    def sign_in(email: str | None = None, password: str | None = None):
        driver.get(f"{base_url}/login")
        email_field = wait.until(EC.presence_of_element_located((By.NAME, "email")))
        email_field.clear()
        email_field.send_keys(email if email is not None else admin_credentials.email)
        password_field = driver.find_element(By.NAME, "password")
        password_field.clear()
        password_field.send_keys(password if password is not None else admin_credentials.password)
        password_field.submit()
        wait.until(lambda d: "/login" not in d.current_url)
        return driver

    return sign_in


@pytest.fixture(scope="session")
def api(base_url, admin_credentials):
    """Calls `/api/v1` as the admin with a bearer token; returns the decoded JSON body."""
    state: dict[str, str] = {}

    def call(method: str, path: str, body: dict | None = None, token: str | None = None):
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if token or state.get("token"):
            headers["Authorization"] = f"Bearer {token or state['token']}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"{base_url}/api/v1{path}", data=data, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
            return json.loads(text) if text else None

    answer = call("POST", "/auth/token", {"email": admin_credentials.email, "password": admin_credentials.password})
    state["token"] = answer["token"]
    return call


@pytest.fixture(scope="session")
def agent_credentials(api) -> AdminCredentials:
    email = f"agent{random.randrange(10**9)}@browser.test"
    password = "agent password " + str(random.randrange(10**9))
    api("POST", "/users", {"email": email, "name": "浏览器客服", "role": "agent", "password": password})
    return AdminCredentials(email, password)
