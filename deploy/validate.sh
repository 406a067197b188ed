#!/usr/bin/env bash
# Offline checks of deploy/ (no cluster, no Docker engine, no network except apt for missing tools):
#  - renders both Kubernetes overlays and checks they differ only in replicas, resources and Secret names,
#    take every secret from a Secret, and probe the Actuator health groups (check-overlays.py);
#  - parses the Compose file with docker-compose; checks the Prometheus rules with promtool; parses the dashboard.
# A tool that is missing and cannot be installed (not root, no apt, apt fails) skips its check with a message;
# a check that runs and finds a problem fails the script.
set -euo pipefail
cd "$(dirname "$0")"

failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

skip() { echo "deploy: SKIPPED $1"; }

# installs the Debian packages of the missing tools once; failure only means those checks are skipped
missing=()
command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
command -v kubectl >/dev/null || missing+=(kubectl)
command -v docker-compose >/dev/null || missing+=(docker-compose)
command -v promtool >/dev/null || missing+=(prometheus)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "deploy: installing ${missing[*]}"
    apt-get update -qq >/dev/null 2>&1 || true
    for package in "${missing[@]}"; do
      # kubectl comes from Kubernetes' own apt repository where one is configured, else Debian's kubernetes-client
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null 2>&1 \
        || { [ "$package" = kubectl ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
               kubernetes-client >/dev/null 2>&1; } \
        || echo "deploy: could not install $package"
    done
  else
    echo "deploy: missing ${missing[*]} (not root or no apt-get)"
  fi
fi

check() {
  local what=$1; shift
  if "$@"; then
    echo "deploy: ok $what"
  else
    echo "deploy: FAILED $what" >&2
    failed=1
  fi
}

for script in docker/healthcheck k8s/base/create-topics.sh validate.sh; do
  check "bash syntax of $script" bash -n "$script"
done

if command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null; then
  check "Grafana dashboard is JSON" python3 -m json.tool grafana/tocsin.json /dev/null
  # the overlays' 'patches' field needs kustomize 4 or newer (kubectl 1.21+)
  if command -v kubectl >/dev/null && kubectl version --client 2>/dev/null | grep -q 'Kustomize Version: v[4-9]'; then
    check "kustomize renders overlays/staging" sh -c "kubectl kustomize k8s/overlays/staging > '$work/staging.yaml'"
    check "kustomize renders overlays/production" \
      sh -c "kubectl kustomize k8s/overlays/production > '$work/production.yaml'"
    if [ -s "$work/staging.yaml" ] && [ -s "$work/production.yaml" ]; then
      check "overlays differ only in replicas, resources and Secret names" \
        python3 check-overlays.py "$work/staging.yaml" "$work/production.yaml"
    fi
  else
    skip "Kubernetes overlays: no kubectl with kustomize 4+ (apt-get install kubectl)"
  fi
else
  skip "Kubernetes overlays and dashboard: no python3 with yaml (apt-get install python3-yaml)"
fi

if command -v docker-compose >/dev/null; then
  # the required secrets get throwaway values: only the file's structure is checked
  sed 's/^\(TOCSIN_DB_PASSWORD\|TOCSIN_ADMIN_TOKEN\|TOCSIN_LINK_KEYS\)=$/\1=validate-only/' compose/.env.example \
    > "$work/compose.env"
  check "compose/compose.yaml parses" docker-compose --env-file "$work/compose.env" -f compose/compose.yaml config -q
  check "compose/compose.yaml holds no secret values" \
    sh -c "! grep -En '(PASSWORD|TOKEN|SECRET|LINK_KEYS): [^\$]' compose/compose.yaml"
else
  skip "Compose file: no docker-compose (apt-get install docker-compose)"
fi

if command -v promtool >/dev/null; then
  check "Prometheus rules" promtool check rules prometheus/tocsin-rules.yml
else
  skip "Prometheus rules: no promtool (apt-get install prometheus)"
fi

exit $failed
