#!/usr/bin/env python3
"""Smoke check of a running emulator started with the default dataset.

    dotnet run --project tests/Clockify.Emulator -- --port 5055 &
    python3 tests/Clockify.Emulator/scripts/selfcheck.py http://127.0.0.1:5055

Standard library only; exits non-zero on the first failed expectation.
"""
import http.client
import json
import sys
from urllib.parse import urlparse

ADMIN, MEMBER = "emulator-admin-key", "emulator-member-key"
base = urlparse(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5055")


def call(method, path, key=ADMIN, body=None):
    connection = http.client.HTTPConnection(base.hostname, base.port, timeout=30)
    headers = {"X-Api-Key": key} if key else {}
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = connection.getresponse()
    payload = response.read()
    return response.status, dict(response.getheaders()), json.loads(payload) if payload else None


def expect(condition, message):
    if not condition:
        sys.exit(f"FAIL: {message}")
    print(f"ok   {message}")


def get_all(path, key=ADMIN, page_size=3):
    items, page = [], 1
    while True:
        separator = "&" if "?" in path else "?"
        status, headers, body = call("GET", f"{path}{separator}page={page}&page-size={page_size}", key)
        expect(status == 200 and isinstance(body, list), f"GET {path} page {page} is a list")
        items += body
        if headers.get("Last-Page") == "true":
            return items
        page += 1


status, _, body = call("GET", "/api/v1/user", key=None)
expect(status == 401 and body["code"] == 1000, "missing key -> 401 code 1000")
status, _, body = call("GET", "/api/v1/user", key="nope")
expect(status == 401 and body["code"] == 4003, "unknown key -> 401 code 4003")

status, _, workspaces = call("GET", "/api/v1/workspaces")
expect(status == 200 and len(workspaces) == 4, "admin sees four workspaces")
ws1, ws2, ws3 = (w["id"] for w in workspaces[:3])
expect(workspaces[0]["workspaceSettings"]["round"]["minutes"] == "15", "round.minutes is a string")
expect("featureSubscriptionType" not in workspaces[1] and workspaces[1]["workspaceSettings"]["featureSubscriptionType"] == "FREE",
       "ws2 keeps its plan inside workspaceSettings")
_, _, admin_of = call("GET", "/api/v1/workspaces?roles=WORKSPACE_ADMIN")
expect([w["id"] for w in admin_of] == [ws2], "roles=WORKSPACE_ADMIN excludes the owned workspace")

projects = get_all(f"/api/v1/workspaces/{ws1}/projects")
expect(len(projects) == 12 and any(p["archived"] for p in projects), "projects: archived omitted returns both")
expect(any(p["clientId"] is None for p in projects), "a project without client")
clients = get_all(f"/api/v1/workspaces/{ws1}/clients")
expect(len(clients) == 5 and not any(c["archived"] for c in clients), "clients: archived omitted returns non-archived only")
expect(len(get_all(f"/api/v1/workspaces/{ws1}/clients?archived=true")) == 2, "clients?archived=true")
expect(len(get_all(f"/api/v1/workspaces/{ws1}/tags")) == 6, "tags default non-archived")
users = get_all(f"/api/v1/workspaces/{ws1}/users")
expect(len(users) == 8, "users default: ACTIVE members with default account statuses")
everyone = get_all(f"/api/v1/workspaces/{ws1}/users?status=ALL&memberships=ALL&account-statuses="
                   "ACTIVE,PENDING_EMAIL_VERIFICATION,DELETED,NOT_REGISTERED,LIMITED,LIMITED_DELETED")
expect(len(everyone) == 16, "users status=ALL with every account status")
expect([u["email"] for u in everyone] == sorted(u["email"] for u in everyone), "users sorted by email")
status, _, body = call("GET", f"/api/v1/workspaces/{ws1}/users", key=MEMBER)
expect(status == 403 and body == {"message": "Access Denied", "code": 501}, "member listing users -> 403")
status, _, _ = call("GET", f"/api/v1/workspaces/{ws3}/users")
expect(status == 403, "admin key is a plain member of ws3")
status, _, _ = call("GET", "/api/v1/workspaces/000000000000000000000000/projects")
expect(status == 404, "unknown workspace -> 404")

ada = call("GET", "/api/v1/user")[2]["id"]
entries = get_all(f"/api/v1/workspaces/{ws1}/user/{ada}/time-entries", page_size=25)
starts = [e["timeInterval"]["start"] for e in entries]
expect(starts == sorted(starts, reverse=True), "time entries newest first")
expect(any(e["timeInterval"]["end"] is None and e["timeInterval"]["duration"] is None for e in entries), "a running timer")
expect(any(e["tagIds"] is None for e in entries) and any(e["isLocked"] for e in entries), "null tagIds and locked entries")
window = get_all(f"/api/v1/workspaces/{ws1}/user/{ada}/time-entries?start=2026-05-01T00:00:00Z&end=2026-06-01T00:00:00Z")
expect(all("2026-05-01" <= e["timeInterval"]["start"] < "2026-06-01" for e in window), "start/end filter on start time")
status, _, _ = call("GET", f"/api/v1/workspaces/{ws1}/user/{ada}/time-entries", key=MEMBER)
expect(status == 403, "member reading another user's entries -> 403")

report = {"dateRangeStart": "2026-05-01T00:00:00.000Z", "dateRangeEnd": "2026-05-31T23:59:59.999Z", "timeZone": "Etc/UTC",
          "detailedFilter": {"page": 1, "pageSize": 1000}}
status, _, body = call("POST", f"/report/v1/workspaces/{ws1}/reports/detailed", body=report)
expect(status == 200 and body["totals"][0]["entriesCount"] == len(body["timeentries"]), "detailed report totals match")
expect(all("_id" in e and isinstance(e["timeInterval"]["duration"], int) for e in body["timeentries"]), "report items use _id and seconds")
status, _, body = call("POST", f"/report/v1/workspaces/{ws2}/reports/detailed",
                       body=dict(report, dateRangeStart="2026-03-01T00:00:00.000Z"))
expect(status == 400, "FREE workspace rejects a range over 31 days")
changes = f"/api/v1/workspaces/{ws1}/entities/%s?type=TIME_ENTRY&start=2026-05-20T00:00:00Z&end=2026-06-16T00:00:00Z&limit=5000"
status, _, created = call("GET", changes % "created")
expect(status == 200 and created and all("documentCode" in i and "auditMetadata" in i for i in created), "entities/created items carry audit data")
status, _, updated = call("GET", changes % "updated")
created_ids = {i["id"] for i in created}
expect(status == 200 and updated and not any(i["id"] in created_ids for i in updated), "entities/updated excludes entities created in the window")
status, _, deleted = call("GET", changes % "deleted")
expect(status == 200 and len(deleted) == 2 and all(set(d) == {"deletedAt", "document", "documentCode", "id"} for d in deleted),
       "entities/deleted lists the two seeded deletions")
status, _, _ = call("GET", f"/api/v1/workspaces/{ws1}/entities/created?type=TIME_ENTRY&start=2026-01-01T00:00:00Z&end=2026-03-01T00:00:00Z")
expect(status == 400, "entity-changes window over 30 days -> 400")
status, _, _ = call("GET", f"/api/v1/workspaces/{ws2}/entities/created?type=TIME_ENTRY")
expect(status == 403, "FREE workspace refuses entity changes")
print("all checks passed")
