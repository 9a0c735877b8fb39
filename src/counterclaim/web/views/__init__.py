"""The app's routes: `pages` (HTML for people) and `api` (JSON, described at /openapi.json)."""
