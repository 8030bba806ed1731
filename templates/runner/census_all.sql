-- The census for `relayburn migrate status`: every host seen since :since, newest first.
SELECT host, relayburn_version, known_version, seen_at FROM relayburn_hosts
WHERE seen_at >= :since
ORDER BY seen_at DESC, host
