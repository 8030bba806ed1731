import RelayburnLedger

#if canImport(Glibc)
    import Glibc
#endif

/// Host-local memory of how far each transcript was ingested, kept in `$RELAYBURN_HOME` per store, so a rerun
/// skips unchanged files without reading them and resumes grown ones where the last pass stopped.
///
/// A file counts as unchanged when its size, modification time and inode all match what was recorded after
/// its last pass. A grown file resumes at the recorded offset (the format note's §15 cursor); a truncated,
/// replaced or rewritten one (different inode, smaller size, older mtime, or different leading bytes) is read
/// again from the start, which is safe because appends are idempotent.
public final class IngestCursors: @unchecked Sendable {
    // @unchecked Sendable: used by one ingest at a time, from one task.
    public struct Fingerprint: Sendable, Equatable {
        public let size: Int64
        public let modifiedNs: Int64
        public let inode: Int64
    }

    /// Which file holds the line a continued session's first prompt answers (format note §11.7), once looked up.
    public struct ParentLookup: Sendable, Equatable {
        /// The `parentUuid` that was looked up.
        public let uuid: String
        /// The transcript holding it, or `nil` when no transcript of that run did.
        public let path: String?
    }

    /// What the last pass over one file left behind.
    public struct Entry: Sendable {
        /// The file as it was when the pass began.
        public var fingerprint: Fingerprint
        /// Where the next pass starts.
        public var offset: Int
        /// Whether the pass used every byte it read (nothing held back, no unfinished line).
        public var isComplete: Bool
        /// `h16` of the file's first bytes (up to 4 KiB, not beyond `offset`): a file rewritten in place under
        /// the same inode starts again from 0.
        public var headHash: String
        /// The relationship evidence of the whole file, without line uuids.
        public var evidence: SessionEvidence
        public var parent: ParentLookup?
    }

    public let path: String
    private var entries: [String: Entry] = [:]

    /// The cursors of `store` under `home` (`$RELAYBURN_HOME/cursors/claude-code-<h16 of the store>.json`):
    /// per store, because ingesting the same files into another store must read them again.
    public convenience init(home: String, store: String) {
        self.init(path: "\(home)/cursors/claude-code-\(RecordIdentity.h16(store)).json")
    }

    /// Loads the cursor file at `path`; a missing, unreadable or older-format one starts empty (everything is
    /// read again, which is always safe).
    public init(path: String) {
        self.path = path
        guard let bytes = try? TranscriptFile.read(path), let object = (try? JSONValue.parse(bytes))?.objectValue,
            object["v"]?.integerValue == 2, let files = object["files"]?.objectValue
        else { return }
        for (file, value) in files.entries {
            guard let entry = value.objectValue, let size = entry["size"]?.integerValue,
                let modified = entry["modifiedNs"]?.integerValue, let inode = entry["inode"]?.integerValue,
                let offset = entry["offset"]?.integerValue, let headHash = entry["headHash"]?.stringValue
            else { continue }
            var parent: ParentLookup?
            if let lookup = entry["parent"]?.objectValue, let uuid = lookup["uuid"]?.stringValue {
                parent = ParentLookup(uuid: uuid, path: lookup["path"]?.stringValue)
            }
            entries[file] = Entry(
                fingerprint: Fingerprint(size: size, modifiedNs: modified, inode: inode), offset: Int(offset),
                isComplete: entry["complete"]?.boolValue ?? false, headHash: headHash,
                evidence: SessionEvidence(cursorJSON: entry["evidence"]?.objectValue ?? [:]), parent: parent)
        }
    }

    /// The file's current size, modification time and inode; `nil` when it cannot be read.
    public static func fingerprint(of file: String) -> Fingerprint? {
        var status = stat()
        guard stat(file, &status) == 0 else { return nil }
        return Fingerprint(
            size: Int64(status.st_size),
            modifiedNs: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec),
            inode: Int64(bitPattern: UInt64(status.st_ino)))
    }

    /// The `headHash` of a file's bytes for a cursor at `offset`.
    public static func headHash(_ bytes: [UInt8], offset: Int) -> String {
        RecordIdentity.h16(String(decoding: bytes.prefix(min(offset, 4096)), as: UTF8.self))
    }

    /// What the last pass over `file` recorded.
    public func entry(_ file: String) -> Entry? {
        entries[file]
    }

    /// Where a pass over `file`, now fingerprinted `current` and holding `bytes`, starts: the recorded offset
    /// when the file only grew since, else 0.
    public func resumeOffset(_ file: String, current: Fingerprint, bytes: [UInt8]) -> Int {
        guard let entry = entries[file], entry.fingerprint.inode == current.inode,
            entry.fingerprint.size <= current.size, entry.fingerprint.modifiedNs <= current.modifiedNs,
            entry.offset <= bytes.count, Self.headHash(bytes, offset: entry.offset) == entry.headHash
        else { return 0 }
        return entry.offset
    }

    /// Records the pass just made over `file`.
    public func record(_ file: String, _ entry: Entry) {
        entries[file] = entry
    }

    /// `mkdir -p`: creates `directory` and any missing parents.
    private static func makeDirectories(_ directory: String) throws {
        var prefix = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw ImportError("cannot create \(prefix): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Writes the cursors next to `path` and renames them into place, so a crash never leaves a torn file.
    ///
    /// - Throws: `ImportError` naming the path when it cannot be written.
    public func save() throws {
        var files = JSONObject()
        for file in entries.keys.sorted() {
            guard let entry = entries[file] else { continue }
            var object: JSONObject = [
                "size": .integer(entry.fingerprint.size), "modifiedNs": .integer(entry.fingerprint.modifiedNs),
                "inode": .integer(entry.fingerprint.inode), "offset": .integer(Int64(entry.offset)),
                "complete": .bool(entry.isComplete), "headHash": .string(entry.headHash),
                "evidence": entry.evidence.cursorJSON,
            ]
            if let parent = entry.parent {
                var lookup: JSONObject = ["uuid": .string(parent.uuid)]
                lookup.setIfPresent("path", parent.path)
                object["parent"] = .object(lookup)
            }
            files[file] = .object(object)
        }
        let text = JSONValue.object(["v": .integer(2), "files": .object(files)]).compactJSON + "\n"
        if let slash = path.lastIndex(of: "/") { try Self.makeDirectories(String(path[..<slash])) }
        do {
            try AtomicFile.write(Array(text.utf8), to: path)
        } catch {
            throw ImportError("cannot write \(path): \(error)")
        }
    }
}
