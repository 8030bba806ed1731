macro price_key_of(name, c) =
(SELECT p.price_key
 FROM model_prices AS p
 WHERE p.model = {{name}} AND p.effective_from <= {{c}}.ts
   AND (p.context_above = 0
        OR p.context_above < {{c}}.input_tokens + {{c}}.cache_read_tokens + {{c}}.cache_create_5m_tokens
                             + {{c}}.cache_create_1h_tokens)
 ORDER BY p.effective_from DESC, p.context_above DESC
 LIMIT 1)
