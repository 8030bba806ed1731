/// A hand-written recogniser for the few invocations that run on every agent hook or in a script's loop, so they skip
/// ArgumentParser: building its argument tree walks every command's property wrappers through reflection and
/// dynamic casts, and each first conformance lookup scans the whole binary's conformance table (FoundationEssentials,
/// which ArgumentParser links, included). That was ~3 ms of a 7.7 ms no-op `relayburn migrate`.
///
/// It accepts only shapes whose meaning is certain and answers `nil` for anything else: help, an unknown or
/// repeated option, a value that looks like an option, a number ArgumentParser might read differently, a value
/// the command would reject. Those go to ArgumentParser, which gives exactly today's help, errors and exit
/// statuses. What a recognised invocation runs is the value ArgumentParser's command builds too
/// (``MigrateApply``), so the two parsers share everything but the parsing.
enum HotCommandLine {
    /// `relayburn --version`.
    case version
    /// `relayburn [--store URL] migrate [apply] [--store URL] [--json] [--dry-run] [--to N] [--migration-lock-wait S]`.
    case migrate(MigrateApply)
    /// `relayburn [--store URL] query KIND [--store URL] [--since T] [--until T] [--project P] [--session S]
    /// [--source S] [--include-twins] [--search TEXT]` (`--enrichment`, repeatable, is left to ArgumentParser).
    case query(QueryRun)

    /// The invocation `arguments` (without the program name) spell, or `nil` to leave it to ArgumentParser.
    init?(_ arguments: [String]) {
        if arguments == ["--version"] {
            self = .version
            return
        }
        var tokens = OptionTokens(arguments)
        var store: String?
        // `--store` is also accepted before the command (Relayburn's own option group).
        if tokens.peekName == "--store" {
            guard let value = tokens.takeValue(), Self.isPlainValue(value) else { return nil }
            store = value
        }
        switch tokens.takeWord() {
        case "migrate":
            guard let command = Self.migrate(&tokens, store: store) else { return nil }
            self = .migrate(command)
        case "query":
            guard let command = Self.query(&tokens, store: store) else { return nil }
            self = .query(command)
        default:
            return nil
        }
    }

    private static func migrate(_ tokens: inout OptionTokens, store: String?) -> MigrateApply? {
        var store = store
        if tokens.peekWord == "apply" { _ = tokens.takeWord() }
        var command = MigrateApply()
        // An array, not a Set: instantiating Set<String> costs more than a no-op command can spare.
        var seen: [String] = []
        while let name = tokens.peekName {
            // A repeated option or flag is ArgumentParser's to judge.
            guard !seen.contains(name) else { return nil }
            seen.append(name)
            switch name {
            case "--store":
                guard store == nil, let value = tokens.takeValue(), Self.isPlainValue(value) else { return nil }
                store = value
            case "--json":
                guard tokens.takeFlag() else { return nil }
                command.json = true
            case "--dry-run":
                guard tokens.takeFlag() else { return nil }
                command.dryRun = true
            case "--to":
                guard let value = tokens.takeValue(), let version = Self.version(value) else { return nil }
                command.to = version
            case "--lock-timeout", "--migration-lock-wait":
                guard let value = tokens.takeValue(), let seconds = Self.seconds(value) else { return nil }
                command.lockTimeout = seconds
            default:
                return nil
            }
        }
        guard tokens.isAtEnd else { return nil }
        command.store = store
        return command
    }

    private static func query(_ tokens: inout OptionTokens, store: String?) -> QueryRun? {
        var store = store
        guard let word = tokens.takeWord(), let kind = QueryCommand.Kind(rawValue: word) else { return nil }
        var command = QueryRun(kind: kind)
        var seen: [String] = []
        while let name = tokens.peekName {
            guard !seen.contains(name) else { return nil }
            seen.append(name)
            if name == "--include-twins" {
                guard tokens.takeFlag() else { return nil }
                command.includeTwins = true
                continue
            }
            guard ["--store", "--since", "--until", "--project", "--session", "--source", "--search"].contains(name),
                let value = tokens.takeValue(), isPlainValue(value)
            else { return nil }
            switch name {
            case "--store":
                guard store == nil else { return nil }
                store = value
            case "--since": command.since = value
            case "--until": command.until = value
            case "--project": command.project = value
            case "--session": command.session = value
            case "--source": command.source = value
            default: command.search = value
            }
        }
        // ArgumentParser's validate() says why --search needs content; a stray argument is its to report too.
        guard tokens.isAtEnd, command.search == nil || kind == .content else { return nil }
        command.store = store
        return command
    }

    /// Runs what needs no concurrency runtime: `--version`, a `migrate` with nothing to apply, and an unfiltered
    /// `query` of a kind a SQLite store exports whole. `nil` when that was all; otherwise the rest of the work, to run
    /// in a task (for `migrate`, on the connection the no-op check opened).
    func runSynchronously() throws -> (@Sendable () async throws -> Void)? {
        switch self {
        case .version:
            Console.out(Relayburn.version)
            return nil
        case .migrate(let command):
            return try command.runNoOp()
        case .query(let command):
            if try command.runSynchronously() { return nil }
            return { try await command.run() }
        }
    }

    /// A value ArgumentParser certainly takes as the option's value, not as an option of its own.
    private static func isPlainValue(_ value: String) -> Bool {
        !value.isEmpty && !value.hasPrefix("-")
    }

    /// `--to`: decimal digits only, so ArgumentParser's `Int(_:)` reads the same number and validation passes.
    private static func version(_ value: String) -> Int? {
        guard !value.isEmpty, value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return Int(value)
    }

    /// `--lock-timeout`: what ArgumentParser's `Double(_:)` reads, when it is a finite positive number.
    private static func seconds(_ value: String) -> Double? {
        guard isPlainValue(value), let seconds = Double(value), seconds.isFinite, seconds > 0 else { return nil }
        return seconds
    }
}

/// The arguments as `--name`, `--name value` and `--name=value` tokens, for ``HotCommandLine``.
private struct OptionTokens {
    private let arguments: [String]
    private var index = 0

    init(_ arguments: [String]) { self.arguments = arguments }

    var isAtEnd: Bool { index == arguments.count }

    /// The current argument when it is a word (not an option).
    var peekWord: String? {
        guard !isAtEnd, !arguments[index].hasPrefix("-") else { return nil }
        return arguments[index]
    }

    /// The name of the current argument when it is a long option (`--name` or `--name=value`).
    var peekName: String? {
        guard !isAtEnd else { return nil }
        let argument = arguments[index]
        guard argument.hasPrefix("--"), argument.count > 2 else { return nil }
        return argument.firstIndex(of: "=").map { String(argument[..<$0]) } ?? argument
    }

    mutating func takeWord() -> String? {
        guard let word = peekWord else { return nil }
        index += 1
        return word
    }

    /// Takes a flag; `false` when it was written `--flag=value`.
    mutating func takeFlag() -> Bool {
        guard !arguments[index].contains("=") else { return false }
        index += 1
        return true
    }

    /// Takes an option and its value, inline (`--name=value`) or the next argument.
    mutating func takeValue() -> String? {
        let argument = arguments[index]
        index += 1
        if let equals = argument.firstIndex(of: "=") {
            return String(argument[argument.index(after: equals)...])
        }
        guard !isAtEnd else { return nil }
        index += 1
        return arguments[index - 1]
    }
}
