import RelayburnSchema

#if canImport(Glibc)
    import Glibc
#endif

extension StoreConnector {
    /// This host's census identity when its row for this store is due (once per
    /// ``StoreSettings/censusIntervalMs``), else `nil`. A file under `$RELAYBURN_HOME/census/` named after the store
    /// carries the time of the last write, so deciding costs a `stat`, not a query.
    static func censusDue(_ settings: StoreSettings) -> CensusIdentity? {
        let directory = settings.home + "/census"
        let marker = directory + "/" + SHA256.hexDigest(settings.location.redactedDescription).prefix(16)
        var status = stat()
        if settings.censusIntervalMs > 0, stat(marker, &status) == 0 {
            let ageMs = UTCTimestamp.nowMilliseconds() - Int64(status.st_mtim.tv_sec) * 1000
            if ageMs < settings.censusIntervalMs { return nil }
        }
        // Best effort: a home that cannot hold the marker only means the row is refreshed more often.
        _ = mkdir(settings.home, 0o700)
        _ = mkdir(directory, 0o700)
        let descriptor = open(marker, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if descriptor >= 0 { close(descriptor) }
        return CensusIdentity(host: hostName(), relayburnVersion: settings.relayburnVersion)
    }

    /// This machine's host name.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown-host" }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
