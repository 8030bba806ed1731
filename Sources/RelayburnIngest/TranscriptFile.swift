import RelayburnLedger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads transcript files with libc, since the ingest library avoids Foundation.
enum TranscriptFile {
    /// The whole file's bytes. Transcripts are read at once because the final line must be checked for its
    /// `\n`, which a line reader hides.
    static func read(_ path: String) throws(ImportError) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw ImportError(
                "cannot open \(path): \(String(cString: strerror(errno))); check the path and permissions")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            bytes.append(contentsOf: chunk[0..<count])
            if count < chunk.count { break }
        }
        if ferror(file) != 0 {
            throw ImportError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        return bytes
    }

    /// The file session id: the file name without a (case-insensitive) `.jsonl` extension, or for a subagent
    /// sidecar the session it belongs to.
    static func sessionId(ofPath path: String) -> String {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        if isSubagentSidecar(path) { return String(components[components.count - 3]) }
        let name = components.last.map(String.init) ?? path
        if name.lowercased().hasSuffix(".jsonl") { return String(name.dropLast(6)) }
        return name
    }

    /// Whether `path` is a subagent transcript newer Claude Code versions write beside the session
    /// (`<project>/<sessionId>/subagents/agent-<agentId>.jsonl`, format note §1).
    ///
    /// Such a file is ingested as part of its session, not as a session of its own: its turns are the
    /// subagent's (and exist nowhere else), while a session named `agent-<id>` would be invented.
    static func isSubagentSidecar(_ path: String) -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        guard components.count >= 3, let name = components.last else { return false }
        return components[components.count - 2] == "subagents" && name.hasPrefix("agent-")
    }
}
