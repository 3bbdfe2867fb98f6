#!/usr/bin/env python3
"""Walk-in queue benchmarks of issue 14 §9 against a running `kefu serve` (scripts/bench/queue.sh starts it).

1. call-next with many waiting tickets: WAITING tickets are issued through the API, then one client calls
   `POST /api/v1/queue/counters/{id}/call-next` CALLS times in a row (and then CONCURRENT clients on as many
   counters at once); latency is measured at the client, over one keep-alive connection each.
2. live status pages: PAGES status pages follow `/q/{token}/events` (Server-Sent Events) as the browser's
   page does; after each call, every page fetches itself again (`GET /q/{token}`, HTML, what
   app.js does on an event). The figure is the time from sending the call to the moment the last of the
   PAGES pages holds its refreshed status, for ROUNDS calls.

Not a test: nothing is asserted. Prints the figures for docs/PERFORMANCE.md.
"""
import asyncio
import http.client
import json
import statistics
import sys
import threading
import time
import urllib.parse

URL, TOKEN = sys.argv[1], sys.argv[2]
WAITING, CALLS, CONCURRENT, PAGES, ROUNDS = (int(a) for a in sys.argv[3:8])
HOST = urllib.parse.urlparse(URL)


class Client:
    """One keep-alive connection to the API with the bearer token."""

    def __init__(self):
        self.connection = http.client.HTTPConnection(HOST.hostname, HOST.port, timeout=60)

    def call(self, method, path, body=None, accept="application/json"):
        headers = {"Authorization": "Bearer " + TOKEN, "Accept": accept}
        if body is not None:
            headers["Content-Type"] = "application/json"
        self.connection.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = self.connection.getresponse()
        data = response.read()
        if response.status >= 300 and response.status != 204:
            raise SystemExit("%s %s → %d %s" % (method, path, response.status, data[:300]))
        json_body = "json" in (response.getheader("Content-Type") or "")
        return json.loads(data) if data and json_body else data


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(-(-share * len(ordered) // 1)) - 1))]


def summary(label, seconds):
    ms = [s * 1000 for s in seconds]
    print("  %s: n=%d p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, mean %.2f ms" % (
        label, len(ms), percentile(ms, 0.5), percentile(ms, 0.9), percentile(ms, 0.99), max(ms),
        statistics.mean(ms)))


api = Client()
branch = api.call("POST", "/api/v1/branches", {"name": "Bench branch", "time_zone": "Asia/Shanghai"})["id"]
service = api.call("POST", "/api/v1/queue/services", {
    "branch_id": branch, "name": "柜台业务", "prefix": "A", "expected_service_minutes": 4,
    "target_wait_minutes": 15})["id"]
counters = []
for n in range(max(CONCURRENT, 1)):
    counter = api.call("POST", "/api/v1/queue/counters", {
        "branch_id": branch, "name": "窗口 %d" % (n + 1), "service_ids": [service]})["id"]
    api.call("PATCH", "/api/v1/queue/counters/" + counter, {"open": True})
    counters.append(counter)

# --- tickets: WAITING + PAGES, issued by 4 clients at once, a tenth of them VIP so the policy has classes
print("== issuing %d tickets (4 clients)" % (WAITING + PAGES))
tickets, lock = [], threading.Lock()


def issue(count, offset):
    client = Client()
    for i in range(count):
        body = {"service_id": service}
        if (offset + i) % 10 == 0:
            body["class"] = "vip"
        ticket = client.call("POST", "/api/v1/queue/tickets", body)
        with lock:
            tickets.append(ticket)


started = time.monotonic()
total = WAITING + PAGES
threads = [threading.Thread(target=issue, args=(total // 4 + (1 if n < total % 4 else 0), n * 1000003)) for n in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("  %d tickets in %.1f s (%.0f/s)" % (len(tickets), time.monotonic() - started,
                                           len(tickets) / (time.monotonic() - started)))

# --- 1. call-next
caller = Client()
if CALLS:
    # The machine's ceiling for one request on this path: the bare health route over the same kind of connection.
    print("== 0. ceiling: GET /healthz, one client, %d requests in a row" % CALLS)
    bare = []
    for _ in range(CALLS):
        t0 = time.perf_counter()
        caller.call("GET", "/healthz")
        bare.append(time.perf_counter() - t0)
    summary("healthz", bare)
    print("== 1. call-next, %d waiting, one counter, %d calls in a row" % (WAITING + PAGES, CALLS))
path = "/api/v1/queue/counters/%s/call-next" % counters[0]
times = []
for _ in range(CALLS):  # CALLS = 0 measures only the status pages
    t0 = time.perf_counter()
    caller.call("POST", path)
    times.append(time.perf_counter() - t0)
if times:
    summary("call-next", times)

if CONCURRENT > 1 and CALLS:
    print("== 1b. call-next on %d counters at once, %d calls each" % (CONCURRENT, CALLS // CONCURRENT))
    per_counter = [[] for _ in counters]

    def run(index):
        client, p = Client(), "/api/v1/queue/counters/%s/call-next" % counters[index]
        for _ in range(CALLS // CONCURRENT):
            t0 = time.perf_counter()
            client.call("POST", p)
            per_counter[index].append(time.perf_counter() - t0)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(CONCURRENT)]
    t0 = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - t0
    summary("call-next, concurrent", [s for times in per_counter for s in times])
    print("  %.0f calls/s" % (CALLS // CONCURRENT * CONCURRENT / elapsed))

# --- 2. live status pages (PAGES = 0 leaves them out)
if not PAGES:
    sys.exit(0)
print("== 2. %d status pages following /q/{token}/events, %d calls" % (PAGES, ROUNDS))
waiting_pages = [t for t in tickets if t["class"] == "normal"][-PAGES:]


async def read_response(reader):
    """Reads one HTTP/1.1 response off a keep-alive connection: by Content-Length, or chunked."""
    length, chunked = 0, False
    while True:
        header = await reader.readline()
        if header in (b"\r\n", b""):
            break
        name, _, value = header.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
        elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
            chunked = True
    if not chunked:
        await reader.readexactly(length)
        return
    while True:
        size = int((await reader.readline()).split(b";")[0], 16)
        await reader.readexactly(size + 2)
        if size == 0:
            return


async def follow(ticket, events, ready):
    """A status page: holds the SSE stream, and on each event refetches its status as JSON."""
    token_path = ticket["status_url"]
    reader, writer = await asyncio.open_connection(HOST.hostname, HOST.port)
    writer.write(("GET %s/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n" % token_path).encode())
    await writer.drain()
    fetch_reader, fetch_writer = await asyncio.open_connection(HOST.hostname, HOST.port)
    ready.release()
    while True:
        line = await reader.readline()
        if not line:
            return
        if line.startswith(b"event:"):
            fetch_writer.write(("GET %s HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\n" % token_path).encode())
            await fetch_writer.drain()
            await read_response(fetch_reader)
            events.put_nowait(time.perf_counter())


async def fan_out():
    events, ready = asyncio.Queue(), asyncio.Semaphore(0)
    tasks = [asyncio.create_task(follow(t, events, ready)) for t in waiting_pages]
    for _ in tasks:
        await ready.acquire()
    await asyncio.sleep(1)  # every stream subscribed
    loop = asyncio.get_running_loop()
    worst, firsts = [], []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        await loop.run_in_executor(None, caller.call, "POST", path)
        stamps = [await asyncio.wait_for(events.get(), 30) for _ in waiting_pages]
        worst.append(max(stamps) - t0)
        firsts.append(min(stamps) - t0)
        await asyncio.sleep(0.5)
        while not events.empty():  # a keep-alive or a second event
            events.get_nowait()
    for task in tasks:
        task.cancel()
    summary("first of %d pages refreshed" % PAGES, firsts)
    summary("last of %d pages refreshed" % PAGES, worst)


asyncio.run(fan_out())
