import Foundation
import PackagePlugin

/// Generates `EmbeddedSQL.swift` for `RelayburnSchema` from every file under the package's `migrations/` and
/// `templates/`, so the SQL a binary runs is the SQL on disk when it was built, and no generated copy is
/// committed.
///
/// The command runs on every build and the generator lists the directories itself. Declaring each SQL file as
/// an input would look more incremental but is wrong with SwiftPM's native build system: it caches its build
/// plan, and runs build-tool plugins only when it re-plans, which a change to `Package.swift` or to the files
/// of a target's own directory causes, and a change under `migrations/` or `templates/` does not. With the file
/// list of the last plan, a file added since would not be embedded, and one deleted or renamed would stop the
/// build with "missing inputs" until something forced a re-plan (both seen with Swift 6.3). SwiftPM has no
/// "always run" flag for a build command, and prebuild commands may only run prebuilt binary tools, not one
/// built from this package; so the one declared input is a stamp that the generator rewrites on each run,
/// which makes the next build run it again. A run costs a few tens of milliseconds, and the generator rewrites
/// `EmbeddedSQL.swift` only when its text changes, so `RelayburnSchema` is recompiled only when the SQL did.
///
/// Every file is embedded, not just `*.sql`: `SchemaCatalog` must see a stray file in `migrations/` to refuse it.
@main
struct EmbedSQLPlugin: BuildToolPlugin {
    /// The directories embedded, relative to the package root; their relative paths name the catalog's files.
    static let directories = ["migrations", "templates"]

    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let work = context.pluginWorkDirectoryURL
        let output = work.appendingPathComponent("EmbeddedSQL.swift")
        let stamp = work.appendingPathComponent("EmbeddedSQL.stamp")
        // An input must exist before its first build; the generator replaces it on every run.
        if !FileManager.default.fileExists(atPath: stamp.path) {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try Data().write(to: stamp)
        }
        return [
            .buildCommand(
                displayName: "Embedding the SQL files of migrations and templates in \(target.name)",
                executable: try context.tool(named: "RelayburnEmbedSQL").url,
                arguments: [
                    "--root", context.package.directoryURL.path, "--output", output.path, "--stamp", stamp.path,
                ] + Self.directories,
                inputFiles: [stamp],
                outputFiles: [output]
            )
        ]
    }
}
