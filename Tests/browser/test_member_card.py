"""Loyalty of issue 15 in a real headless Chromium: a member opens their own page at phone width in Chinese and
sees their balance, their tier progress and the QR code of their member number.

The admin sets two member tiers (the second from 1,000.00 spent in 12 months), enrols a customer, records a
purchase of 128.00 for them and makes the link to their page through the API. In a browser sized like a
phone, the member opens the link (no login), switches to Chinese and finds 128 points, how much more spending
reaches the next tier, and the QR code, with nothing wider than the screen."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC


def test_a_member_opens_their_card_on_a_phone_in_chinese(driver, base_url, wait, api):
    tag = str(random.randrange(10**6, 10**7))
    api("PATCH", "/settings", {"loyalty": {"tiers": [
        {"name": "member", "multiplier": 1}, {"name": "金卡", "multiplier": 2, "min_spend_12m": 100000}]}})
    customer = api("POST", "/customers", {"name": f"周女士 {tag}"})
    member = api("POST", "/loyalty/members", {"customer_id": customer["id"]})
    bought = (datetime.now(timezone.utc) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    api("POST", "/purchases", {"customer_id": customer["id"], "purchased_at": bought, "total": 12800,
                               "source": "browser-test", "external_ref": f"B-{tag}"})
    link = api("POST", f"/loyalty/members/{member['id']}/links", {})

    driver.set_window_size(390, 844)
    driver.get(base_url + link["url"])
    wait.until(EC.element_to_be_clickable((By.ID, "lang-zh-Hans"))).click()
    wait.until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hans")
    assert driver.find_element(By.ID, "member-number").text == member["number"]
    assert driver.find_element(By.ID, "member-balance").text == "128"
    progress = driver.find_element(By.ID, "member-progress").text
    assert "金卡" in progress and "872.00" in progress, progress
    qr = driver.find_element(By.CSS_SELECTOR, "#member-qr svg")
    assert qr.get_attribute("role") == "img" and 0 < qr.size["width"] <= 390
    assert "消费积分" in driver.find_element(By.ID, "member-history").text
    # Nothing wider than the phone: no sideways scrolling.
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
