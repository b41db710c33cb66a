#!/usr/bin/env bash
# The whole test suite, as the README gives it: type check, lint, then every test file on Node's
# test runner. Real servers the tests need are started by the tests themselves (a CouchDB-protocol
# server on loopback, or the Apache CouchDB 3 named by COUCHDB_TEST_URL).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
  echo "node_modules is missing: run 'npm ci' (or 'npm install') first." >&2
  exit 1
fi
bash scripts/ensure-test-tools.sh

if [ -n "${COUCHDB_TEST_URL:-}" ]; then
  shown=$(echo "$COUCHDB_TEST_URL" | sed -E 's#//[^@/]*@#//***@#')
  version=$(curl -fsS "$COUCHDB_TEST_URL" | sed -nE 's/.*"version":"([^"]*)".*/\1/p') || { echo "COUCHDB_TEST_URL=$shown does not answer" >&2; exit 1; }
  echo "CouchDB engine tests: against Apache CouchDB $version at $shown (COUCHDB_TEST_URL)"
else
  echo "CouchDB engine tests: against express-pouchdb on loopback (set COUCHDB_TEST_URL to use an Apache CouchDB 3; .ci/run does)"
fi

npx tsc --noEmit -p .
npx eslint .
# The workstation is built once here: test files run in parallel processes, and two of them
# rebuilding client/dist at the same time would serve one a half-written bundle.
npm run --silent build:client

mapfile -t files < <(find tests -name '*.test.ts' -not -path 'tests/bench/*' | sort)
# PouchDB leaves HTTP keep-alive sockets and longpoll feeds open after a suite ends; once every
# test has finished, the runner ends the process rather than wait on them.
# A test that hangs fails after 10 minutes with its name, rather than holding the whole run.
exec node --import tsx --test --test-concurrency=2 --test-force-exit --test-timeout=600000 "${files[@]}"
