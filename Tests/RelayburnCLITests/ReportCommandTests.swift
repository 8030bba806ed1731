import Foundation
import RelayburnLedger
import RelayburnTestSupport
import Testing

/// Headless Chromium, when installed (scripts/test installs it as root; without it the rendering test is skipped
/// and says so).
private let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

extension CLISuite {
    /// `relayburn report --html`: one self-contained page whose figures are `summary --json`'s.
    @Suite struct ReportCommandTests {
        static func storeWithTheFixture() throws -> String {
            let store = "sqlite:" + (try TemporaryDirectory.make()) + "/burn.sqlite"
            #expect(try RelayburnProcess.run(["import", LedgerFiles.fixture, "--store", store]).status == 0)
            return store
        }

        /// The `data-value` of every element with `data-figure="NAME"`, in page order.
        static func figures(_ name: String, in html: String) -> [String] {
            html.components(separatedBy: "data-figure=\"\(name)\"").dropFirst().compactMap { tail in
                guard let start = tail.range(of: "data-value=\"") else { return nil }
                let rest = tail[start.upperBound...]
                return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
            }
        }

        @Test func thePageIsSelfContainedAndWrittenWhole() throws {
            let store = try Self.storeWithTheFixture()
            let path = try TemporaryDirectory.make() + "/report.html"
            let run = try RelayburnProcess.run(["report", "--html", path, "--store", store])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == "wrote \(path): 3 turns, $0.05 (1 unpriced turns)\n")
            let html = try String(contentsOfFile: path, encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(!html.contains("<script"), "no script")
            #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("url(http"))
            #expect(html.contains("<svg"), "the charts are inline SVG")
            let unwritable = try RelayburnProcess.run(["report", "--html", "/nonexistent/dir/r.html", "--store", store])
            #expect(unwritable.status == 1)
            #expect(
                unwritable.stderr.hasPrefix("relayburn: cannot write /nonexistent/dir/r.html"), "\(unwritable.stderr)")
        }

        @Test(.enabled(if: chromium != nil, "chromium is not installed; scripts/test installs it when run as root"))
        func chromiumRendersTheSameFiguresAsSummary() async throws {
            let store = try Self.storeWithTheFixture()
            let directory = try TemporaryDirectory.make()
            let path = directory + "/report.html"
            #expect(try RelayburnProcess.run(["report", "--html", path, "--store", store]).status == 0)
            let browser = try #require(chromium)
            // At low priority and waited for off the concurrency pool: a browser start takes seconds of CPU, which
            // the suite's timing-bound tests (key revocation, leases) running beside it on two cores must not lose.
            let flags = [
                "-n", "19", browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=\(directory)/profile",
            ]
            let dom = try await RelayburnProcess.runToolDetached(
                "/usr/bin/nice", flags + ["--dump-dom", "file://\(path)"])
            #expect(dom.status == 0, "\(dom.stderr)")
            let screenshot = directory + "/report.png"
            let shot = try await RelayburnProcess.runToolDetached(
                "/usr/bin/nice", flags + ["--window-size=1100,1600", "--screenshot=\(screenshot)", "file://\(path)"])
            #expect(shot.status == 0, "\(shot.stderr)")
            let png = try #require(FileManager.default.contents(atPath: screenshot))
            #expect(png.count > 10_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG of the rendered page")

            // The rendered page's figures against summary --json.
            let summary = try RelayburnProcess.run(["summary", "--json", "--store", store])
            let json = try JSONValue.parse(summary.stdout)
            let rendered = dom.stdout
            #expect(Self.figures("total-cost", in: rendered) == [json["totalCost"]?.compactJSON ?? "?"])
            #expect(Self.figures("turns", in: rendered) == [json["turns"]?.compactJSON ?? "?"])
            #expect(Self.figures("unpriced-turns", in: rendered) == [json["unpricedTurns"]?.compactJSON ?? "?"])
            #expect(
                Self.figures("unpriced-model", in: rendered)
                    == (json["unpricedModels"]?.arrayValue ?? []).compactMap(\.stringValue))
            let models = (json["byModel"]?.arrayValue ?? []).map { group in
                group["cost"]?["total"]?.compactJSON ?? "?"
            }
            #expect(Self.figures("model", in: rendered).sorted() == models.sorted())
            #expect(rendered.contains("<svg"), "the charts survive rendering")
        }
    }
}
