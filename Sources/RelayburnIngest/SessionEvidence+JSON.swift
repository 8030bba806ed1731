import RelayburnLedger

extension SessionEvidence {
    /// The evidence as kept in a cursor file. Line uuids are left out: a transcript holds thousands, and the
    /// one question they answer (which file holds a continued session's parent line) is resolved once and kept.
    var cursorJSON: JSONValue {
        var object = JSONObject()
        object.setIfPresent("fileSessionId", fileSessionId)
        object.setIfPresent("firstTs", firstTs)
        object["inLogSessionIds"] = .array(inLogSessionIds.map(JSONValue.string))
        object.setIfPresent("sourceVersion", sourceVersion)
        object.setIfPresent("firstParentUuid", firstParentUuid)
        if hasResumeMarker { object["hasResumeMarker"] = true }
        object.setIfPresent("resumeTarget", resumeTarget)
        object["continuationTargets"] = .array(continuationTargets.map(JSONValue.string))
        object["forkTargets"] = .array(forkTargets.map(JSONValue.string))
        return .object(object)
    }

    /// Evidence read back from ``cursorJSON``.
    init(cursorJSON object: JSONObject) {
        self.init(fileSessionId: object["fileSessionId"]?.stringValue)
        firstTs = object["firstTs"]?.stringValue
        inLogSessionIds = Self.strings(object["inLogSessionIds"])
        sourceVersion = object["sourceVersion"]?.stringValue
        firstParentUuid = object["firstParentUuid"]?.stringValue
        hasResumeMarker = object["hasResumeMarker"]?.boolValue ?? false
        resumeTarget = object["resumeTarget"]?.stringValue
        continuationTargets = Self.strings(object["continuationTargets"])
        forkTargets = Self.strings(object["forkTargets"])
    }

    private static func strings(_ value: JSONValue?) -> [String] {
        value?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
