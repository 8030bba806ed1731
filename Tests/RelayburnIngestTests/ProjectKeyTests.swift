import Foundation
import RelayburnLedger
import Testing

@testable import RelayburnIngest

/// `projectKey` from the git `origin` remote of a turn's working directory (format note §12).
@Suite struct ProjectKeyTests {
    @Test(arguments: [
        ("git@GitHub.com:Acme/Widget.git", "github.com/Acme/Widget"),
        ("https://user:tok@GitLab.Example.org:8443/team/sub/proj.git/", "gitlab.example.org/team/sub/proj"),
        ("ssh://git@github.com/acme/widget", "github.com/acme/widget"),
    ])
    func canonicalRemotes(_ url: String, _ key: String) {
        #expect(ProjectKeyResolver.canonicalRemote(url) == key)
    }

    @Test(arguments: ["https://github.com", "/srv/git/repo.git", "../relative"])
    func remotesWithoutKey(_ url: String) {
        #expect(ProjectKeyResolver.canonicalRemote(url) == nil)
    }

    private func turn(cwd: String, resolves: Bool = true) -> TurnRecord? {
        let line = #"{"type":"assistant","sessionId":"s","cwd":"\#(cwd)","message":{"id":"m"}}"#
        return ClaudeTranscriptParser(resolvesProjectKeys: resolves).parse(lines: [line]).turns.first
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("relayburn-ingest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func repositoryFoundAboveWorkingDirectory() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let gitDir = root.appendingPathComponent(".git")
        try FileManager.default.createDirectory(at: gitDir, withIntermediateDirectories: true)
        let config = """
            # comment
            [core]
            \tbare = false
            [remote "upstream"]
            \turl = git@example.com:other/repo.git
            [remote "origin"]
            \turl = "git@GitHub.com:Acme/Widget.git" ; inline comment
            """
        try config.write(to: gitDir.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let nested = root.appendingPathComponent("src/lib")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)

        #expect(turn(cwd: nested.path)?.projectKey == "github.com/Acme/Widget")
        #expect(turn(cwd: nested.path)?.project == nested.path)
        #expect(turn(cwd: nested.path, resolves: false)?.projectKey == nil)
    }

    @Test func worktreeUsesTheCommonGitDirectory() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let main = root.appendingPathComponent("main/.git")
        let worktreeGitDir = main.appendingPathComponent("worktrees/wt")
        try FileManager.default.createDirectory(at: worktreeGitDir, withIntermediateDirectories: true)
        try "[remote \"origin\"]\n  url = https://github.com/acme/widget.git\n".write(
            to: main.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        try "../..\n".write(to: worktreeGitDir.appendingPathComponent("commondir"), atomically: true, encoding: .utf8)
        let worktree = root.appendingPathComponent("wt")
        try FileManager.default.createDirectory(at: worktree, withIntermediateDirectories: true)
        try "gitdir: ../main/.git/worktrees/wt\n".write(
            to: worktree.appendingPathComponent(".git"), atomically: true, encoding: .utf8)

        #expect(turn(cwd: worktree.path)?.projectKey == "github.com/acme/widget")
    }

    @Test func noRepositoryMeansNoKey() throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(turn(cwd: root.path)?.projectKey == nil)
    }
}
