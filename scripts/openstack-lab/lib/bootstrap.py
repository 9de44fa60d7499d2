#!/usr/bin/python3
"""What the lab's cloud holds before any test: run inside the namespace by up.sh.

    bootstrap.py identity   service project, roles, service users, the catalog, demo project
    bootstrap.py zones      one aggregate per availability zone with its compute host

Idempotent: each object is looked up by name before it is made. Plain REST through a
keystoneauth session, so the calls are the ones any client makes."""
import os
import sys

from keystoneauth1 import adapter, session
from keystoneauth1.identity import v3

HEAD = os.environ["OSLAB_HEAD"]
SERVICE_PASSWORD = os.environ["OSLAB_SERVICE_PASSWORD"]
CATALOG = [  # (user, type, name, url)
    ("glance", "image", "glance", f"http://{HEAD}:9292"),
    ("placement", "placement", "placement", f"http://{HEAD}:8778"),
    ("nova", "compute", "nova", f"http://{HEAD}:8774/v2.1"),
    ("neutron", "network", "neutron", f"http://{HEAD}:9696"),
]


def admin_session() -> session.Session:
    auth = v3.Password(auth_url=f"http://{HEAD}:5000/v3", username="admin", password=os.environ["OSLAB_ADMIN_PASSWORD"],
                       project_name="admin", user_domain_id="default", project_domain_id="default")
    return session.Session(auth=auth)


def find_or_make(api: adapter.Adapter, collection: str, key: str, body: dict, query: dict) -> dict:
    found = api.get(f"/{collection}", params=query).json()[collection]
    if found:
        return found[0]
    return api.post(f"/{collection}", json={key: body}).json()[key]


def identity(sess: session.Session) -> None:
    ks = adapter.Adapter(sess, service_type="identity", interface="public")
    roles = {name: find_or_make(ks, "roles", "role", {"name": name}, {"name": name}) for name in ("admin", "member", "reader", "service")}
    service_project = find_or_make(ks, "projects", "project", {"name": "service", "domain_id": "default"}, {"name": "service"})
    demo = find_or_make(ks, "projects", "project", {"name": "demo", "domain_id": "default"}, {"name": "demo"})

    def user(name: str, password: str, project: dict) -> dict:
        made = find_or_make(ks, "users", "user", {"name": name, "domain_id": "default", "password": password,
                                                   "default_project_id": project["id"]}, {"name": name})
        ks.patch(f"/users/{made['id']}", json={"user": {"password": password}})
        return made

    def grant(role: str, who: dict, project: dict) -> None:
        ks.put(f"/projects/{project['id']}/users/{who['id']}/roles/{roles[role]['id']}")

    for user_name, service_type, service_name, url in CATALOG:
        account = user(user_name, SERVICE_PASSWORD, service_project)
        grant("admin", account, service_project)
        grant("service", account, service_project)
        service = find_or_make(ks, "services", "service", {"name": service_name, "type": service_type}, {"type": service_type})
        present = {e["interface"] for e in ks.get("/endpoints", params={"service_id": service["id"]}).json()["endpoints"]}
        for interface in ("public", "internal", "admin"):
            if interface not in present:
                ks.post("/endpoints", json={"endpoint": {"service_id": service["id"], "interface": interface,
                                                         "region_id": "RegionOne", "url": url}})
    demo_user = user("demo", "demo", demo)
    grant("member", demo_user, demo)
    grant("reader", demo_user, demo)
    admin = ks.get("/users", params={"name": "admin"}).json()["users"][0]
    grant("admin", admin, demo)
    print("identity ready")


def zones(sess: session.Session) -> None:
    nova = adapter.Adapter(sess, service_type="compute", interface="public", default_microversion="2.1")
    wanted = [entry.split("=", 1) for entry in os.environ["OSLAB_ZONES"].split()]
    aggregates = {a["name"]: a for a in nova.get("/os-aggregates").json()["aggregates"]}
    for host, zone in wanted:
        aggregate = aggregates.get(zone) or nova.post("/os-aggregates", json={"aggregate": {"name": zone, "availability_zone": zone}}).json()["aggregate"]
        if host not in aggregate.get("hosts", []):
            nova.post(f"/os-aggregates/{aggregate['id']}/action", json={"add_host": {"host": host}})
    print("zones ready: " + ", ".join(f"{zone} ({host})" for host, zone in wanted))


if __name__ == "__main__":
    {"identity": identity, "zones": zones}[sys.argv[1]](admin_session())
