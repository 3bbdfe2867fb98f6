"""The walk-in queue's public pages of issue 14 §2, §6 and §9 in a real headless Chromium.

1. A customer takes a ticket at the kiosk in Chinese at phone width, opens its status page, and watches it show
   the counter when an agent calls the ticket through the API — without a reload.
2. The display board shows the call (number and counter) without a reload, and highlights it.
3. At the counter console (`/queue`), an agent half-way through typing why a ticket is called out of turn keeps
   the text and the chosen ticket while another counter's call updates the line live.

Each test sets up its own branch (a random suffix) with a service, an open counter and a device key through the
API, so earlier runs and the demo data never interfere."""

from __future__ import annotations

import random

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support import expected_conditions as EC

PHONE_WIDTH = (360, 740)


def _branch(api) -> dict:
    """A new branch with one service (prefix A), one open counter serving it and a device key."""
    tag = str(random.randrange(10**6, 10**7))
    branch = api("POST", "/branches", {"name": f"浏览器支行 {tag}"})["id"]
    service = api("POST", "/queue/services", {
        "branch_id": branch, "name": "存款", "name_en": "Deposits", "prefix": "A",
        "expected_service_minutes": 5, "target_wait_minutes": 15,
    })["id"]
    counter_name = f"{tag[-2:]}号窗口"
    counter = api("POST", "/queue/counters", {"branch_id": branch, "name": counter_name, "service_ids": [service]})["id"]
    api("PATCH", f"/queue/counters/{counter}", {"open": True})
    key = api("POST", f"/queue/branches/{branch}/device-key")["device_key"]
    return {"id": branch, "service": service, "counter": counter, "counter_name": counter_name, "key": key}


def _mark(driver) -> None:
    """Marks the page, so a check that the mark is still there proves the page was not reloaded."""
    driver.execute_script("window.kefuNoReload = true;")


def _not_reloaded(driver) -> bool:
    return driver.execute_script("return window.kefuNoReload === true;")


def test_kiosk_ticket_in_chinese_at_phone_width_follows_its_call(driver, base_url, wait, api):
    branch = _branch(api)
    driver.set_window_size(*PHONE_WIDTH)
    # The admin opens the kiosk once with its key; the device keeps it and moves to the bare address.
    driver.get(f"{base_url}/kiosk/{branch['id']}?key={branch['key']}")
    wait.until(lambda d: d.current_url.rstrip("/").endswith(f"/kiosk/{branch['id']}"))
    wait.until(EC.element_to_be_clickable((By.ID, "lang-zh-Hans"))).click()
    wait.until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hans")
    button = wait.until(EC.element_to_be_clickable((By.ID, f"queue-service-{branch['service']}")))
    assert "存款" in button.text
    assert button.size["width"] <= PHONE_WIDTH[0], "the service button fits a phone's width"
    assert button.size["height"] >= 48, "the service button is a large touch target"
    assert driver.execute_script("return document.documentElement.scrollWidth") <= PHONE_WIDTH[0]
    button.click()

    number = wait.until(EC.presence_of_element_located((By.ID, "queue-number"))).text
    assert number == "A001"
    assert driver.find_element(By.ID, "queue-qr").find_element(By.TAG_NAME, "svg").is_displayed()
    assert "您前面还有 1 位" in driver.find_element(By.ID, "queue-position").text
    status_url = driver.find_element(By.ID, "queue-status-link").get_attribute("href")

    driver.get(status_url)
    wait.until(EC.text_to_be_present_in_element((By.ID, "queue-number"), "A001"))
    assert "等候中" in driver.find_element(By.ID, "queue-status").text
    assert not driver.find_elements(By.ID, "queue-counter")
    _mark(driver)

    # An agent calls the ticket at the counter; the open status page shows where to go, without a reload.
    called = api("POST", f"/queue/counters/{branch['counter']}/call-next")
    assert called["number"] == "A001"
    wait.until(EC.text_to_be_present_in_element((By.ID, "queue-counter"), branch["counter_name"]))
    assert "已叫号" in driver.find_element(By.ID, "queue-status").text
    assert _not_reloaded(driver)


def test_board_shows_a_call_without_reloading(driver, base_url, wait, api):
    branch = _branch(api)
    api("PATCH", f"/queue/branches/{branch['id']}/settings", {"board_message": "系统较慢，请再等约 10 分钟"})
    driver.get(f"{base_url}/board/{branch['id']}?key={branch['key']}")
    wait.until(lambda d: d.current_url.rstrip("/").endswith(f"/board/{branch['id']}"))
    wait.until(EC.text_to_be_present_in_element((By.ID, "board-message"), "系统较慢"))
    assert not driver.find_elements(By.CSS_SELECTOR, "#board-calls .board-call")
    _mark(driver)

    ticket = api("POST", "/queue/tickets", {"service_id": branch["service"]})
    wait.until(lambda d: "1" in d.find_element(By.ID, "board-waiting").text)
    api("POST", f"/queue/counters/{branch['counter']}/call-next")
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#board-calls .board-call"), ticket["number"]))
    call = driver.find_element(By.CSS_SELECTOR, "#board-calls .board-call")
    assert branch["counter_name"] in call.text
    assert "fresh" in driver.find_element(By.ID, "board-calls").get_attribute("class"), "a new call is highlighted"
    assert ticket["number"] in driver.find_element(By.ID, "board-recent").text
    assert _not_reloaded(driver)


def test_console_keeps_a_half_typed_reason_through_a_live_update(
        driver, login, base_url, wait, api, agent_credentials):
    login(agent_credentials.email, agent_credentials.password)
    branch = _branch(api)
    first, second, third = (api("POST", "/queue/tickets", {"service_id": branch["service"]}) for _ in range(3))
    driver.get(f"{base_url}/queue")
    Select(wait.until(EC.presence_of_element_located((By.ID, "queue-counter-choice")))).select_by_value(
        branch["counter"])
    driver.find_element(By.CSS_SELECTOR, "#queue-picker button[type=submit]").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "queue-line"), third["number"]))
    Select(driver.find_element(By.ID, "queue-call-ticket")).select_by_visible_text(third["number"])
    reason = driver.find_element(By.ID, "queue-call-reason")
    reason.send_keys("客户行动不便")
    _mark(driver)

    # The ticket first in line is called through the API: the line updates without a reload, and the agent's
    # choice and half-typed reason are still there, the reason still focused.
    api("POST", f"/queue/counters/{branch['counter']}/call-next")
    wait.until(lambda d: first["number"] not in d.find_element(By.CSS_SELECTOR, "#queue-line table").text)
    assert _not_reloaded(driver)
    assert driver.find_element(By.ID, "queue-call-reason").get_attribute("value") == "客户行动不便"
    assert Select(driver.find_element(By.ID, "queue-call-ticket")).first_selected_option.text == third["number"]
    assert driver.switch_to.active_element.get_attribute("id") == "queue-call-reason"
    assert second["number"] in driver.find_element(By.ID, "queue-line").text
