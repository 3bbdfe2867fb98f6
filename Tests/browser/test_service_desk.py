"""The service desk of issue 10 §7 in a real headless Chromium.

1. A customer, on a phone-sized window and in Chinese, types a subject on the public form
   /support/new, sees a help article suggested for it, sends the form and keeps the status link; an agent finds the ticket in the inbox and replies; the customer sees the reply
   on the status link and answers; the agent sees the answer on the ticket page.
2. An agent logs a complaint and tries to resolve it without a root cause: the page says which
   steps are missing, and the complaint stays open.
3. A customer keeps the status link open while staff reply and change the status through the API: both show on
   the page through its live updates, without a reload.

Each test makes its own customer and subject (a random suffix), so the demo data and earlier runs
never match by accident."""

from __future__ import annotations

import random
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

TICKET_URL = re.compile(r"/tickets/([0-9A-Fa-f-]{36})(?:[?#].*)?$")
PHONE_WIDTH = (390, 844)


def _suffix() -> str:
    return str(random.randrange(10**6, 10**7))


def test_public_form_reply_and_answer(driver, base_url, login, wait, api, agent_credentials):
    tag = _suffix()
    subject = f"热水器漏水 {tag}"
    article = f"热水器漏水怎么办 {tag}"
    api("POST", "/kb/articles", {"category": "维修", "title_zh": article, "body_zh": "先关闭进水阀。", "status": "published"})
    reply = f"您好，师傅明天上午上门 {tag}"
    answer = f"好的，我在家等 {tag}"

    # The customer, on a phone, in Chinese.
    driver.set_window_size(*PHONE_WIDTH)
    driver.get(f"{base_url}/support/new")
    wait.until(EC.element_to_be_clickable((By.ID, "lang-zh-Hans"))).click()
    wait.until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-Hans")
    submit = driver.find_element(By.ID, "support-submit")
    assert submit.size["width"] <= PHONE_WIDTH[0], "the form fits a phone's width"
    driver.find_element(By.ID, "support-name").send_keys("王小红")
    driver.find_element(By.ID, "support-phone").send_keys("139" + "".join(random.choice("0123456789") for _ in range(8)))
    driver.find_element(By.ID, "support-subject").send_keys(subject)
    # The form suggests the published help article for the subject being typed.
    wait.until(EC.text_to_be_present_in_element((By.ID, "support-suggestions"), article))
    assert driver.find_element(By.ID, "support-suggestions").is_displayed()
    driver.find_element(By.ID, "support-description").send_keys("厨房的热水器一直在滴水")
    assert not driver.find_element(By.ID, "support-website").is_displayed(), "the honeypot is hidden"
    driver.find_element(By.ID, "support-submit").click()
    link = wait.until(EC.presence_of_element_located((By.ID, "status-link")))
    status_url = link.get_attribute("href")
    number = driver.find_element(By.ID, "ticket-number").text
    assert re.fullmatch(r"T-\d{6}", number)

    # The agent finds it in the unassigned inbox and replies.
    driver.set_window_size(1280, 900)
    login(agent_credentials.email, agent_credentials.password)
    driver.get(f"{base_url}/tickets?view=unassigned")
    search = wait.until(EC.presence_of_element_located((By.ID, "ticket-search")))
    search.send_keys(tag, Keys.ENTER)
    row = wait.until(EC.presence_of_element_located((By.XPATH, f"//table[@id='tickets']//tr[contains(., '{number}')]")))
    row.find_element(By.CSS_SELECTOR, "a.subject").click()
    wait.until(lambda d: TICKET_URL.search(d.current_url))
    assert subject in driver.find_element(By.ID, "ticket-subject").text
    driver.find_element(By.ID, "reply-body").send_keys(reply)
    driver.find_element(By.ID, "reply-submit").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "conversation"), reply))
    ticket_url = driver.current_url.split("?")[0]

    # The customer sees the reply on the status link and answers.
    driver.set_window_size(*PHONE_WIDTH)
    driver.get(status_url)
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), reply))
    assert driver.find_element(By.ID, "ticket-number").text == number
    driver.find_element(By.ID, "reply-body").send_keys(answer)
    driver.find_element(By.ID, "reply-submit").click()
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "main"), answer))

    # The agent sees the answer.
    driver.set_window_size(1280, 900)
    driver.get(ticket_url)
    wait.until(EC.text_to_be_present_in_element((By.ID, "conversation"), answer))
    customer_messages = driver.find_elements(By.CSS_SELECTOR, "#conversation .message.from-customer")
    assert any(answer in message.text for message in customer_messages)


def test_a_complaint_cannot_be_resolved_without_its_root_cause(driver, base_url, login, wait, api, agent_credentials):
    tag = _suffix()
    customer = api("POST", "/customers", {"name": f"投诉客户 {tag}"})
    login(agent_credentials.email, agent_credentials.password)
    driver.get(f"{base_url}/tickets/new?customer_id={customer['id']}")
    Select(wait.until(EC.presence_of_element_located((By.ID, "t-type")))).select_by_value("complaint")
    Select(driver.find_element(By.ID, "t-channel")).select_by_value("walk_in")
    driver.find_element(By.ID, "t-subject").send_keys(f"服务态度差 {tag}")
    driver.find_element(By.ID, "ticket-submit").click()
    wait.until(lambda d: TICKET_URL.search(d.current_url))
    assert driver.find_element(By.ID, "complaint-missing").is_displayed()

    Select(driver.find_element(By.ID, "ticket-status-select")).select_by_value("resolved")
    driver.find_element(By.ID, "update-submit").click()
    error = wait.until(EC.visibility_of_element_located((By.ID, "update-error")))
    assert "Root cause" in error.text and "Solution" in error.text
    assert "Root cause" in driver.find_element(By.ID, "complaint-missing").text
    assert driver.find_element(By.ID, "ticket-status").text == "New"


def test_the_status_page_shows_a_reply_and_a_new_status_without_reloading(driver, base_url, wait, api):
    """The customer keeps the status link open; a staff reply and a status change made elsewhere (the API) appear on
    it through its live updates (Server-Sent Events), while what the customer is typing stays."""
    tag = _suffix()
    reply = f"师傅已出发 {tag}"
    made = api("POST", "/public/tickets", {"name": "王小青", "phone": "137" + tag + "0", "subject": f"门锁坏了 {tag}",
                                           "description": "门锁打不开"})
    ticket = api("GET", f"/tickets?q={tag}")["items"][0]

    driver.get(base_url + made["status_url"])
    wait.until(EC.presence_of_element_located((By.ID, "ticket-conversation")))
    driver.execute_script("window.kefuNotReloaded = true;")
    driver.find_element(By.ID, "reply-body").send_keys("还没写完")

    api("POST", f"/tickets/{ticket['id']}/messages", {"body": reply, "internal": False})
    wait.until(EC.text_to_be_present_in_element((By.ID, "ticket-conversation"), reply))
    api("PATCH", f"/tickets/{ticket['id']}", {"status": "pending_customer"})
    wait.until(EC.text_to_be_present_in_element((By.ID, "ticket-status"), "Waiting for your reply"))
    assert driver.execute_script("return window.kefuNotReloaded === true;"), "the page was not reloaded"
    assert driver.find_element(By.ID, "reply-body").get_attribute("value") == "还没写完"
