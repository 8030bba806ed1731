// swift-tools-version: 6.1
import PackageDescription

/// Hummingbird's upcoming-feature set: explicit `any`, internal imports unless re-exported on purpose,
/// and imports that only expose what a file really imports.
let upcomingFeatures: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

// Every command pays process start-up. As a position-independent executable the 32 MB release
// binary makes the dynamic loader apply ~40k relative relocations at start, writing (and so
// copying) every page of Swift metadata that holds a pointer: ~120 page faults and ~1.5 ms of a
// 5 ms no-op. Linked at a fixed address (as Go links its binaries) it needs none of them; the
// libraries, heap and stacks stay randomised. Release only, where start-up is measured.
let fixedAddressLink: [LinkerSetting] = [
    .unsafeFlags(["-Xclang-linker", "-no-pie"], .when(platforms: [.linux], configuration: .release))
]

let package = Package(
    name: "relayburn",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "relayburn", targets: ["relayburn"]),
        .executable(name: "relayburn-net", targets: ["relayburn-net"]),
        .library(name: "RelayburnSchema", targets: ["RelayburnSchema"]),
        .library(name: "RelayburnSQLite", targets: ["RelayburnSQLite"]),
        .library(name: "RelayburnPostgres", targets: ["RelayburnPostgres"]),
        .library(name: "RelayburnStore", targets: ["RelayburnStore"]),
        .library(name: "RelayburnLedger", targets: ["RelayburnLedger"]),
        .library(name: "RelayburnIngest", targets: ["RelayburnIngest"]),
        .library(name: "RelayburnWire", targets: ["RelayburnWire"]),
        .library(name: "RelayburnServer", targets: ["RelayburnServer"]),
        .library(name: "RelayburnHTTP", targets: ["RelayburnHTTP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The server (RelayburnServer) and the http adapter (RelayburnHTTP) only. Hummingbird's default traits
        // pull in full Foundation and swift-configuration, which nothing here uses.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Already built for Hummingbird; the server names its HTTP part types (NIOHTTPTypes) itself.
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // gzip request bodies, inflated with a limit the server checks as it goes (server.md section 2).
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
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
            name: "RelayburnIngest", dependencies: ["RelayburnLedger", "RelayburnSchema"],
            swiftSettings: upcomingFeatures),
        .target(
            name: "RelayburnStore",
            dependencies: ["RelayburnSchema", "RelayburnLedger", "RelayburnSQLite", "RelayburnPostgres"],
            swiftSettings: upcomingFeatures),
        // What the server and the http client agree on, free of NIO: routes, keys, cursors, errors, limits.
        .target(
            name: "RelayburnWire", dependencies: ["RelayburnLedger", "RelayburnSchema", "CZlib"],
            swiftSettings: upcomingFeatures),
        .target(
            name: "RelayburnServer",
            dependencies: [
                "RelayburnWire", "RelayburnLedger", "RelayburnSchema",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: upcomingFeatures),
        .target(
            name: "RelayburnHTTP",
            dependencies: [
                "RelayburnWire", "RelayburnLedger", "RelayburnSchema",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: upcomingFeatures),
        .target(
            name: "RelayburnTestSupport",
            dependencies: ["RelayburnSchema", "RelayburnLedger", "RelayburnSQLite", "RelayburnPostgres"],
            swiftSettings: upcomingFeatures),
        // The CLI's commands, shared by both executables.
        .target(
            name: "RelayburnCLI",
            dependencies: [
                "RelayburnSchema", "RelayburnLedger", "RelayburnStore", "RelayburnIngest", "RelayburnWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcomingFeatures),
        // The lean binary every hook and script runs: no network stack, so SQLite and PostgreSQL commands start in
        // milliseconds. `server` and http stores are handed to relayburn-net (NetworkHandoff).
        .executableTarget(
            name: "relayburn", dependencies: ["RelayburnCLI"], swiftSettings: upcomingFeatures,
            linkerSettings: fixedAddressLink),
        // The same CLI with the collector server and the http store (Hummingbird, AsyncHTTPClient, NIO).
        .executableTarget(
            name: "relayburn-net",
            dependencies: [
                "RelayburnCLI", "RelayburnServer", "RelayburnHTTP", "RelayburnStore", "RelayburnSchema",
                "RelayburnWire",
            ],
            swiftSettings: upcomingFeatures, linkerSettings: fixedAddressLink),
        // A test harness, not a product: the migration runner in its own process with test migrations from a
        // directory, so tests can kill -9 it in the middle of a migration the real binary does not have.
        .executableTarget(
            name: "relayburn-test-migrator",
            dependencies: ["RelayburnSchema", "RelayburnSQLite", "RelayburnPostgres"],
            path: "Tests/Harness/MigratorHarness", swiftSettings: upcomingFeatures),
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
        // The only test target that builds NIO: the server and the http adapter against each other on loopback.
        .testTarget(
            name: "RelayburnServerTests",
            dependencies: [
                "RelayburnServer", "RelayburnHTTP", "RelayburnWire", "RelayburnLedger", "RelayburnSQLite",
                "RelayburnPostgres", "RelayburnStore", "RelayburnTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
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
