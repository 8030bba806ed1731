-- Whether any price is stored: a store without one gets the built-in snapshot before it is first priced.
SELECT 1 FROM model_prices LIMIT 1
