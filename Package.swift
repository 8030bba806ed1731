// swift-tools-version: 6.0
import PackageDescription

/// Hummingbird's upcoming-feature set: explicit `any`, internal imports unless re-exported on purpose,
/// and imports that only expose what a file really imports.
let upcomingFeatures: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "relayburn",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "relayburn", targets: ["relayburn"]),
        .library(name: "RelayburnSchema", targets: ["RelayburnSchema"]),
        .library(name: "RelayburnSQLite", targets: ["RelayburnSQLite"]),
        .library(name: "RelayburnPostgres", targets: ["RelayburnPostgres"]),
        .library(name: "RelayburnStore", targets: ["RelayburnStore"]),
        .library(name: "RelayburnLedger", targets: ["RelayburnLedger"]),
        .library(name: "RelayburnIngest", targets: ["RelayburnIngest"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // libpq's headers at build time (Debian libpq-dev); the library itself is loaded on first use.
        .target(name: "CLibPQ", linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("pthread")]),
        // The SQL under migrations/ and templates/ is compiled into RelayburnSchema as generated Swift, not
        // SwiftPM resources (a copied Linux binary without its .resources folder traps). EmbedSQLPlugin runs
        // RelayburnEmbedSQL on every build and it rewrites the source only when the SQL changed, so no
        // generated copy is committed and `swift run` always embeds the SQL on disk.
        .target(name: "RelayburnSchema", swiftSettings: upcomingFeatures, plugins: ["EmbedSQLPlugin"]),
        .executableTarget(name: "RelayburnEmbedSQL", swiftSettings: upcomingFeatures),
        .plugin(name: "EmbedSQLPlugin", capability: .buildTool(), dependencies: ["RelayburnEmbedSQL"]),
        .target(
            name: "RelayburnSQLite", dependencies: ["CSQLite", "RelayburnSchema", "RelayburnLedger"],
            swiftSettings: upcomingFeatures),
        .target(
            name: "RelayburnPostgres", dependencies: ["CLibPQ", "RelayburnSchema", "RelayburnLedger"],
            swiftSettings: upcomingFeatures),
        .target(name: "RelayburnLedger", dependencies: ["RelayburnSchema"], swiftSettings: upcomingFeatures),
        .target(
            name: "RelayburnIngest", dependencies: ["RelayburnLedger", "RelayburnSchema"], swiftSettings: upcomingFeatures),
        .target(
            name: "RelayburnStore",
            dependencies: ["RelayburnSchema", "RelayburnLedger", "RelayburnSQLite", "RelayburnPostgres"],
            swiftSettings: upcomingFeatures),
        .target(
            name: "RelayburnTestSupport",
            dependencies: ["RelayburnSchema", "RelayburnLedger", "RelayburnSQLite", "RelayburnPostgres"],
            swiftSettings: upcomingFeatures),
        .executableTarget(
            name: "relayburn",
            dependencies: [
                "RelayburnSchema", "RelayburnLedger", "RelayburnStore", "RelayburnIngest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcomingFeatures,
            linkerSettings: [
                // Every command pays process start-up. As a position-independent executable the 32 MB release
                // binary makes the dynamic loader apply ~40k relative relocations at start, writing (and so
                // copying) every page of Swift metadata that holds a pointer: ~120 page faults and ~1.5 ms of a
                // 5 ms no-op. Linked at a fixed address (as Go links its binaries) it needs none of them; the
                // libraries, heap and stacks stay randomised. Release only, where start-up is measured.
                .unsafeFlags(["-Xclang-linker", "-no-pie"], .when(platforms: [.linux], configuration: .release))
            ]
        ),
        .testTarget(name: "RelayburnSchemaTests", dependencies: ["RelayburnSchema"], swiftSettings: upcomingFeatures),
        .testTarget(
            name: "RelayburnIngestTests", dependencies: ["RelayburnIngest", "RelayburnLedger"],
            exclude: ["Fixtures"], swiftSettings: upcomingFeatures),
        .testTarget(
            name: "RelayburnLedgerTests", dependencies: ["RelayburnLedger", "RelayburnTestSupport"],
            swiftSettings: upcomingFeatures),
        .testTarget(
            name: "RelayburnConformanceTests",
            dependencies: ["RelayburnLedger", "RelayburnSQLite", "RelayburnIngest", "RelayburnTestSupport"],
            swiftSettings: upcomingFeatures),
        .testTarget(
            name: "RelayburnDriverTests",
            dependencies: [
                "RelayburnSchema", "RelayburnLedger", "RelayburnSQLite", "RelayburnPostgres", "RelayburnStore",
                "RelayburnTestSupport",
            ],
            swiftSettings: upcomingFeatures),
        .testTarget(
            name: "RelayburnCLITests",
            dependencies: [
                "RelayburnSchema", "RelayburnLedger", "RelayburnSQLite", "RelayburnPostgres", "RelayburnTestSupport",
            ],
            swiftSettings: upcomingFeatures),
    ],
    swiftLanguageModes: [.v6]
)
