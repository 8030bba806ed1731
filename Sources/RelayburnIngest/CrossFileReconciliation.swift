import RelayburnLedger

/// Cross-file relationship reconciliation (format note §11.7) for a run in which some files were skipped.
///
/// Files read in this run bring their whole evidence (a resumed pass pre-scans the file's start); skipped ones
/// bring the evidence their cursor kept, which has no line uuids. So each file's continuation parent (the
/// first file, in processing order, holding the line its first prompt answers) is looked up once, reading a
/// skipped file only when its bytes contain the uuid, and kept in the cursor. Only rows about files read in
/// this run are emitted: the others were emitted when those files were read.
struct CrossFileReconciliation {
    private struct File {
        let path: String
        let evidence: SessionEvidence
        let wasRead: Bool
    }

    private let cursors: IngestCursors?
    private var files: [File] = []
    private var uuidSets: [Int: Set<String>] = [:]

    init(cursors: IngestCursors?) {
        self.cursors = cursors
    }

    /// Adds the next file in processing order: `evidence` when it was read in this run, else (nil) what its
    /// cursor kept. Subagent sidecars belong to their session's file and take no part.
    mutating func add(_ path: String, evidence: SessionEvidence?) {
        guard !TranscriptFile.isSubagentSidecar(path) else { return }
        guard let known = evidence ?? cursors?.entry(path)?.evidence, known.fileSessionId != nil else { return }
        files.append(File(path: path, evidence: known, wasRead: evidence != nil))
    }

    /// The reconciled rows about files read in this run; records each parent lookup in the cursors.
    mutating func rows() -> [SessionRelationshipRecord] {
        guard files.contains(where: \.wasRead) else { return [] }
        var parents: [Int: Int] = [:]
        let indexByPath = Dictionary(files.enumerated().map { ($0.element.path, $0.offset) }) { first, _ in first }
        for index in files.indices {
            guard let uuid = files[index].evidence.firstParentUuid else { continue }
            let parentPath: String?
            if let known = cursors?.entry(files[index].path)?.parent, known.uuid == uuid {
                parentPath = known.path
            } else {
                parentPath = firstFile(holding: uuid).map { files[$0].path }
                if var entry = cursors?.entry(files[index].path) {
                    entry.parent = IngestCursors.ParentLookup(uuid: uuid, path: parentPath)
                    cursors?.record(files[index].path, entry)
                }
            }
            if let parentPath, let parent = indexByPath[parentPath], parent != index { parents[index] = parent }
        }
        let readSessions = Set(files.filter(\.wasRead).compactMap(\.evidence.fileSessionId))
        let readForeignIds = Set(
            files.filter(\.wasRead).compactMap { file in
                file.evidence.inLogSessionIds.first { $0 != file.evidence.fileSessionId }
            })
        return RelationshipReconciler.reconcile(files.map(\.evidence), parents: parents).filter { row in
            readSessions.contains(row.sessionId)
                || (row.relationshipType == "fork" && readForeignIds.contains(row.relatedSessionId ?? ""))
        }
    }

    /// The index of the first file whose lines include `uuid`. Skipped files are searched on disk, parsed only
    /// when their bytes contain the uuid at all.
    private mutating func firstFile(holding uuid: String) -> Int? {
        let needle = Array(uuid.utf8)
        for index in files.indices {
            if let uuids = uuidSets[index] {
                if uuids.contains(uuid) { return index }
                continue
            }
            let file = files[index]
            if file.wasRead {
                uuidSets[index] = Set(file.evidence.seenUuids)
            } else {
                guard let bytes = try? TranscriptFile.read(file.path), bytes.firstRange(of: needle) != nil else { continue }
                let parser = ClaudeTranscriptParser(
                    fileSessionId: file.evidence.fileSessionId, contentMode: .off, resolvesProjectKeys: false)
                uuidSets[index] = Set(parser.parse(bytes).evidence.seenUuids)
            }
            if uuidSets[index]?.contains(uuid) == true { return index }
        }
        return nil
    }
}
