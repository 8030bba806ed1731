-- Every stamp in append order, for folding into turn enrichment (docs/records.md section 6).
SELECT record_json FROM stamps ORDER BY seq
