"""The customer flow of issue 2 §8 in a real headless Chromium: log in, switch to Chinese,
create 王小明 (an organisation) with a key contact, find it by searching 小明, open it, add a
note and see the note on its timeline.

The demo data may hold other customers whose names contain 小明, so the test follows the row
of the customer it created (by its id), never just the first match."""

from __future__ import annotations

import random
import re
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

CUSTOMER_URL = re.compile(r"/customers/([0-9A-Fa-f-]{36})(?:[?#].*)?$")


def test_create_find_and_annotate_a_customer_in_chinese(driver, base_url, login, wait):
    login()

    # Switch the UI to Chinese with the language link every page carries.
    wait.until(EC.element_to_be_clickable((By.ID, "lang-zh-Hans"))).click()
    wait.until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hans")
    assert "客户" in driver.find_element(By.TAG_NAME, "h1").text

    # Create 王小明, an organisation, with a phone no other customer has.
    driver.find_element(By.LINK_TEXT, "新建客户").click()
    name = wait.until(EC.presence_of_element_located((By.ID, "f-name")))
    Select(driver.find_element(By.ID, "f-kind")).select_by_value("organization")
    name.send_keys("王小明")
    phone = "139" + "".join(random.choice("0123456789") for _ in range(8))
    driver.find_element(By.ID, "f-phones").send_keys(phone)
    driver.find_element(By.ID, "f-tags").send_keys("浏览器测试")
    driver.find_element(By.CSS_SELECTOR, "form.grid-form button[type=submit]").click()
    wait.until(lambda d: CUSTOMER_URL.search(d.current_url))
    customer_id = CUSTOMER_URL.search(driver.current_url).group(1)
    assert driver.find_element(By.ID, "customer-name").text == "王小明"
    assert "客户已创建" in driver.find_element(By.CSS_SELECTOR, ".flash").text

    # Add a key contact through the form on the customer's page.
    driver.find_element(By.CSS_SELECTOR, "#add-contact > summary").click()
    contact_name = wait.until(EC.visibility_of_element_located((By.ID, "nc-name")))
    contact_name.send_keys("李经理")
    driver.find_element(By.ID, "nc-title").send_keys("采购总监")
    driver.find_element(By.ID, "nc-raise").send_keys("高尔夫")
    driver.find_element(By.CSS_SELECTOR, "#add-contact button[type=submit]").click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".flash"), "关键人已添加"))
    contacts = driver.find_element(By.ID, "contacts").text
    assert "李经理" in contacts and "采购总监" in contacts

    # Find it from the list by searching 小明.
    driver.find_element(By.CSS_SELECTOR, "nav.nav a[href='/customers']").click()
    search = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "input[type=search][name=q]")))
    search.clear()
    search.send_keys("小明", Keys.ENTER)
    wait.until(lambda d: "q=" in d.current_url)
    row = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, f"tr[data-id='{customer_id}']")))
    assert "王小明" in row.text
    assert phone[-8:] in row.text.replace(" ", "")
    for other in driver.find_elements(By.CSS_SELECTOR, "#customers tbody tr"):
        assert "小明" in other.text or other.get_attribute("data-id") != customer_id

    # Open it and add a note; the note shows on the timeline.
    row.find_element(By.CSS_SELECTOR, "a").click()
    wait.until(lambda d: customer_id in d.current_url)
    note = f"客户希望周末上门拜访 {int(time.time())}"
    body = wait.until(EC.presence_of_element_located((By.ID, "note-body")))
    body.send_keys(note)
    driver.find_element(By.CSS_SELECTOR, "#add-note button[type=submit]").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "timeline"), note))
    first = driver.find_element(By.CSS_SELECTOR, "#timeline li")
    assert note in first.text and "备注" in first.text
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hans"
