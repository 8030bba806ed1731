#if canImport(Glibc)
    import Glibc
#endif
import RelayburnLedger

/// Host-local memory of which transcripts were fully ingested, kept in `$RELAYBURN_HOME` per store, so a rerun
/// skips unchanged files without reading them.
///
/// A file counts as unchanged when its size, modification time and inode all match what was recorded after
/// its last complete ingest; a grown, truncated or replaced file is read again (appends are idempotent, so
/// only its new records are stored). A file whose last line was still being written is not recorded, so the
/// next run finishes it.
public final class IngestCursors: @unchecked Sendable {
    // @unchecked Sendable: used by one ingest at a time, from one task.
    public struct Fingerprint: Sendable, Equatable {
        public let size: Int64
        public let modifiedNs: Int64
        public let inode: Int64
    }

    public let path: String
    private var files: [String: Fingerprint] = [:]

    /// The cursors of `store` under `home` (`$RELAYBURN_HOME/cursors/claude-code-<h16 of the store>.json`):
    /// per store, because ingesting the same files into another store must read them again.
    public convenience init(home: String, store: String) {
        self.init(path: "\(home)/cursors/claude-code-\(RecordIdentity.h16(store)).json")
    }

    /// Loads the cursor file at `path`; a missing or unreadable one starts empty (everything is read again,
    /// which is always safe).
    public init(path: String) {
        self.path = path
        guard let bytes = try? TranscriptFile.read(path), let object = (try? JSONValue.parse(bytes))?.objectValue,
            let entries = object["files"]?.objectValue
        else { return }
        for (file, value) in entries.entries {
            guard let entry = value.objectValue, let size = entry["size"]?.integerValue,
                let modified = entry["modifiedNs"]?.integerValue, let inode = entry["inode"]?.integerValue
            else { continue }
            files[file] = Fingerprint(size: size, modifiedNs: modified, inode: inode)
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

    /// Whether `file` still has the fingerprint recorded after its last complete ingest.
    public func isUnchanged(_ file: String, _ fingerprint: Fingerprint) -> Bool {
        files[file] == fingerprint
    }

    /// Records that `file`, as fingerprinted before it was read, is fully ingested.
    public func record(_ file: String, _ fingerprint: Fingerprint) {
        files[file] = fingerprint
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
        var entries = JSONObject()
        for file in files.keys.sorted() {
            guard let print = files[file] else { continue }
            entries[file] = .object([
                "size": .integer(print.size), "modifiedNs": .integer(print.modifiedNs), "inode": .integer(print.inode),
            ])
        }
        let text = JSONValue.object(["v": .integer(1), "files": .object(entries)]).compactJSON + "\n"
        if let slash = path.lastIndex(of: "/") { try Self.makeDirectories(String(path[..<slash])) }
        let temporary = path + ".tmp"
        guard let file = fopen(temporary, "w") else {
            throw ImportError("cannot write \(temporary): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        let written = fwrite(bytes, 1, bytes.count, file)
        let closed = fclose(file)
        guard written == bytes.count, closed == 0, rename(temporary, path) == 0 else {
            throw ImportError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
