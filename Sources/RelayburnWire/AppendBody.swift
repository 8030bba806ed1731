public import RelayburnLedger

/// Reads the body of an append (server.md §2) into validated records, refusing the whole body at its first
/// fault: records are counted against the limit while the body is skimmed, then each is parsed and validated
/// on its own.
public enum AppendBody {
    /// The records of a `POST /v1/<kind>` body, a JSON array.
    ///
    /// - Throws: ``WireError``: 400 `invalid_json` or `invalid_record` naming the record, 413 `too_many_records`.
    public static func records<Record: LedgerRecord>(
        _ type: Record.Type, from body: [UInt8], maxRecords: Int
    ) throws(WireError) -> [Record] {
        var skimmer = JSONSkimmer(body)
        let elements: [Range<Int>]
        do {
            elements = try skimmer.arrayElements(limit: maxRecords)
        } catch {
            switch error {
            case .tooMany: throw .tooManyRecords(limit: maxRecords)
            case .malformed(let reason, let offset):
                throw .invalidJSON("the body is not a JSON array of records: \(reason) at byte \(offset)")
            }
        }
        var records: [Record] = []
        records.reserveCapacity(elements.count)
        for (index, range) in elements.enumerated() {
            let value = try parse(body[range], index: index)
            do {
                records.append(try Record.validate(value, index: index))
            } catch {
                throw .invalidRecord(error)
            }
        }
        return records
    }

    /// The records of a `POST /v1/ingest` body: `{"machine"?, "batchId"?, "records": [{"v":1,"kind","record"}]}`.
    ///
    /// - Throws: ``WireError`` as ``records(_:from:maxRecords:)``.
    public static func ingest(_ body: [UInt8], maxRecords: Int) throws(WireError) -> MixedRecords {
        var skimmer = JSONSkimmer(body)
        var recordsRange: Range<Int>?
        do {
            for member in try skimmer.objectMembers() {
                let key = try? JSONValue.parse(body[member.key])
                switch key?.stringValue {
                case "records": recordsRange = member.value
                case "machine":
                    let value = try parse(body[member.value], index: nil)
                    guard value.objectValue != nil || value.isNull else {
                        throw WireError.invalidJSON("machine must be an object")
                    }
                case "batchId":
                    let value = try parse(body[member.value], index: nil)
                    guard value.stringValue != nil || value.isNull else {
                        throw WireError.invalidJSON("batchId must be a string")
                    }
                default: continue
                }
            }
        } catch let error as WireError {
            throw error
        } catch {
            if case .malformed(let reason, let offset) = error as? SkimError {
                throw .invalidJSON("the body is not an ingest envelope: \(reason) at byte \(offset)")
            }
            throw .invalidJSON("the body is not an ingest envelope")
        }
        guard let recordsRange else { throw .invalidJSON("the ingest body has no \"records\" array") }
        var inner = JSONSkimmer(Array(body[recordsRange]))
        let elements: [Range<Int>]
        do {
            elements = try inner.arrayElements(limit: maxRecords)
        } catch {
            switch error {
            case .tooMany: throw .tooManyRecords(limit: maxRecords)
            case .malformed(let reason, _): throw .invalidJSON("\"records\" is not a JSON array: \(reason)")
            }
        }
        var batch = MixedRecords()
        for (index, range) in elements.enumerated() {
            let line = try parse(inner.bytes[range], index: index)
            guard line.objectValue != nil else {
                throw WireError(
                    status: 400, code: "invalid_record", message: "record \(index) is not an object",
                    details: ["index": .integer(Int64(index))])
            }
            guard line["v"]?.integerValue == 1 else {
                throw WireError(
                    status: 400, code: "invalid_record", message: "record \(index): v must be 1",
                    details: ["index": .integer(Int64(index)), "field": "v"])
            }
            guard let kindName = line["kind"]?.stringValue, let kind = RecordKind(rawValue: kindName) else {
                let names = RecordKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw WireError(
                    status: 400, code: "invalid_record",
                    message: "record \(index): kind must be one of \(names)",
                    details: ["index": .integer(Int64(index)), "field": "kind"])
            }
            guard let record = line["record"] else {
                throw WireError(
                    status: 400, code: "invalid_record", message: "record \(index) (\(kind)): record is missing",
                    details: ["index": .integer(Int64(index)), "kind": .string(kind.rawValue), "field": "record"])
            }
            do {
                batch.add(try LedgerRecords.type(of: kind).validate(record, index: index))
            } catch {
                throw .invalidRecord(error)
            }
        }
        return batch
    }

    static func parse(_ bytes: ArraySlice<UInt8>, index: Int?) throws(WireError) -> JSONValue {
        do {
            return try JSONValue.parse(bytes)
        } catch {
            guard let index else { throw .invalidJSON("the body is not valid JSON: \(error.message)") }
            throw WireError(
                status: 400, code: "invalid_json", message: "record \(index) is not valid JSON: \(error.message)",
                details: ["index": .integer(Int64(index))])
        }
    }
}
