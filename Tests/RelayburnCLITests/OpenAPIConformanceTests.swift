import Foundation
import Testing

/// openapi.yaml describes what the server really answers: scripts/check-openapi starts the built `relayburn
/// server` and validates the status, headers, media type and body of 46 good and bad requests against it.
@Suite struct OpenAPIConformanceTests {
    @Test func realResponsesMatchTheOpenAPIDocument() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let result = try RelayburnProcess.runTool(
            "/usr/bin/env",
            [
                "python3", root.appendingPathComponent("scripts/check-openapi").path, "--binary",
                RelayburnProcess.binary.path,
            ])
        if result.status == 3 && ProcessInfo.processInfo.environment["CI"] != "true" {
            // scripts/test installs the Python modules; a bare `swift test` may lack them.
            print("skipped: \(result.stderr)")
            return
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(", 0 problems"))
    }
}
