public import RelayburnSchema

/// Decodes `record_json` read back from a database into a record, validated as on the way in.
public enum StoredRecordDecoder {
    public static func decode<Record>(
        _ value: SQLValue, id: SQLValue, kind: RecordKind,
        _ validate: (JSONValue, Int) throws(RecordError) -> Record
    ) throws -> Record {
        let identifier = id.textValue ?? "?"
        guard let text = value.textValue else {
            throw StoredRecordError(kind: kind, id: identifier, reason: "record_json is NULL")
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(text)
        } catch {
            throw StoredRecordError(kind: kind, id: identifier, reason: error.description)
        }
        do {
            return try validate(json, 0)
        } catch {
            throw StoredRecordError(kind: kind, id: identifier, reason: error.description)
        }
    }
}
