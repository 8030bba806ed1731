#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the repository identity of a working directory from its git `origin` remote (format note §12), so
/// several checkouts of one repository share a `projectKey`.
struct ProjectKeyResolver {
    /// How far up from the working directory to look for `.git`.
    private static let maxLevels = 100
    private var cache: [String: String?] = [:]

    /// The project key of `cwd`, e.g. `github.com/acme/widget`, or nil without a repository or a usable remote.
    mutating func projectKey(cwd: String) -> String? {
        if let cached = cache[cwd] { return cached }
        let key = Self.gitDirectory(from: Self.absolute(cwd)).flatMap(Self.originURL).flatMap(Self.canonicalRemote)
        cache[cwd] = .some(key)
        return key
    }

    /// `path` made absolute with symlinks resolved when possible.
    private static func absolute(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        return path
    }

    private static func gitDirectory(from start: String) -> String? {
        guard start.hasPrefix("/") else { return nil }
        var directory = start
        for _ in 0..<maxLevels {
            let dotGit = join(directory, ".git")
            var info = stat()
            if stat(dotGit, &info) == 0 {
                if info.st_mode & S_IFMT == S_IFDIR { return dotGit }
                if info.st_mode & S_IFMT == S_IFREG { return linkedGitDirectory(file: dotGit, in: directory) }
            }
            guard directory != "/", let slash = directory.lastIndex(of: "/") else { return nil }
            directory = slash == directory.startIndex ? "/" : String(directory[..<slash])
        }
        return nil
    }

    /// Worktrees and submodules have a `.git` file pointing at the real git dir; worktrees share the main
    /// repository's config through `commondir`.
    private static func linkedGitDirectory(file: String, in directory: String) -> String? {
        guard let text = readText(file) else { return nil }
        let line = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("gitdir:") }
        guard let target = line.map({ trim($0.dropFirst("gitdir:".count)) }), !target.isEmpty else { return nil }
        let gitDir = join(directory, target)
        if let common = readText(join(gitDir, "commondir")).map({ trim(Substring($0)) }), !common.isEmpty {
            return join(gitDir, common)
        }
        return gitDir
    }

    /// `url` of `[remote "origin"]` in the git dir's config.
    private static func originURL(gitDir: String) -> String? {
        guard let text = readText(join(gitDir, "config")) else { return nil }
        var inOrigin = false
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = trim(rawLine)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                let header = line.dropFirst().prefix { $0 != "]" }
                inOrigin = header.split(whereSeparator: \.isWhitespace).joined(separator: " ") == #"remote "origin""#
                continue
            }
            guard inOrigin, let equals = line.firstIndex(of: "=") else { continue }
            guard trim(line[..<equals]).lowercased() == "url" else { continue }
            return configValue(line[line.index(after: equals)...])
        }
        return nil
    }

    /// A config value with inline `#`/`;` comments (outside double quotes) and the quotes removed.
    private static func configValue(_ raw: Substring) -> String {
        var value = ""
        var quoted = false
        for character in raw {
            if character == "\"" {
                quoted.toggle()
            } else if !quoted && (character == "#" || character == ";") {
                break
            } else {
                value.append(character)
            }
        }
        return trim(Substring(value))
    }

    /// `host/path` of a remote URL: scp form `user@host:path` or `scheme://[userinfo@]host[:port]/path`.
    static func canonicalRemote(_ url: String) -> String? {
        let host: Substring
        let path: Substring
        if let scheme = url.firstRange(of: "://") {
            let rest = url[scheme.upperBound...]
            let authority = rest.prefix { $0 != "/" }
            path = rest.dropFirst(authority.count)
            let hostAndPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
            host = hostAndPort.prefix { $0 != ":" }
        } else if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") {
            let userAndHost = url[..<colon]
            host = userAndHost.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
            path = url[url.index(after: colon)...]
        } else {
            return nil
        }
        var trimmedPath = path
        while trimmedPath.hasPrefix("/") { trimmedPath = trimmedPath.dropFirst() }
        while trimmedPath.hasSuffix("/") { trimmedPath = trimmedPath.dropLast() }
        if trimmedPath.hasSuffix(".git") { trimmedPath = trimmedPath.dropLast(4) }
        guard !host.isEmpty, !trimmedPath.isEmpty else { return nil }
        return host.lowercased() + "/" + trimmedPath
    }

    private static func join(_ directory: String, _ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }

    private static func readText(_ path: String) -> String? {
        guard let bytes = try? TranscriptFile.read(path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func trim(_ text: Substring) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
