#!/bin/sh
# Writes pictures of the main pages (home, a course's lectures, a lecture with its player, a concept, one a lecture
# mentions at a time, the graph, search, a discussion,
# sign-in) at 390 and 1366 px in both themes to docs/screenshots, through the browser tests' screenshot journey.
set -e
cd "$(dirname "$0")/.."
STUDYHUB_SCREENSHOTS="$PWD/docs/screenshots" dotnet test tests/StudyHub.Browser.Tests \
    --filter "FullyQualifiedName~ScreenshotTests" "$@"
