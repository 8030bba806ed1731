import RelayburnSchema

#if canImport(Glibc)
    import Glibc
#endif

extension StoreConnector {
    /// This host's census identity when its row for this store is due (once per
    /// ``StoreSettings/censusIntervalMs``), else `nil`. A file under `$RELAYBURN_HOME/census/` named after the store
    /// carries the time of the last write, so deciding costs a `stat`, not a query.
    static func censusDue(_ settings: StoreSettings) -> CensusIdentity? {
        guard censusIsDue(settings) else { return nil }
        let directory = settings.home + "/census"
        let marker = censusMarker(settings)
        // Best effort: a home that cannot hold the marker only means the row is refreshed more often.
        _ = mkdir(settings.home, 0o700)
        _ = mkdir(directory, 0o700)
        let descriptor = open(marker, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if descriptor >= 0 { close(descriptor) }
        return CensusIdentity(host: hostName(), relayburnVersion: settings.relayburnVersion)
    }

    /// Whether this host's census row for the store is due, without marking it written.
    static func censusIsDue(_ settings: StoreSettings) -> Bool {
        var status = stat()
        guard settings.censusIntervalMs > 0, stat(censusMarker(settings), &status) == 0 else { return true }
        let ageMs = UTCTimestamp.nowMilliseconds() - Int64(status.st_mtim.tv_sec) * 1000
        return ageMs >= settings.censusIntervalMs
    }

    private static func censusMarker(_ settings: StoreSettings) -> String {
        settings.home + "/census/" + SHA256.hexDigest(settings.location.redactedDescription).prefix(16)
    }

    /// This machine's host name.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
