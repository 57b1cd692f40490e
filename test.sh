#!/usr/bin/env bash
# Runs every test: installs the tools the tests use (tools/setup-test-env.sh), then the Maven
# build, which runs the unit and protocol tests, compiles every example, boots the QEMU example,
# drives Neovim and VS Code (code-server) against the language server, and runs the Eclipse plug-in's
# tests in a real Eclipse workbench under Xvfb (and installs its update site with p2's director).
set -euo pipefail
cd "$(dirname "$0")"
tools/setup-test-env.sh
mvn -B verify "$@"
