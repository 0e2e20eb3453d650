"""The screening tools on top of the assessment engine: the quick screen page, `stepstones assess`
and `POST /api/v1/assess`. Nothing here stores what a worker enters."""
