#!/usr/bin/env python3
"""Checks the rendered Kubernetes overlays (called by validate.sh): staging and production may differ ONLY in
replicas, container resources and the names of the Secrets they read; every secret comes from a Secret; every
Deployment has probes on the Actuator health groups, requests and limits, and a PodDisruptionBudget."""
import sys

import yaml

SECRETS = {"TOCSIN_DB_PASSWORD", "TOCSIN_ADMIN_TOKEN", "TOCSIN_TWILIO_AUTH_TOKEN", "TOCSIN_SLACK_BOT_TOKEN",
           "TOCSIN_SLACK_SIGNING_SECRET", "TOCSIN_SMTP_PASSWORD", "TOCSIN_LINK_KEYS", "TOCSIN_WEBHOOK_SECRET",
           "TOCSIN_SECRET_KEYS"}


def load(path):
    with open(path) as f:
        return {(o["kind"], o["metadata"]["name"]): o for o in yaml.safe_load_all(f) if o}


def allowed(path):
    """Where the overlays may differ: a path is a tuple of keys and list indexes."""
    keys = [p for p in path if isinstance(p, str)]
    if keys == ["spec", "replicas"]:
        return True
    if "resources" in keys and "containers" in keys:
        return True
    return keys[-2:] == ["secretKeyRef", "name"]


def differences(a, b, path=()):
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            yield from differences(a.get(key), b.get(key), path + (key,))
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            yield from differences(x, y, path + (i,))
    elif a != b:
        yield path, a, b


def containers(obj):
    return obj.get("spec", {}).get("template", {}).get("spec", {}).get("containers", [])


def check_overlay(name, objects, problems):
    kinds = {kind for kind, _ in objects}
    if "Secret" in kinds:
        problems.append(f"{name}: renders a Secret; secrets are made in the cluster, never kept here")
    for (kind, obj_name), obj in objects.items():
        if kind == "ConfigMap":
            for key in SECRETS & set(obj.get("data", {})):
                problems.append(f"{name}: ConfigMap {obj_name} holds the secret {key}")
        for container in containers(obj):
            for env in container.get("env", []):
                if env["name"] in SECRETS and "secretKeyRef" not in env.get("valueFrom", {}):
                    problems.append(f"{name}: {obj_name} takes {env['name']} from somewhere else than a Secret")
        if kind != "Deployment":
            continue
        labels = obj["spec"]["selector"]["matchLabels"]
        if not any(k == "PodDisruptionBudget" and o["spec"]["selector"]["matchLabels"] == labels
                   for (k, _), o in objects.items()):
            problems.append(f"{name}: Deployment {obj_name} has no PodDisruptionBudget")
        for container in containers(obj):
            for probe, group in (("livenessProbe", "liveness"), ("readinessProbe", "readiness")):
                path = container.get(probe, {}).get("httpGet", {}).get("path")
                if path != f"/actuator/health/{group}":
                    problems.append(f"{name}: {obj_name} {probe} is {path}, not /actuator/health/{group}")
                port = container.get(probe, {}).get("httpGet", {}).get("port")
                if port != "management":
                    problems.append(f"{name}: {obj_name} {probe} asks port {port}, not the management port")
            resources = container.get("resources", {})
            if "requests" not in resources or "memory" not in resources.get("limits", {}):
                problems.append(f"{name}: {obj_name} lacks resource requests or a memory limit")


def main(staging_file, production_file):
    staging, production = load(staging_file), load(production_file)
    problems = []
    for only, other in ((staging, production), (production, staging)):
        for key in sorted(set(only) - set(other)):
            problems.append(f"{key[0]} {key[1]} is in one overlay only")
    for key in sorted(set(staging) & set(production)):
        for path, a, b in differences(staging[key], production[key]):
            if not allowed(path):
                where = ".".join(str(p) for p in path)
                problems.append(f"{key[0]} {key[1]}: {where} differs ({a!r} vs {b!r}); overlays may change only "
                                "replicas, resources and Secret names")
    check_overlay("staging", staging, problems)
    check_overlay("production", production, problems)
    for problem in problems:
        print("  " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
