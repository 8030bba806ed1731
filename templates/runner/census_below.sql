-- Hosts seen since :since that know fewer migrations than :floor: the ones a floor raised to :floor would cut off.
SELECT host, relayburn_version, known_version, seen_at FROM relayburn_hosts
WHERE seen_at >= :since AND known_version < :floor
ORDER BY seen_at DESC, host
