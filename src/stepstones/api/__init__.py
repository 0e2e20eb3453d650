"""JSON API v1: the same actions and access rules as the pages, documented with OpenAPI."""
