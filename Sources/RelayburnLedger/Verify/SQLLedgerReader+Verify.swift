import RelayburnSchema

extension SQLLedgerReader {
    /// Re-derives every stored record from its `record_json` and checks the `sessions` rollup against the turns.
    ///
    /// Each kind's rows are read in key-ordered pages (`templates/ledger/<table>/verify.sql`, all columns), parsed
    /// and validated as on the way in; the id and every typed column the adapter would bind for that JSON are
    /// compared with what is stored. Read-only.
    ///
    /// - Parameter progress: Called after each record table with its name and the rows checked.
    /// - Throws: `DatabaseError` when the store cannot be read (a finding is never thrown).
    public func verify(
        progress: (@Sendable (_ table: String, _ rows: Int) -> Void)? = nil
    ) async throws -> VerifyReport {
        var report = VerifyReport()
        for type in LedgerRecords.all {
            let rows = try await verifyRows(type, into: &report)
            report.checked.append((type.kind.table, rows))
            progress?(type.kind.table, rows)
        }
        try await verifySessions(into: &report)
        return report
    }

    private func verifyRows<Record: LedgerRecord>(_: Record.Type, into report: inout VerifyReport) async throws -> Int {
        let table = Record.kind.table
        let statement = try statements.verify(Record.kind)
        // The template pages by its row key: `seq` where the table has one, else the primary key `id`.
        let keyColumn = statement.parameters.contains("after_seq") ? "seq" : "id"
        var after: SQLValue = keyColumn == "seq" ? .integer(Int64.min) : .text("")
        let limit = 2_000
        var checked = 0
        while true {
            let page = try await runNamed(
                statement, statement.bindings(["after_\(keyColumn)": after, "page_size": .integer(Int64(limit))]))
            guard let last = page.rows.last else { break }
            guard let keyIndex = page.index(of: keyColumn), let jsonIndex = page.index(of: "record_json") else {
                preconditionFailure("\(statement.name) must select \(keyColumn) and record_json")
            }
            for row in page.rows {
                let key = row[keyIndex].textValue ?? ""
                if let finding = Self.check(Record.self, row, columns: page, json: row[jsonIndex]) {
                    report.add(VerifyFinding(table: table, key: key, problem: finding.0, detail: finding.1))
                }
            }
            checked += page.rows.count
            if page.rows.count < limit { break }
            after = last[keyIndex]
        }
        return checked
    }

    /// The first disagreement of one row with its own JSON, or `nil` when it agrees.
    private static func check<Record: LedgerRecord>(
        _: Record.Type, _ row: [SQLValue], columns: NamedRows, json: SQLValue
    ) -> (VerifyFinding.Problem, String)? {
        guard let text = json.textValue else { return (.unparsable, "record_json is NULL") }
        let value: JSONValue
        do {
            value = try JSONValue.parse(text)
        } catch {
            return (.unparsable, "record_json is not JSON: \(error)")
        }
        let record: Record
        do {
            record = try Record.validate(value, index: 0)
        } catch {
            return (.invalidRecord, "record_json is no longer a valid \(Record.kind) record: \(error)")
        }
        if let idIndex = columns.index(of: "id"), row[idIndex] != .text(record.id) {
            return (.idMismatch, "stored id \(row[idIndex].textValue ?? "NULL"), its JSON derives \(record.id)")
        }
        // The append time is not in the JSON, and record_json is what is being checked against.
        let derived = record.storedColumns(writtenAt: "").filter { $0.key != "written_at" && $0.key != "record_json" }
        for (name, expected) in derived.sorted(by: { $0.key < $1.key }) {
            guard let index = columns.index(of: name) else {
                return (.columnMismatch, "the table has no column \(name), which this binary stores")
            }
            if !agrees(row[index], expected) {
                return (
                    .columnMismatch,
                    "column \(name) is \(describe(row[index])), its JSON gives \(describe(expected))"
                )
            }
        }
        return nil
    }

    /// Compares a stored value with the one the adapter binds; PostgreSQL's text protocol reads booleans as t/f.
    private static func agrees(_ stored: SQLValue, _ expected: SQLValue) -> Bool {
        if stored == expected { return true }
        if case .text(let flag) = stored, flag == "t" || flag == "f", case .integer(let bit) = expected,
            bit == 0 || bit == 1
        {
            return stored.boolValue == (bit == 1)
        }
        return false
    }

    private static func describe(_ value: SQLValue) -> String {
        switch value {
        case .null: "NULL"
        case .text(let text): "\"\(text.count > 80 ? String(text.prefix(80)) + "…" : text)\""
        default: value.textValue ?? "NULL"
        }
    }

    /// Adds a finding for each session whose rollup row disagrees with its turns.
    private func verifySessions(into report: inout VerifyReport) async throws {
        let statement = try statements.verifySessions()
        let found = try await runNamed(statement, [])
        func text(_ row: [SQLValue], _ name: String) -> String? {
            found.index(of: name).flatMap { row[$0].textValue }
        }
        for row in found.rows {
            let session = text(row, "session_id") ?? ""
            let detail: String
            if text(row, "has_row") == "0" {
                detail = "the session has turns but no sessions row"
            } else if text(row, "has_turns") == "0" {
                detail = "the sessions row has no turns"
            } else {
                detail =
                    "the sessions row (first_seen \(text(row, "first_seen") ?? "NULL"), last_seen "
                    + "\(text(row, "last_seen") ?? "NULL"), source \(text(row, "source") ?? "NULL"), project "
                    + "\(text(row, "project") ?? "NULL")) disagrees with its turns (\(text(row, "first_ts") ?? "NULL") "
                    + "to \(text(row, "last_ts") ?? "NULL"))"
            }
            report.add(VerifyFinding(table: "sessions", key: session, problem: .rollupMismatch, detail: detail))
        }
    }
}
