// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "tender",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tender", targets: ["tender"])
    ],
    // `swift build -c release --traits jemalloc` links jemalloc (libjemalloc-dev) into `tender`; the default build
    // needs nothing beyond libyaml-dev and libsqlite3-dev. BENCHMARKS.md has its measured effect.
    traits: [.trait(name: "jemalloc", description: "Link jemalloc into the tender binary (needs libjemalloc-dev)")],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/swiftwasm/WasmKit", exact: "0.4.2"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio.git", exact: "2.101.3"),
    ],
    targets: [
        // Pure core: values in, values out. No files, clock or randomness.
        .target(name: "TenderScoring", swiftSettings: swiftSettings),
        // The system libyaml (libyaml-dev): documents are composed straight from its event stream.
        .systemLibrary(
            name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        // YAML/JSON documents -> validated methodology, submissions, marks, close requests.
        .target(
            name: "TenderRules",
            dependencies: ["TenderScoring", "CLibYAML"],
            swiftSettings: swiftSettings
        ),
        // Append-only, Merkle-tree, signed score ledger over GRDB.
        .target(
            name: "TenderLedger",
            dependencies: [
                "TenderScoring",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API under GRDB, for incremental blob I/O (which GRDB does not wrap).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Plugin rules: WebAssembly modules run by WasmKit with no imports, a fuel budget and bounded memory.
        .target(
            name: "TenderPlugins",
            dependencies: [
                "TenderScoring",
                .product(name: "WasmKit", package: "WasmKit"),
                .product(name: "WasmParser", package: "WasmKit"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Outputs for people: evaluation report, assessment summaries, OCDS export, red flags. Pure.
        .target(name: "TenderReports", dependencies: ["TenderScoring"], swiftSettings: swiftSettings),
        // The long-running daemon: inbox, rule reload, checkpoints, reports. Each part is a Service.
        .target(
            name: "TenderDaemon",
            dependencies: [
                "TenderScoring", "TenderRules", "TenderLedger", "TenderPlugins", "TenderReports",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The commands, as a library the executable and the tests call.
        .target(
            name: "TenderCLI",
            dependencies: [
                "TenderScoring", "TenderRules", "TenderLedger", "TenderDaemon", "TenderPlugins",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // jemalloc's options (one arena a CPU), linked into `tender` with the jemalloc trait only.
        .target(name: "CJemallocOptions"),
        // With the jemalloc trait, linked with jemalloc: intake allocates on the preparing cores and frees on the
        // commit thread, the pattern where glibc's malloc spends its time consolidating and locking arenas.
        .executableTarget(
            name: "tender",
            dependencies: [
                "TenderCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .target(name: "CJemallocOptions", condition: .when(platforms: [.linux], traits: ["jemalloc"])),
            ],
            swiftSettings: swiftSettings,
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux], traits: ["jemalloc"]))]
        ),
        // Benchmarks: a harness that prints figures (release build), never timed tests.
        .executableTarget(
            name: "TenderBenchmarks",
            dependencies: [
                "TenderScoring", "TenderRules", "TenderLedger", "TenderDaemon", "TenderPlugins",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["reference"],
            swiftSettings: swiftSettings
        ),
        // What several test targets share: temporary folders removed at exit, file writes, a seeded generator.
        .target(name: "TenderTestSupport", path: "Tests/TenderTestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "TenderScoringTests", dependencies: ["TenderScoring", "TenderTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "TenderRulesTests",
            dependencies: ["TenderRules", "TenderScoring", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TenderLedgerTests",
            dependencies: ["TenderTestSupport", "TenderLedger", "TenderScoring"],
            exclude: ["verifier"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TenderReportsTests",
            dependencies: ["TenderTestSupport", "TenderReports", "TenderScoring"],
            exclude: ["screenshots"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TenderPluginsTests",
            dependencies: [
                "TenderTestSupport", "TenderPlugins", "TenderScoring", .product(name: "WAT", package: "WasmKit"),
            ],
            // The shipped plugins' 1.0.0 modules and manifests, read in place.
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TenderDaemonTests",
            dependencies: [
                "TenderTestSupport",
                "TenderCLI", "TenderDaemon", "TenderLedger", "TenderRules", "TenderScoring",
                .product(name: "Logging", package: "swift-log"),
                // The commit queue's metrics, in a test that builds it without a daemon.
                .product(name: "CoreMetrics", package: "swift-metrics"),
                // To damage a ledger under a running daemon, as a failing disk would.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            // The browser test (Playwright over Debian's Chromium) that a test runs with TENDER_PYTHON.
            exclude: ["Browser"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TenderCLITests",
            dependencies: [
                "TenderTestSupport", "TenderCLI", "TenderDaemon", "TenderLedger", "TenderPlugins", "TenderRules",
                "TenderScoring",
            ],
            // Ledgers written by earlier versions, read in place (copied to a temporary folder first).
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
