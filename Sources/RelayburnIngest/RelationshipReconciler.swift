public import RelayburnLedger

/// Links transcript files that continue or fork one another, once all files of a run are parsed
/// (format note §11.7).
///
/// A resumed or forked Claude Code session starts a new file whose first line points into an older file, or
/// whose lines keep the older in-log session id; neither is visible from one file alone.
public enum RelationshipReconciler {
    /// The cross-file `continuation` and `fork` rows for files parsed in `evidence` order.
    ///
    /// Files without a file session id are ignored. Rows are meant to be appended to each file's own rows,
    /// never to replace them.
    ///
    /// - Parameter evidence: ``ExtractedRecords/evidence`` of every file, in processing order.
    /// - Returns: The rows, continuations first, each kind in file order.
    public static func reconcile(_ evidence: [SessionEvidence]) -> [SessionRelationshipRecord] {
        let files = evidence.filter { $0.fileSessionId != nil }
        var owner: [String: Int] = [:]
        for (index, file) in files.enumerated() {
            for uuid in file.seenUuids where owner[uuid] == nil { owner[uuid] = index }
        }
        var parents: [Int: Int] = [:]
        for (index, file) in files.enumerated() {
            if let parentUuid = file.firstParentUuid, let parent = owner[parentUuid], parent != index {
                parents[index] = parent
            }
        }
        return reconcile(files, parents: parents)
    }

    /// The cross-file rows when the continuation parents are already known: `parents[i]` is the index of the
    /// first file holding the line file `i`'s first prompt answers (its `firstParentUuid`), when that is
    /// another file. Used when some files' line uuids are not in memory (an incremental run).
    ///
    /// - Parameters:
    ///   - files: Evidence of files with a file session id, in processing order.
    ///   - parents: Continuation parent per file index.
    public static func reconcile(_ files: [SessionEvidence], parents: [Int: Int]) -> [SessionRelationshipRecord] {
        var rows: [JSONObject] = []
        for (index, file) in files.enumerated() {
            guard let parent = parents[index], let parentId = files[parent].fileSessionId else { continue }
            // An explicit marker already produced this edge when the file was parsed.
            if file.resumeTarget == parentId || file.continuationTargets.contains(parentId) { continue }
            rows.append(row(file, type: "continuation", related: parentId, sourceSessionId: foreignSessionId(file)))
        }
        let continues = parents

        var groups: [(sessionId: String, members: [Int])] = []
        for (index, file) in files.enumerated() {
            guard let foreign = foreignSessionId(file) else { continue }
            if let group = groups.firstIndex(where: { $0.sessionId == foreign }) {
                groups[group].members.append(index)
            } else {
                groups.append((foreign, [index]))
            }
        }
        for group in groups where group.members.count >= 2 {
            for index in group.members {
                let file = files[index]
                // A file that continues a sibling is that sibling's continuation, not a separate fork.
                if let parent = continues[index], group.members.contains(parent) { continue }
                if file.forkTargets.contains(group.sessionId) { continue }
                rows.append(row(file, type: "fork", related: group.sessionId, sourceSessionId: group.sessionId))
            }
        }
        return rows.enumerated().map { index, object in
            do {
                return try SessionRelationshipRecord.validate(.object(object), index: index)
            } catch {
                // Every field is a string taken from evidence, so the contract cannot be broken by input.
                preconditionFailure("reconciled relationship row is invalid: \(error)")
            }
        }
    }

    /// The first in-log session id that differs from the file's own.
    private static func foreignSessionId(_ file: SessionEvidence) -> String? {
        file.inLogSessionIds.first { $0 != file.fileSessionId }
    }

    private static func row(_ file: SessionEvidence, type: String, related: String, sourceSessionId: String?)
        -> JSONObject
    {
        var row: JSONObject = [
            "v": 1, "source": "claude-code", "sessionId": .string(file.fileSessionId ?? ""),
            "relatedSessionId": .string(related), "relationshipType": .string(type),
        ]
        row.setIfPresent("ts", file.firstTs)
        row.setIfPresent("sourceSessionId", sourceSessionId)
        row.setIfPresent("sourceVersion", file.sourceVersion)
        return row
    }
}
