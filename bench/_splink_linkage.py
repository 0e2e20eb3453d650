"""Splink on the same records as bench_linkage.py (run under an interpreter with splink).

Splink gets our normalisation's plaintext (the first canonical rendering of the name, its two
first words sorted) with the birth date, sex and citizenship: Fellegi-Sunter with Jaro-Winkler
name levels and term-frequency adjustment, years up to 2 apart, day and month swapped,
EM-trained, on DuckDB. Usage: python _splink_linkage.py RECORDS.csv TRUE_PAIRS
"""

# This file runs outside the project's environment: no stepstones import, no type checking of
# splink (it ships no stubs here).
from __future__ import annotations

import sys
import time

import duckdb  # type: ignore[import-not-found, unused-ignore]
import splink.comparison_level_library as cll  # type: ignore[import-not-found, unused-ignore]
import splink.comparison_library as cl  # type: ignore[import-not-found, unused-ignore]
from splink import DuckDBAPI, Linker, SettingsCreator, block_on  # type: ignore[import-not-found, unused-ignore]

# Pairs at or above a match probability, and how many are the same person.
COUNT_PAIRS = (
    "select count(*), sum(case when l.person = r.person then 1 else 0 end) "
    "from PREDICTIONS p join records l on l.unique_id = p.unique_id_l "
    "join records r on r.unique_id = p.unique_id_r where p.match_probability >= ?"
)


def main() -> None:
    """Link the records, print precision, recall, F1 and time at the best of a few thresholds."""
    path, total = sys.argv[1], int(sys.argv[2])
    connection = duckdb.connect()
    connection.execute(
        "create table records as select * from read_csv(?, header=true, all_varchar=true)", [path]
    )
    start = time.perf_counter()
    api = DuckDBAPI(connection=connection)
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("given").configure(term_frequency_adjustments=True),
            cl.NameComparison("family").configure(term_frequency_adjustments=True),
            cl.CustomComparison(
                output_column_name="year",
                comparison_levels=[
                    cll.NullLevel("year"),
                    cll.ExactMatchLevel("year"),
                    cll.CustomLevel("abs(try_cast(year_l as int) - try_cast(year_r as int)) <= 2"),
                    cll.ElseLevel(),
                ],
            ),
            cl.CustomComparison(
                output_column_name="day_month",
                comparison_levels=[
                    cll.Or(cll.NullLevel("month"), cll.NullLevel("day")),
                    cll.And(cll.ExactMatchLevel("month"), cll.ExactMatchLevel("day")),
                    cll.CustomLevel("month_l = day_r and day_l = month_r"),
                    cll.Or(cll.ExactMatchLevel("month"), cll.ExactMatchLevel("day")),
                    cll.ElseLevel(),
                ],
            ),
            cl.ExactMatch("sex"),
            cl.ExactMatch("citizenship"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given", "family"),
            block_on("given", "year"),
            block_on("family", "year"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(api.register("records"), settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("name", "year", "month", "day")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("given", "family"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("year", "month", "day")
    )
    predictions = linker.inference.predict(threshold_match_probability=0.05)
    elapsed = time.perf_counter() - start
    table = predictions.physical_name
    best = (0.0, 0.0, 0.0, 0.0)
    for threshold in (0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 0.95, 0.99):
        query = COUNT_PAIRS.replace("PREDICTIONS", table)
        row = connection.execute(query, [threshold]).fetchone()
        found, hits = int(row[0]), int(row[1] or 0)
        precision, recall = hits / max(found, 1), hits / max(total, 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        if f1 > best[2]:
            best = (precision, recall, f1, threshold)
    precision, recall, f1, threshold = best
    print(
        f"splink: precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f} "
        f"at match probability {threshold} (the best F1 of 9), {elapsed:.1f} s"
    )


if __name__ == "__main__":
    main()
