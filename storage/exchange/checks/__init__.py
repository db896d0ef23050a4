"""Dataset checks on an export (`sparring validate`), after seed 002's ML requirements.

An export (one file, or the files of a `--split`) is read once, a sample at a time, into
one uniform `Sample` per line or row (`jsonl.py`, `rows.py`); `sightings.py` notes what was
seen before (content, ids, prompts, by split); each check accumulates what it needs and
gives one `CheckResult` (`quality.py`: sample count, class diversity, score variance and
tiers, distribution against a target; `integrity.py`: format validity, NaN / infinity,
duplicates, repeated prompts; `leakage.py`: split leakage, prompt leakage, stratification).
`validate.py` is the entry point; `dataset.py` finds the files and their format.
"""
